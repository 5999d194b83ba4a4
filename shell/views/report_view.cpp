// The admin's collision report: what the collision rules prevented, per day and per agent, with a
// chart of the days and a CSV download. Reads state.report; the App fetches it.
#include <cstdio>

#include "../i18n/words.hpp"
#include "imgui.h"
#include "../semantics.hpp"
#include "../test_hook.hpp"
#include "icons.hpp"
#include "ui.hpp"
#include "views.hpp"

namespace baton::shell {
namespace {

std::string n(std::int64_t value) { return std::to_string(value); }

// Prevented on a day: replies kept out by a lock, and sends held until the agent saw the change.
float prevented(const CollisionCounts& c) { return static_cast<float>(c.blocked_by_lock + c.held_stale); }

void headline(const CollisionCounts& t) {
  ui::text_colored(t.slipped_through ? ui::palette().error : ui::palette().live,
                   (t.slipped_through ? ICON_WARNING " " : ICON_CHECK " ") + tr("report.slipped", {{"n", t.slipped_through}}));
  ui::tooltip(tr("report.slipped_tip"));
  ui::text(ICON_LOCK " " + tr("report.blocked", {{"n", t.blocked_by_lock}}) + "      " ICON_WARNING " " +
           tr("report.stale", {{"n", t.held_stale}, {"anyway", t.sent_anyway}, {"revised", t.revised}}));
  ui::text(ICON_HAND " " + tr("report.requests", {{"n", t.lock_requests}, {"handed", t.handovers}, {"auto", t.handovers_automatic}}) +
           "      " ICON_CLOCK " " +
           tr("report.released", {{"expired", t.released_expired}, {"disconnected", t.released_disconnected}, {"idle", t.released_idle}}));
}

void chart(const CollisionReport& report) {
  std::vector<float> values;
  float most = 0;
  std::string peak_day;
  for (const DayReport& day : report.days) {
    values.push_back(prevented(day.totals));
    if (values.back() > most) most = values.back(), peak_day = day.day;
  }
  if (values.empty()) return;
  const std::string overlay = most > 0 ? tr("report.peak", {{"n", static_cast<std::int64_t>(most)}, {"day", peak_day}})
                                       : tr("report.none_in_range");
  const std::string caption = tr("report.chart_caption", {{"from", report.days.front().day}, {"to", report.days.back().day}});
  ui::text_muted(caption);
  ImGui::PushStyleColor(ImGuiCol_PlotHistogram, ImGui::ColorConvertU32ToFloat4(ui::palette().accent));
  ImGui::PushStyleColor(ImGuiCol_FrameBg, ImGui::ColorConvertU32ToFloat4(ui::palette().background));
  ImGui::PlotHistogram("##prevented-per-day", values.data(), static_cast<int>(values.size()), 0, overlay.c_str(), 0,
                       std::max(1.0f, most) * 1.25f,
                       ImVec2(ImGui::GetContentRegionAvail().x, 110 * ui::scale()));
  ImGui::PopStyleColor(2);
  hook::name_last_item("report-chart", caption, true);
  ui::text_muted(report.days.front().day);
  ImGui::SameLine(ui::content_right() - ImGui::CalcTextSize(report.days.back().day.c_str()).x);
  ui::text_muted(report.days.back().day);
}

void agents_table(const AppState& state, const CollisionReport& report) {
  const ImGuiTableFlags flags = ImGuiTableFlags_RowBg | ImGuiTableFlags_BordersInnerH | ImGuiTableFlags_SizingStretchProp |
                                ImGuiTableFlags_ScrollY;
  // The rest of the report's area, header row frozen, the agents scrolling under it.
  const float height = std::max(4 * ImGui::GetTextLineHeightWithSpacing(), ImGui::GetContentRegionAvail().y);
  if (!ImGui::BeginTable("report-agents", 8, flags, ImVec2(0, height))) return;
  for (const char* column : {"report.col.agent", "report.col.blocked", "report.col.stale", "report.col.anyway_revised",
                             "report.col.requests", "report.col.handed", "report.col.released", "report.col.slipped"})
    ImGui::TableSetupColumn(tr(column).c_str());
  ImGui::TableSetupScrollFreeze(0, 1);
  ImGui::TableHeadersRow();
  for (const AgentCounts& row : report.agents) {
    const CollisionCounts& c = row.counts;
    ImGui::TableNextRow();
    for (const std::string& cell : {state.directory.name(row.agent), n(c.blocked_by_lock), n(c.held_stale),
                                    n(c.sent_anyway) + " / " + n(c.revised), n(c.lock_requests),
                                    n(c.handovers) + " (" + n(c.handovers_automatic) + ")",
                                    n(c.released_expired) + " / " + n(c.released_disconnected) + " / " + n(c.released_idle),
                                    n(c.slipped_through)}) {
      ImGui::TableNextColumn();
      ui::text(cell);
    }
  }
  ImGui::EndTable();
}

}  // namespace

void draw_report(const AppState& state, ViewOutput& out) {
  const float s = ui::scale();
  const ReportState& report = state.report;
  const std::string title = tr("report.title") + "###collision-report";
  // A fixed size, centred: the window neither grows nor moves when the report arrives (a click
  // aimed at Download lands on it), and what does not fit scrolls inside.
  bool open = true;
  if (!ui::begin_modal(title, 1040 * s, 760 * s, open, ImGuiWindowFlags_NoScrollbar | ImGuiWindowFlags_NoScrollWithMouse)) return;
  sem::Scope dialog(sem::Role::dialog, "collision-report", tr("report.title"));
  dialog.node()->modal = true;
  ui::text_muted(tr("report.intro"));
  for (int days : {7, 14, 30, 90}) {
    const bool current = report.days == days;
    if (current) ImGui::PushStyleColor(ImGuiCol_Button, ImGui::GetStyleColorVec4(ImGuiCol_Header));
    if (ui::button(trn("report.last_days", days) + "##report-days-" + std::to_string(days)))
      out.intents.push_back(intent::OpenReport{days});
    sem::item_role(sem::Role::button, current);
    if (current) ImGui::PopStyleColor();
    ImGui::SameLine();
  }
  const float download_w = ImGui::CalcTextSize(("  " + tr("report.csv") + "  ").c_str()).x + 30 * s;
  ImGui::SameLine(ui::content_right() - download_w);
  if (ui::button(ICON_DOWNLOAD " " + tr("report.csv") + "##report-csv", report.data ? std::string() : tr("report.nothing_loaded"),
                 ImVec2(download_w, 0)))
    out.intents.push_back(intent::DownloadReport{});
  ImGui::Separator();
  ImGui::BeginChild("report-body", ImVec2(0, ImGui::GetContentRegionAvail().y - 2 * ImGui::GetFrameHeightWithSpacing()),
                    ImGuiChildFlags_NavFlattened);
  if (report.loading && !report.data) ui::text_muted(tr("report.loading"));
  if (!report.error.empty()) ui::text_colored(ui::palette().error, report.error);
  if (report.data) {
    const CollisionReport& data = *report.data;
    headline(data.totals);
    ImGui::Spacing();
    chart(data);
    ImGui::Spacing();
    if (data.agents.empty()) ui::text_muted(tr("report.empty"));
    else agents_table(state, data);
  }
  ImGui::EndChild();
  ImGui::AlignTextToFramePadding();
  ui::text_muted(report.notice.empty() ? std::string(" ") : report.notice);
  ImGui::Spacing();
  if (ui::button(tr("dialog.close") + "##close-report")) open = false;
  ImGui::EndPopup();
  if (!open) out.intents.push_back(intent::CloseReport{});
}

}  // namespace baton::shell
