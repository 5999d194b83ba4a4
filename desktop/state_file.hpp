#pragma once
// The desktop's Storage (the browser's localStorage): string keys and values in one
// JSON file, rewritten whole on each change through a temporary file and a rename, so a crash
// leaves the old file or the new one, never half of one.
#include <filesystem>
#include <map>
#include <optional>
#include <string>

#include "storage.hpp"

namespace baton::desktop {

class StateFile : public shell::Storage {
 public:
  explicit StateFile(std::filesystem::path path);
  std::optional<std::string> load(const std::string& key) override;
  void save(const std::string& key, const std::string& value) override;
  void erase(const std::string& key) override;
  std::string where() const override { return "on this computer"; }
  const std::filesystem::path& path() const { return path_; }
  // Why the last write failed (empty: it did not). The workspace carries on in memory.
  const std::string& error() const { return error_; }

  // $XDG_STATE_HOME/baton, else ~/.local/state/baton; one file per server, so two servers' sessions
  // never mix: desktop-127.0.0.1-8000.json.
  static std::filesystem::path default_path(const std::string& host, const std::string& port);

 private:
  void write();
  std::filesystem::path path_;
  std::map<std::string, std::string> values_;
  std::string error_;
};

}  // namespace baton::desktop
