#include "state_file.hpp"

#include <cstdlib>
#include <fstream>
#include <sstream>
#include <system_error>

#include <nlohmann/json.hpp>

namespace baton::desktop {

StateFile::StateFile(std::filesystem::path path) : path_(std::move(path)) {
  std::ifstream in(path_);
  if (!in) return;
  std::stringstream text;
  text << in.rdbuf();
  const auto json = nlohmann::json::parse(text.str(), nullptr, /*allow_exceptions=*/false);
  if (!json.is_object()) return;  // unreadable: start empty, the next save replaces it
  for (const auto& [key, value] : json.items())
    if (value.is_string()) values_[key] = value.get<std::string>();
}

std::optional<std::string> StateFile::load(const std::string& key) {
  const auto it = values_.find(key);
  if (it == values_.end()) return std::nullopt;
  return it->second;
}

void StateFile::save(const std::string& key, const std::string& value) {
  const auto it = values_.find(key);
  if (it != values_.end() && it->second == value) return;
  values_[key] = value;
  write();
}

void StateFile::erase(const std::string& key) {
  if (values_.erase(key)) write();
}

void StateFile::write() {
  std::error_code ec;
  if (path_.has_parent_path()) std::filesystem::create_directories(path_.parent_path(), ec);
  const std::filesystem::path temporary = path_.string() + ".tmp";
  {
    std::ofstream out(temporary, std::ios::trunc);
    out << nlohmann::json(values_).dump(1);
    if (!out) {
      error_ = "could not write " + temporary.string();
      return;
    }
  }
  std::filesystem::permissions(temporary, std::filesystem::perms::owner_read | std::filesystem::perms::owner_write,
                               ec);  // it holds a session token
  std::filesystem::rename(temporary, path_, ec);
  error_ = ec ? "could not replace " + path_.string() + ": " + ec.message() : std::string();
}

std::filesystem::path StateFile::default_path(const std::string& host, const std::string& port) {
  std::filesystem::path folder;
  if (const char* state = std::getenv("XDG_STATE_HOME"); state && *state) folder = state;
  else if (const char* home = std::getenv("HOME"); home && *home) folder = std::filesystem::path(home) / ".local" / "state";
  else folder = std::filesystem::temp_directory_path();
  std::string name = "desktop-" + host + "-" + port + ".json";
  for (char& c : name)
    if (c == '/' || c == ':' || c == '\\') c = '_';
  return folder / "baton" / name;
}

}  // namespace baton::desktop
