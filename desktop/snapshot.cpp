#include "snapshot.hpp"

#include <cstdio>
#include <fstream>

#include "imgui.h"
#include "imgui_internal.h"
#include "list_rows.hpp"
#include "test_hook.hpp"

namespace baton::desktop {

nlohmann::json keyboard_part(const shell::AppState& state) {
  const ImGuiContext& g = *ImGui::GetCurrentContext();
  const auto widget = [](ImGuiID id) -> nlohmann::json {
    for (const shell::hook::Widget& w : shell::hook::widgets())
      if (id && w.id == id) return w.name;
    return nullptr;
  };
  const std::size_t cursor = state.list.cursor;
  return {{"focus", widget(g.NavId)},
          {"cursor_visible", g.NavCursorVisible},
          {"typing_in", ImGui::GetIO().WantTextInput ? widget(g.ActiveId) : nullptr},
          {"list_cursor", cursor < shell::list_row_count(state) ? shell::list_row(state, cursor) : 0},
          {"open_ticket", state.open.id}};
}

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
