// The window: login, or the workspace's two panes under the top bar, and the status line.
#include "../i18n/words.hpp"
#include "imgui.h"
#include "../semantics.hpp"
#include "../test_hook.hpp"
#include "ui.hpp"
#include "views.hpp"

namespace baton::shell {


void draw_app(const AppState& state, Edits& edits, const ViewContext& context, ViewOutput& out) {
  hook::begin_frame();
  const ImGuiViewport* viewport = ImGui::GetMainViewport();
  ImGui::SetNextWindowPos(viewport->WorkPos);
  ImGui::SetNextWindowSize(viewport->WorkSize);
  const ImGuiWindowFlags flags = ImGuiWindowFlags_NoDecoration | ImGuiWindowFlags_NoMove |
                                 ImGuiWindowFlags_NoSavedSettings | ImGuiWindowFlags_NoBringToFrontOnFocus;
  ImGui::Begin("Baton", nullptr, flags);
  if (state.screen == Screen::login) {
    sem::Scope main(sem::Role::main, "login", tr("login.submit"));
    draw_login(state, edits, context, out);
    ImGui::End();
    hook::end_frame("login");
    return;
  }
  {
    sem::Scope banner(sem::Role::banner, "top", "Baton");
    draw_top_bar(state, edits, context, out);
  }
  const float status_height = ImGui::GetFrameHeightWithSpacing();
  const float height = ImGui::GetContentRegionAvail().y - status_height;
  const float width = ImGui::GetContentRegionAvail().x;
  const bool narrow = width < 760.0f * ui::scale();
  // The panes are flattened into the window's keyboard navigation (the desktop's): Tab and the
  // arrows go from the top bar to the list and the ticket's controls as they are drawn.
  if (narrow) {  // one pane: the list, or the open ticket with a way back
    if (state.open.id) {
      if (ui::button("< " + tr("app.back_to_list") + "##back")) out.intents.push_back(intent::CloseTicket{});
      ImGui::BeginChild("pane", ImVec2(0, height - ImGui::GetFrameHeightWithSpacing()), ImGuiChildFlags_NavFlattened);
      sem::Scope main(sem::Role::main, "pane", tr("app.ticket_region"));
      draw_ticket_pane(state, edits, context, out);
      ImGui::EndChild();
    } else {
      ImGui::BeginChild("list", ImVec2(0, height), ImGuiChildFlags_Borders | ImGuiChildFlags_NavFlattened);
      sem::Scope nav(sem::Role::navigation, "list", tr("app.list_region"));
      draw_ticket_list(state, edits, context, out);
      ImGui::EndChild();
    }
  } else {
    const float list_width = std::clamp(width * 0.34f, 300.0f * ui::scale(), 520.0f * ui::scale());
    ImGui::BeginChild("list", ImVec2(list_width, height), ImGuiChildFlags_Borders | ImGuiChildFlags_NavFlattened);
    {
      sem::Scope nav(sem::Role::navigation, "list", tr("app.list_region"));
      draw_ticket_list(state, edits, context, out);
    }
    ImGui::EndChild();
    ImGui::SameLine();
    ImGui::BeginChild("pane", ImVec2(0, height), ImGuiChildFlags_Borders | ImGuiChildFlags_NavFlattened);
    {
      sem::Scope main(sem::Role::main, "pane", tr("app.ticket_region"));
      draw_ticket_pane(state, edits, context, out);
    }
    ImGui::EndChild();
  }
  {
    const ImVec2 at = ImGui::GetCursorScreenPos();
    sem::Scope status(sem::Role::region, "status-line", tr("app.status_region"), at.x, at.y,
                      ImGui::GetContentRegionAvail().x, ImGui::GetFrameHeight());
    draw_status_line(state, context);
  }
  if (state.settings_open) draw_settings(state, edits, out);
  if (state.report.open) draw_report(state, out);
  if (state.outbox.open) draw_outbox(state, context, out);
  if (state.shortcuts_open) draw_shortcuts(edits, out);
  else if (wants_shortcuts()) out.intents.push_back(intent::OpenShortcuts{});
  if (!state.shortcuts_open) edits.shortcuts_focused = false;
  ImGui::End();
  draw_lock_prompts(state, edits, context, out);
  if (context.tour) draw_tour(*context.tour, out);
  hook::end_frame("workspace");
}

}  // namespace baton::shell
