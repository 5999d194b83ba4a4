// The admin automations (/api/settings): editable by an admin, read-only for everyone else.
#include "imgui.h"
#include "icons.hpp"
#include "ui.hpp"
#include "views.hpp"

namespace baton::shell {
namespace {

void seconds_field(const char* label, const char* id, std::int64_t& value, int low, int high, const char* help) {
  ui::text(label);
  ImGui::SameLine(ImGui::GetFontSize() * 17);
  int v = static_cast<int>(value);
  ImGui::SetNextItemWidth(ImGui::GetFontSize() * 8);
  if (ImGui::InputInt(id, &v, 10, 60)) value = std::clamp(v, low, high);
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
  ImGui::OpenPopup("Automations");
  const ImGuiViewport* viewport = ImGui::GetMainViewport();
  ImGui::SetNextWindowPos(viewport->GetCenter(), ImGuiCond_Appearing, ImVec2(0.5f, 0.5f));
  ImGui::SetNextWindowSize(ImVec2(std::min(860 * s, viewport->WorkSize.x - 40 * s), 0));
  bool open = true;
  if (!ImGui::BeginPopupModal("Automations", &open, ImGuiWindowFlags_NoSavedSettings)) return;
  ui::text_muted(admin ? "What the helpdesk does by itself. Changes apply to locks taken from now on."
                       : "What the helpdesk does by itself. Only an admin can change these.");
  ImGui::Separator();
  Settings& edit = edits.settings;
  ImGui::BeginDisabled(!admin);
  seconds_field("Lock timeout (seconds)", "##lock_timeout", edit.lock_timeout_secs, 0, 86400, "0 = locks never expire");
  seconds_field("Disconnect grace (seconds)", "##disconnect_grace", edit.disconnect_grace_secs, 1, 3600,
                "a lock is released when its holder is offline this long");
  flag_field("Unlock on reply##unlock_on_reply", edit.unlock_on_reply, "sending a reply releases the sender's lock");
  flag_field("Release lock on reassign##release_on_reassign", edit.release_lock_on_reassign,
             "assigning to someone else releases the lock");
  flag_field("Auto-assign new tickets##auto_assign", edit.auto_assign, "round-robin to online agents of the department");
  bool on_typing = edit.lock_mode == LockMode::on_typing;
  flag_field("Lock on typing##lock_on_typing", on_typing, "the first keystroke of a reply locks a free ticket");
  edit.lock_mode = on_typing ? LockMode::on_typing : LockMode::manual;
  seconds_field("Typing lock idle (seconds)", "##idle_release", edit.idle_release_secs, 10, 86400,
                "a lock taken by typing ends after this long without typing");
  seconds_field("Undo send (seconds)", "##undo_send", edit.undo_send_secs, 0, 120,
                "a sent reply waits this long and can be taken back; 0 = off");
  seconds_field("Lock request timeout (seconds)", "##lock_request_timeout", edit.lock_request_timeout_secs, 5, 3600,
                "an unanswered request to an idle or offline holder hands the lock over");
  ImGui::EndDisabled();
  if (!admin) ui::tooltip("Only an admin can change the automations");
  ImGui::Spacing();
  if (!state.settings_notice.empty()) ui::text_muted(state.settings_notice);
  if (admin) {
    if (ui::primary_button("Save##save-settings", edit == state.settings ? "Nothing changed" : "")) out.intents.push_back(intent::SaveSettings{edit});
    ImGui::SameLine();
  }
  if (ui::button("Close##close-settings")) open = false;
  ImGui::EndPopup();
  if (!open) out.intents.push_back(intent::CloseSettings{});
}

}  // namespace baton::shell
