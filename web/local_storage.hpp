#pragma once
// The browser's localStorage as the workspace's Storage: the session and unsent drafts survive a
// reload (a private window, or storage turned off, simply keeps nothing).
#include "storage.hpp"

namespace baton::web {

class LocalStorage : public shell::Storage {
 public:
  std::optional<std::string> load(const std::string& key) override;
  void save(const std::string& key, const std::string& value) override;
  void erase(const std::string& key) override;
  std::string where() const override { return "in this browser"; }
};

}  // namespace baton::web
