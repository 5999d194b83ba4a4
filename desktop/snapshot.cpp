#include "snapshot.hpp"

#include <cstdio>
#include <fstream>

namespace baton::desktop {

void write_snapshot(const std::string& path, const std::string& hook_json, nlohmann::json desktop) {
  nlohmann::json snapshot = nlohmann::json::parse(hook_json, nullptr, false);
  if (!snapshot.is_object()) return;
  snapshot["desktop"] = std::move(desktop);
  const std::string temporary = path + ".tmp";
  {
    std::ofstream out(temporary, std::ios::trunc);
    out << snapshot.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace);
    if (!out) return;
  }
  std::rename(temporary.c_str(), path.c_str());
}

}  // namespace baton::desktop
