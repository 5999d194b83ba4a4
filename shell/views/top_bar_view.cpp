// The top bar: the views with their counts, the search box, the connection, and my menu.
#include <cstring>
#include <optional>

#include "../i18n/words.hpp"
#include "imgui.h"
#include "misc/cpp/imgui_stdlib.h"
#include "../list_rows.hpp"
#include "../semantics.hpp"
#include "../sync.hpp"
#include "baton/api/routes.hpp"
#include "icons.hpp"
#include "ui.hpp"
#include "views.hpp"

namespace baton::shell {

namespace {

ImU32 link_color(Link link) {
  switch (link) {
    case Link::live: return ui::palette().live;
    case Link::offline: return ui::palette().offline;
    case Link::waiting: return ui::palette().offline;
    default: return ui::palette().waiting;
  }
}

}  // namespace

void draw_top_bar(const AppState& state, Edits& edits, const ViewContext& context, ViewOutput& out) {
  const float s = ui::scale();
  ui::push_font(ui::fonts().heading);
  ImGui::AlignTextToFramePadding();
  ui::text_colored(ui::palette().accent, ICON_EXCHANGE " Baton");
  sem::heading(1);
  ImGui::PopFont();
  ImGui::SameLine(0, 18 * s);
  const ImVec2 views_at = ImGui::GetCursorScreenPos();
  std::optional<sem::Scope> views(std::in_place, sem::Role::tablist, "views", tr("top.views_label"), views_at.x, views_at.y,
                                  0.0f, ImGui::GetFrameHeight());
  for (View view : kListViews) {
    std::string label = view_name(view);
    if (const auto& counts = state.list.counts) label += " " + std::to_string(view_count(*counts, view));
    label += "##view-" + std::string(api::view_name(view));
    const bool current = state.list.view == view;
    if (current) {
      ImGui::PushStyleColor(ImGuiCol_Button, ImGui::GetStyleColorVec4(ImGuiCol_Header));
      ImGui::PushStyleColor(ImGuiCol_Text, ui::palette().mine_fg);
    }
    if (ImGui::Button(label.c_str())) out.intents.push_back(intent::ShowView{view});
    sem::item_role(sem::Role::tab, current);
    if (current) ImGui::PopStyleColor(2);
    ImGui::SameLine();
  }
  if (sem::Node* node = views->node()) node->w = ImGui::GetItemRectMax().x - views_at.x;
  views.reset();
  ImGui::SameLine(0, 12 * s);
  // Right side: connection and my menu; the search box takes what is left between, or a line of
  // its own in a narrow window.
  const std::string link = link_text(state.sync, context.now);
  const std::string me = state.me ? ui::first_name(state.me->name) : std::string();
  const float right = ImGui::CalcTextSize(link.c_str()).x + ImGui::CalcTextSize(me.c_str()).x + 120 * s;
  const bool own_line = ImGui::GetContentRegionAvail().x - right < 220 * s;
  auto search_box = [&](float width) {
    ImGui::SetNextItemWidth(width);
    if (ui::input_line("search", tr("top.search_hint"), edits.search, 0, nullptr, tr("top.search_label")))
      out.intents.push_back(intent::SearchTyped{edits.search});
  };
  if (!own_line) search_box(ImGui::GetContentRegionAvail().x - right);
  if (!own_line) ImGui::SameLine(0, 14 * s);
  const std::string me_label = ICON_USER " " + me + " \xe2\x96\xbe##me";
  const float link_and_me = ImGui::CalcTextSize(ICON_CIRCLE).x + ImGui::CalcTextSize(link.c_str()).x + 18 * s +
                            ImGui::CalcTextSize(me_label.c_str(), nullptr, true).x + 2 * ImGui::GetStyle().FramePadding.x;
  if (ImGui::GetCursorPosX() + link_and_me > ui::content_right()) ImGui::NewLine();  // a zoomed page: never cut off
  ImGui::AlignTextToFramePadding();
  ui::text_colored(link_color(state.sync.state()), ICON_CIRCLE);
  ImGui::SameLine(0, 4 * s);
  ui::text(link);
  ImGui::SameLine(0, 14 * s);
  if (ImGui::Button(me_label.c_str())) ImGui::OpenPopup("me-menu");
  sem::item_popup();
  if (ImGui::BeginPopup("me-menu")) {
    sem::Scope menu(sem::Role::menu, "me-menu", me);
    if (state.me) ui::text_muted(state.me->role == Role::admin ? tr("me.email_admin", {{"email", state.me->email}}) : state.me->email);
    ImGui::Separator();
    if (ImGui::MenuItem((ICON_COG "  " + tr("me.automations") + "##automations").c_str())) out.intents.push_back(intent::OpenSettings{});
    if (state.me && state.me->role == Role::admin &&
        ImGui::MenuItem((ICON_CHART "  " + tr("me.report") + "##collision-report").c_str()))
      out.intents.push_back(intent::OpenReport{state.report.days});
    if (state.me && state.me->role == Role::admin &&
        ImGui::MenuItem((ICON_ENVELOPE "  " + tr("me.outbox") + "##mail-outbox").c_str()))
      out.intents.push_back(intent::OpenOutbox{state.outbox.filter});
    if (ImGui::MenuItem((ICON_KEYBOARD "  " + tr("me.shortcuts") + "##keyboard-shortcuts").c_str(), "?"))
      out.intents.push_back(intent::OpenShortcuts{});
    if (ImGui::BeginMenu((ICON_COMMENT "  " + tr("me.language") + "##language").c_str())) {
      sem::Scope languages(sem::Role::menu, "language-menu", tr("me.language"));
      const std::string browser = i18n::choose("", "", context.browser_languages, i18n::languages());
      const i18n::Catalog* auto_catalog = i18n::languages().find(browser);
      if (ImGui::MenuItem((tr("me.language_auto", {{"name", auto_catalog ? auto_catalog->name() : browser}}) + "##language-auto").c_str(),
                          nullptr, state.chosen_language().empty()))
        out.intents.push_back(intent::ChooseLanguage{""});
      for (const i18n::Catalog* catalog : i18n::languages().all())
        if (ImGui::MenuItem((catalog->name() + "##language-" + catalog->code()).c_str(), nullptr,
                            state.chosen_language() == catalog->code()))
          out.intents.push_back(intent::ChooseLanguage{catalog->code()});
      ImGui::EndMenu();
    }
    if (ImGui::BeginMenu((ICON_ADJUST "  " + tr("me.theme") + "##theme").c_str())) {
      const std::string system = tr("theme." + std::string(theme_name(context.system_theme)));
      for (std::optional<Theme> theme : {std::optional<Theme>(), std::optional(Theme::light), std::optional(Theme::dark),
                                         std::optional(Theme::contrast)}) {
        const std::string name = theme ? std::string(theme_name(*theme)) : "system";
        const std::string words = theme ? tr("theme." + name) : tr("theme.system", {{"name", system}});
        if (ImGui::MenuItem((words + "##theme-" + name).c_str(), nullptr, state.theme_choice == theme))
          out.intents.push_back(intent::ChooseTheme{theme});
      }
      ImGui::EndMenu();
    }
    if (ImGui::MenuItem((ICON_SIGN_OUT "  " + tr("me.log_out") + "##logout").c_str())) out.intents.push_back(intent::LogOut{});
    ImGui::EndPopup();
  }
  if (own_line) search_box(-1);
  ImGui::Spacing();
}

void draw_status_line(const AppState& state, const ViewContext& context) {
  ImGui::AlignTextToFramePadding();
  if (state.sync.state() != Link::live && state.sync.state() != Link::offline) {
    ui::text_colored(ui::palette().waiting, ICON_PLUG " " + tr("status.draft_safe", {{"link", link_text(state.sync, context.now)}}));
    ImGui::SameLine(0, 20 * ui::scale());
  }
  if (!state.status.empty() && context.now - state.status_at < 12 * kSecond)
    ui::text_colored(state.status_is_error ? ui::palette().error : ui::palette().muted, state.status);
  else if (state.sync.state() == Link::live && state.replica)
    ui::text_muted(trn("status.tickets_loaded", static_cast<std::int64_t>(state.replica->size())));
}

}  // namespace baton::shell
