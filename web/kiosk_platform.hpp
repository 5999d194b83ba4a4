#pragma once
// The browser platform for the training kiosk: everything as the page, except that storage lives
// in memory (a reset starts clean, and the real workspace's session on this origin is untouched).
#include <map>

#include "web_platform.hpp"

namespace baton::web {

class KioskPlatform : public WebPlatform {
 public:
  std::optional<std::string> load(const std::string& key) override {
    auto it = storage_.find(key);
    return it == storage_.end() ? std::nullopt : std::optional<std::string>(it->second);
  }
  void save(const std::string& key, const std::string& value) override { storage_[key] = value; }
  void erase(const std::string& key) override { storage_.erase(key); }
  void set_title(const std::string&) override { WebPlatform::set_title("Baton training kiosk"); }
  void clear() { storage_ = {{"baton.token", "kiosk"}}; }  // starts logged in as the trainee

 private:
  std::map<std::string, std::string> storage_;
};

}  // namespace baton::web
