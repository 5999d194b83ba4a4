// Asking for a colleague's lock and answering such a request: the "Ask Marcus to release" row under
// the lock banner, the holder's prompt (Hand over / Keep) shown over any screen, and what became of
// my request. Every button is asked of the core first.
#include "../i18n/words.hpp"
#include "imgui.h"
#include "misc/cpp/imgui_stdlib.h"
#include "../predict.hpp"
#include "../test_hook.hpp"
#include "../time_text.hpp"
#include "baton/decide.hpp"
#include "../semantics.hpp"
#include "icons.hpp"
#include "ui.hpp"
#include "views.hpp"

namespace baton::shell {
namespace {

std::string quoted(const std::string& reason) { return reason.empty() ? std::string() : ": " + tr("quote", {{"text", reason}}); }

// Keep's reason box and the two answers, for the request on ticket `t`.
void answer_buttons(const AppState& state, Edits& edits, const Ticket& t, const ViewContext& context, ViewOutput& out, const char* id) {
  ImGui::PushID(id);
  const std::string why = predict(state, t, cmd::AnswerLockRequest{true, ""}, context.now).why;
  if (ui::primary_button(ICON_HAND " " + tr("request.hand_over") + "##hand-over", why))
    out.intents.push_back(intent::Run{t.id, cmd::AnswerLockRequest{true, ""}, tr("doing.hand_over")});
  ui::tooltip(tr("request.hand_over_tip", {{"name", state.directory.name(t.lock->request->requester)}}));
  ImGui::SameLine();
  ImGui::SetNextItemWidth(ImGui::GetFontSize() * 14);
  ui::input_line("keep-reason", tr("request.keep_hint"), edits.keep_reason, 0, nullptr, tr("request.keep_label"));
  ImGui::SameLine();
  if (ui::button(tr("request.keep") + "##keep", why))
    out.intents.push_back(intent::Run{t.id, cmd::AnswerLockRequest{false, edits.keep_reason}, tr("doing.keep")});
  ImGui::PopID();
}

}  // namespace

void draw_lock_request_row(const AppState& state, Edits& edits, const Ticket& t, const ViewContext& context, ViewOutput& out) {
  if (auto it = state.lock_answers.find(t.id); it != state.lock_answers.end()) {
    ui::text_colored(it->second.handed_over ? ui::palette().live : ui::palette().locked_fg,
                     (it->second.handed_over ? ICON_CHECK " " : ICON_HAND " ") +
                         tr("request.answer_when", {{"answer", it->second.text}, {"ago", ago(it->second.at, context.now)}}));
  }
  if (!t.lock || !lock_active(t, context.now) || !state.me) return;
  const AgentId me = state.me->id;
  const std::string holder = state.directory.name(t.lock->holder);
  const auto& request = t.lock->request;
  if (t.lock->holder == me) {
    if (!request) return;
    ui::text_colored(ui::palette().mine_fg, ICON_HAND " " + tr("request.asks_here", {{"name", state.directory.name(request->requester)},
                                                                                  {"reason", quoted(request->reason)},
                                                                                  {"ago", ago(request->at, context.now)}}));
    answer_buttons(state, edits, t, context, out, "pane");
    return;
  }
  if (request && request->requester == me) {
    const Time left = request->at + state.settings.lock_request_timeout_secs * kSecond - context.now;
    std::string line = ICON_HAND " " + tr("request.you_asked", {{"holder", holder}, {"ago", ago(request->at, context.now)}});
    if (left > 0) line += tr("request.yours_in", {{"age", age(context.now, context.now + left)}});
    ui::text_colored(ui::palette().locked_fg, line);
    return;
  }
  if (request) {
    ui::text_muted(ICON_HAND " " + tr("request.someone_asked", {{"name", state.directory.name(request->requester)},
                                                                 {"holder", holder},
                                                                 {"ago", ago(request->at, context.now)}}));
    return;
  }
  const std::string why = predict(state, t, cmd::RequestLock{""}, context.now).why;
  if (ui::button(ICON_HAND " " + tr("request.ask", {{"holder", holder}}) + "##ask-lock", why)) ImGui::OpenPopup("ask-lock-popup");
  ui::tooltip(why.empty() ? tr("request.ask_tip", {{"holder", holder}}) : why);
  sem::item_popup();
  if (ImGui::BeginPopup("ask-lock-popup")) {
    sem::Scope dialog(sem::Role::dialog, "ask-lock-popup", tr("request.ask_title", {{"holder", holder}}));
    ui::text_bold(tr("request.ask_title", {{"holder", holder}}));
    ui::text_muted(tr("request.ask_help"));
    ImGui::SetNextItemWidth(ImGui::GetFontSize() * 22);
    if (ImGui::IsWindowAppearing()) ui::focus_next_field();
    bool enter = false;
    ui::input_line("ask-reason", tr("request.ask_hint"), edits.ask_reason, 0, &enter, tr("request.reason_label"));
    if (ui::primary_button(tr("request.send") + "##send-request") || enter) {
      out.intents.push_back(intent::Run{t.id, cmd::RequestLock{edits.ask_reason}, tr("doing.ask")});
      ImGui::CloseCurrentPopup();
    }
    ImGui::SameLine();
    if (ui::button(tr("request.cancel") + "##cancel-request")) ImGui::CloseCurrentPopup();
    ImGui::EndPopup();
  }
}

void draw_lock_prompts(const AppState& state, Edits& edits, const ViewContext& context, ViewOutput& out) {
  if (!state.replica) return;
  // The open ticket's request is answered in its pane (draw_lock_request_row): prompt for the others.
  std::vector<const LockPrompt*> waiting;
  for (const LockPrompt& p : state.lock_prompts)
    if (p.ticket != state.open.id) waiting.push_back(&p);
  if (waiting.empty()) return;
  const LockPrompt& prompt = *waiting.front();
  const Ticket* t = state.replica->ticket(prompt.ticket);
  if (!t || !t->lock || !t->lock->request) return;
  const float s = ui::scale();
  const ImGuiViewport* viewport = ImGui::GetMainViewport();
  const float width = std::min(560 * s, viewport->WorkSize.x - 24 * s);
  ImGui::SetNextWindowPos(ImVec2(viewport->WorkPos.x + viewport->WorkSize.x - width - 12 * s, viewport->WorkPos.y + 56 * s));
  ImGui::SetNextWindowSize(ImVec2(width, 0));
  ImGui::PushStyleColor(ImGuiCol_WindowBg, ui::palette().mine_bg);
  ImGui::PushStyleColor(ImGuiCol_Border, ui::palette().accent);
  ImGui::PushStyleVar(ImGuiStyleVar_WindowBorderSize, 2 * s);
  const ImGuiWindowFlags flags = ImGuiWindowFlags_NoDecoration | ImGuiWindowFlags_NoMove | ImGuiWindowFlags_NoSavedSettings |
                                 ImGuiWindowFlags_AlwaysAutoResize | ImGuiWindowFlags_NoFocusOnAppearing;
  if (ImGui::Begin("##lock-prompt", nullptr, flags)) {
    sem::Scope dialog(sem::Role::alertdialog, "lock-prompt", tr("request.prompt_title", {{"name", state.directory.name(prompt.requester)}}));
    ui::push_font(ui::fonts().bold);
    ImGui::PushTextWrapPos(0);
    ui::text_colored(ui::palette().mine_fg, ICON_HAND " " + tr("request.asks_for", {{"name", state.directory.name(prompt.requester)},
                                                                                 {"ref", prompt.ref},
                                                                                 {"reason", quoted(prompt.reason)}}));
    ImGui::PopTextWrapPos();
    ImGui::PopFont();
    ui::text_muted(tr("request.prompt_detail", {{"subject", tr("quote", {{"text", prompt.subject}})}, {"ago", ago(prompt.at, context.now)}}));
    answer_buttons(state, edits, *t, context, out, "prompt");
    ImGui::SameLine();
    if (ui::button(tr("request.open") + "##open-requested")) out.intents.push_back(intent::Open{prompt.ticket});
    if (waiting.size() > 1) ui::text_muted(trn("request.more_waiting", static_cast<std::int64_t>(waiting.size() - 1)));
  }
  ImGui::End();
  ImGui::PopStyleVar();
  ImGui::PopStyleColor(2);
}

}  // namespace baton::shell
