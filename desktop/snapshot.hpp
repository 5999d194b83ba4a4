#pragma once
// The test hook's snapshot as a file (--snapshot-file): what the page's window.baton.snapshot()
// returns, plus a `desktop` part only this build knows (title, scale, the F12 panel's contents).
#include <string>

#include <nlohmann/json.hpp>

#include "app_state.hpp"

namespace baton::desktop {

// Where the keyboard is, for tests that drive the window with keys alone: the control ImGui's
// navigation is on (`focus`, a widget id, null for none), whether its cursor shows, the text field
// the keys go to (`typing_in`), the ticket under the list's cursor (`list_cursor`, 0: none) and
// the open ticket (`open_ticket`, 0: none).
nlohmann::json keyboard_part(const shell::AppState& state);

// Written through a temporary file and a rename: readers see the old snapshot or the new one.
void write_snapshot(const std::string& path, const std::string& hook_json, nlohmann::json desktop);

}  // namespace baton::desktop
