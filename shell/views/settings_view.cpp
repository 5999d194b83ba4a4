// The admin automations (/api/settings): editable by an admin, read-only for everyone else.
#include <cstdlib>

#include "../i18n/words.hpp"
#include "imgui.h"
#include "../semantics.hpp"
#include "icons.hpp"
#include "ui.hpp"
#include "views.hpp"

namespace baton::shell {
namespace {

// Seconds in a text box: a number in range is taken as it is typed; anything else waits (the box
// keeps what is typed; Save sends the last good value).
void seconds_field(const std::string& label, const char* id, std::int64_t& value, int low, int high, const std::string& help) {
  ui::text(label);
  ImGui::SameLine(ImGui::GetFontSize() * 17);
  std::string text = std::to_string(value);
  ImGui::SetNextItemWidth(ImGui::GetFontSize() * 8);
  if (ui::input_line(id, "", text, ImGuiInputTextFlags_CharsDecimal, nullptr, label + " (" + help + ")")) {
    char* end = nullptr;
    const long long typed = std::strtoll(text.c_str(), &end, 10);
    if (!text.empty() && end && *end == '\0' && typed >= low && typed <= high) value = typed;
  }
  ImGui::SameLine();
  ui::text_muted(help);
}

void flag_field(const char* label, bool& value, const char* help) {
  ImGui::Checkbox(label, &value);
  ImGui::SameLine();
  ui::text_muted(help);
}

}  // namespace

void draw_settings(const AppState& state, Edits& edits, ViewOutput& out) {
  const float s = ui::scale();
  const bool admin = state.me && state.me->role == Role::admin;
  const std::string title = tr("settings.title") + "###automations";
  bool open = true;
  if (!ui::begin_modal(title, 860 * s, 0, open, 0, /*keep_centred=*/false)) return;
  sem::Scope dialog(sem::Role::dialog, "automations", tr("settings.title"));
  dialog.node()->modal = true;
  ui::text_muted(tr(admin ? "settings.intro_admin" : "settings.intro_agent"));
  ImGui::Separator();
  Settings& edit = edits.settings;
  ImGui::BeginDisabled(!admin);
  seconds_field(tr("settings.lock_timeout"), "lock_timeout", edit.lock_timeout_secs, 0, 86400,
                tr("settings.lock_timeout_help"));
  seconds_field(tr("settings.disconnect_grace"), "disconnect_grace", edit.disconnect_grace_secs, 1, 3600,
                tr("settings.disconnect_grace_help"));
  flag_field((tr("settings.unlock_on_reply") + "##unlock_on_reply").c_str(), edit.unlock_on_reply,
             tr("settings.unlock_on_reply_help").c_str());
  flag_field((tr("settings.release_on_reassign") + "##release_on_reassign").c_str(), edit.release_lock_on_reassign,
             tr("settings.release_on_reassign_help").c_str());
  flag_field((tr("settings.auto_assign") + "##auto_assign").c_str(), edit.auto_assign, tr("settings.auto_assign_help").c_str());
  bool on_typing = edit.lock_mode == LockMode::on_typing;
  flag_field((tr("settings.lock_on_typing") + "##lock_on_typing").c_str(), on_typing, tr("settings.lock_on_typing_help").c_str());
  edit.lock_mode = on_typing ? LockMode::on_typing : LockMode::manual;
  seconds_field(tr("settings.idle_release"), "idle_release", edit.idle_release_secs, 10, 86400,
                tr("settings.idle_release_help"));
  seconds_field(tr("settings.undo_send"), "undo_send", edit.undo_send_secs, 0, 120, tr("settings.undo_send_help"));
  seconds_field(tr("settings.request_timeout"), "lock_request_timeout", edit.lock_request_timeout_secs, 5, 3600,
                tr("settings.request_timeout_help"));
  ImGui::EndDisabled();
  if (!admin) ui::tooltip(tr("settings.admin_only"));
  ImGui::Spacing();
  if (!state.settings_notice.empty()) ui::text_muted(state.settings_notice);
  if (admin) {
    if (ui::primary_button(tr("settings.save") + "##save-settings", edit == state.settings ? tr("settings.unchanged") : ""))
      out.intents.push_back(intent::SaveSettings{edit});
    ImGui::SameLine();
  }
  if (ui::button(tr("dialog.close") + "##close-settings")) open = false;
  ImGui::EndPopup();
  if (!open) out.intents.push_back(intent::CloseSettings{});
}

}  // namespace baton::shell
