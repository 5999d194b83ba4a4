// The login card: email, password, Log in, and what went wrong in words.
#include "../i18n/words.hpp"
#include "imgui.h"
#include "icons.hpp"
#include "ui.hpp"
#include "views.hpp"

namespace baton::shell {

// While the server asks to wait: why Log in waits ("Too many attempts: try again in 4 s", counted
// from the state's deadline and this frame's clock); empty once it may be pressed.
std::string login_wait_words(const LoginForm& form, Time now) {
  if (now >= form.retry_at) return {};
  if (!form.throttled) return tr("login.server_busy");
  return tr("login.too_many", {{"n", (form.retry_at - now + kSecond - 1) / kSecond}});
}

void draw_login(const AppState& state, Edits& edits, const ViewContext& context, ViewOutput& out) {
  const LoginForm& form = state.login;
  const std::string wait = login_wait_words(form, context.now);
  // The busy server's words stay after its second is over; a countdown is only words while it runs.
  const std::string error = form.throttled ? wait : form.error;
  const float s = ui::scale();
  const ImVec2 area = ImGui::GetContentRegionAvail();
  const float card_w = std::min(380.0f * s, area.x - 20 * s), card_h = 330.0f * s;
  ImGui::SetCursorPos(ImVec2((area.x - card_w) / 2, std::max(20.0f * s, (area.y - card_h) / 2.4f)));
  ImGui::PushStyleColor(ImGuiCol_ChildBg, ui::palette().surface);
  ImGui::PushStyleVar(ImGuiStyleVar_WindowPadding, ImVec2(24 * s, 22 * s));
  ImGui::BeginChild("login", ImVec2(card_w, card_h), ImGuiChildFlags_Borders | ImGuiChildFlags_AlwaysUseWindowPadding | ImGuiChildFlags_NavFlattened);
  ui::push_font(ui::fonts().heading);
  ui::text_colored(ui::palette().accent, ICON_EXCHANGE " Baton");
  ImGui::PopFont();
  ui::text_muted(tr("login.subtitle"));
  ImGui::Spacing();
  ImGui::BeginDisabled(form.busy);
  ui::text(tr("login.email"));
  ImGui::SetNextItemWidth(-1);
  if (ImGui::IsWindowAppearing() && edits.email.empty()) ui::focus_next_field();  // typing goes to Email at once
  bool submit = false, entered = false;
  ui::input_line("email", "", edits.email, ImGuiInputTextFlags_CharsNoBlank, &entered, tr("login.email"));
  submit |= entered;
  ui::text(tr("login.password"));
  ImGui::SetNextItemWidth(-1);
  ui::input_line("password", "", edits.password, ImGuiInputTextFlags_Password, &entered, tr("login.password"));
  submit |= entered;
  ImGui::Spacing();
  submit |= ui::primary_button(tr(form.busy ? "login.busy" : "login.submit") + "##login", wait, ImVec2(-1, 0));
  ImGui::EndDisabled();
  if (submit && !form.busy && wait.empty()) out.intents.push_back(intent::LogIn{edits.email, edits.password});
  if (!error.empty()) {
    ImGui::Spacing();
    ImGui::PushTextWrapPos(0);
    ui::text_colored(ui::palette().error, ICON_WARNING " " + error);
    ImGui::PopTextWrapPos();
  }
  ImGui::EndChild();
  ImGui::PopStyleVar();
  ImGui::PopStyleColor();
}

}  // namespace baton::shell
