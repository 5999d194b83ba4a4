#pragma once
// Small persistent storage that outlives the window: the session token, the last email, unsent
// drafts. Each host injects its own (the browser's localStorage, the desktop's state file, the
// kiosk's memory); the workspace only names keys.
#include <map>
#include <optional>
#include <string>

namespace baton::shell {

class Storage {
 public:
  virtual ~Storage() = default;
  virtual std::optional<std::string> load(const std::string& key) = 0;
  virtual void save(const std::string& key, const std::string& value) = 0;
  virtual void erase(const std::string& key) = 0;
  // Where a draft waits while offline, for the words under the editor: "in this browser".
  virtual std::string where() const = 0;
};

// Storage that ends with the process: the kiosk (a reset starts clean and leaves the real
// workspace's session alone) and tests.
class MemoryStorage : public Storage {
 public:
  std::optional<std::string> load(const std::string& key) override {
    auto it = values.find(key);
    return it == values.end() ? std::nullopt : std::optional<std::string>(it->second);
  }
  void save(const std::string& key, const std::string& value) override { values[key] = value; }
  void erase(const std::string& key) override { values.erase(key); }
  std::string where() const override { return "here"; }

  std::map<std::string, std::string> values;
};

}  // namespace baton::shell
