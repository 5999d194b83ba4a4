// The admins' mail outbox: which replies wait for the mail relay, retry, or failed (and why), with
// a Retry on each failed one. Reads state.outbox; the App fetches it and keeps it current.
#include <algorithm>

#include "../i18n/words.hpp"
#include "../semantics.hpp"
#include "../time_text.hpp"
#include "icons.hpp"
#include "imgui.h"
#include "ui.hpp"
#include "views.hpp"

namespace baton::shell {
namespace {

const char* filter_key(OutboxFilter filter) {
  switch (filter) {
    case OutboxFilter::failed: return "failed";
    case OutboxFilter::all: return "all";
    default: return "pending";
  }
}

// A row waits because no relay is configured: the server holds it (no next attempt) until it is
// started with one. Said from the answer's own fields, not from the reason's English words.
// A cell's text in a color, wrapped at the column's edge (a relay's refusal can be long).
void wrapped(ImU32 color, const std::string& text) {
  ImGui::PushStyleColor(ImGuiCol_Text, color);
  ui::text_wrapped(text);
  ImGui::PopStyleColor();
}

// The next cell, its first line at the height of a button's label (the Retry on the row).
void next_cell() {
  ImGui::TableNextColumn();
  ImGui::AlignTextToFramePadding();
}

bool held_without_relay(const api::OutboxAnswer& answer, const api::OutboxItem& item) {
  return !answer.relay && item.state == DeliveryState::queued && !item.next_attempt_at;
}

std::string next_try(const api::OutboxItem& item, Time now) {
  if (!item.next_attempt_at) return {};
  if (*item.next_attempt_at <= now) return tr("outbox.next_try_now");
  return tr("outbox.next_try", {{"in", age(now, *item.next_attempt_at)}});
}

// The state cell: what became of the reply, and why (the relay's own words when it refused).
void state_cell(const api::OutboxAnswer& answer, const api::OutboxItem& item, const ViewContext& context) {
  switch (item.state) {
    case DeliveryState::queued:
      if (held_without_relay(answer, item)) {
        wrapped(ui::palette().waiting, ICON_PLUG " " + tr("outbox.state.no_relay"));
        ui::tooltip(tr("outbox.no_relay_tip"));
      } else {
        wrapped(ui::palette().muted, ICON_ENVELOPE " " + tr("outbox.state.queued"));
        if (const std::string next = next_try(item, context.now); !next.empty()) ui::text_muted(next);
      }
      break;
    case DeliveryState::retrying:
      wrapped(ui::palette().waiting, ICON_CLOCK " " + tr("outbox.state.retrying", {{"reason", item.reason}}));
      if (const std::string next = next_try(item, context.now); !next.empty()) ui::text_muted(next);
      break;
    case DeliveryState::failed:
      wrapped(ui::palette().error, ICON_WARNING " " + tr("outbox.state.failed", {{"reason", item.reason}}));
      break;
    case DeliveryState::sent:
      wrapped(ui::palette().live, ICON_CHECK " " + tr("outbox.state.sent", {{"at", absolute(item.sent_at.value_or(item.updated_at), context.utc_offset, context.now)}}));
      break;
  }
}

void rows(const OutboxState& outbox, const api::OutboxAnswer& answer, const ViewContext& context, ViewOutput& out) {
  const float s = ui::scale();
  const ImGuiTableFlags flags = ImGuiTableFlags_RowBg | ImGuiTableFlags_BordersInnerH | ImGuiTableFlags_SizingStretchProp |
                                ImGuiTableFlags_ScrollY;
  const float height = std::max(4 * ImGui::GetTextLineHeightWithSpacing(), ImGui::GetContentRegionAvail().y);
  if (!ImGui::BeginTable("outbox-rows", 6, flags, ImVec2(0, height))) return;
  ImGui::TableSetupColumn(tr("outbox.col.ticket").c_str(), ImGuiTableColumnFlags_WidthStretch, 3.0f);
  ImGui::TableSetupColumn(tr("outbox.col.to").c_str(), ImGuiTableColumnFlags_WidthStretch, 2.0f);
  ImGui::TableSetupColumn(tr("outbox.col.state").c_str(), ImGuiTableColumnFlags_WidthStretch, 3.2f);
  ImGui::TableSetupColumn(tr("outbox.col.attempts").c_str(), ImGuiTableColumnFlags_WidthFixed,
                          std::max(ImGui::CalcTextSize(tr("outbox.col.attempts").c_str()).x, 40 * s));
  ImGui::TableSetupColumn(tr("outbox.col.queued").c_str(), ImGuiTableColumnFlags_WidthStretch, 1.3f);
  ImGui::TableSetupColumn("##action", ImGuiTableColumnFlags_WidthFixed,
                          ImGui::CalcTextSize(("  " ICON_REFRESH " " + tr("outbox.retry") + "  ").c_str()).x + 16 * s);
  ImGui::TableSetupScrollFreeze(0, 1);
  ImGui::TableHeadersRow();
  for (const api::OutboxItem& item : answer.items) {
    ImGui::TableNextRow();
    ImGui::PushID(static_cast<int>(item.id));
    next_cell();
    ui::text_bold(item.ref.value_or("#" + std::to_string(item.ticket)));
    if (item.subject) wrapped(ui::palette().muted, *item.subject);
    next_cell();
    ui::text(item.to);
    next_cell();
    state_cell(answer, item, context);
    if (auto refused = outbox.refused.find(item.id); refused != outbox.refused.end())
      wrapped(ui::palette().error, tr("outbox.retry_refused", {{"why", refused->second}}));
    next_cell();
    ui::text(std::to_string(item.attempts));
    next_cell();
    ui::text(ago(item.queued_at, context.now));
    ui::tooltip(absolute(item.queued_at, context.utc_offset, context.now));
    next_cell();
    if (item.state == DeliveryState::failed) {
      const bool sending = outbox.retrying.count(item.id) > 0;
      if (ui::button(ICON_REFRESH " " + tr("outbox.retry") + "##outbox-retry-" + std::to_string(item.id),
                     sending ? tr("outbox.retrying_now") : std::string()))
        out.intents.push_back(intent::RetryOutbox{item.id});
      if (!sending) ui::tooltip(tr("outbox.retry_tip", {{"to", item.to}}));
    }
    ImGui::PopID();
  }
  ImGui::EndTable();
}

// "Replies go to the relay at 127.0.0.1:2525", or that they wait because there is none.
void relay_line(const api::OutboxAnswer& answer) {
  if (answer.relay) ui::text_muted(ICON_SEND " " + tr("outbox.relay", {{"relay", *answer.relay}}));
  else ui::text_colored(ui::palette().waiting, ICON_PLUG " " + tr("outbox.no_relay"));
}

}  // namespace

void draw_outbox(const AppState& state, const ViewContext& context, ViewOutput& out) {
  const float s = ui::scale();
  const OutboxState& outbox = state.outbox;
  const std::string title = tr("outbox.title") + "###mail-outbox-dialog";
  // A fixed size, centred (as the report): rows arriving never move the buttons under the mouse.
  bool open = true;
  if (!ui::begin_modal(title, 1120 * s, 720 * s, open, ImGuiWindowFlags_NoScrollbar | ImGuiWindowFlags_NoScrollWithMouse)) return;
  sem::Scope dialog(sem::Role::dialog, "mail-outbox-dialog", tr("outbox.title"));
  dialog.node()->modal = true;
  ui::text_muted(tr("outbox.intro"));
  {
    const ImVec2 at = ImGui::GetCursorScreenPos();
    sem::Scope tabs(sem::Role::tablist, "outbox-filters", tr("outbox.filters"), at.x, at.y, 0.0f, ImGui::GetFrameHeight());
    for (OutboxFilter filter : kOutboxFilters) {
      const bool current = outbox.filter == filter;
      if (current) {
        ImGui::PushStyleColor(ImGuiCol_Button, ImGui::GetStyleColorVec4(ImGuiCol_Header));
        ImGui::PushStyleColor(ImGuiCol_Text, ui::palette().mine_fg);
      }
      if (ui::button(tr(std::string("outbox.filter.") + filter_key(filter)) + "##outbox-filter-" + filter_key(filter)))
        out.intents.push_back(intent::OpenOutbox{filter});
      sem::item_role(sem::Role::tab, current);
      if (current) ImGui::PopStyleColor(2);
      ImGui::SameLine();
    }
    if (sem::Node* node = tabs.node()) node->w = ImGui::GetItemRectMax().x - at.x;
  }
  const std::string refresh = ICON_REFRESH " " + tr("outbox.refresh");
  const float refresh_w = ImGui::CalcTextSize(refresh.c_str()).x + 2 * ImGui::GetStyle().FramePadding.x;
  ImGui::SameLine(ui::content_right() - refresh_w);
  if (ui::button(refresh + "##outbox-refresh", outbox.loading ? tr("outbox.loading") : std::string(), ImVec2(refresh_w, 0)))
    out.intents.push_back(intent::OpenOutbox{outbox.filter});
  ImGui::Separator();
  if (outbox.data) relay_line(*outbox.data);
  ImGui::BeginChild("outbox-body", ImVec2(0, ImGui::GetContentRegionAvail().y - ImGui::GetFrameHeightWithSpacing() - 4 * s),
                    ImGuiChildFlags_NavFlattened);
  if (!outbox.error.empty()) ui::text_colored(ui::palette().error, ICON_WARNING " " + outbox.error);
  if (!outbox.data && outbox.loading) ui::text_muted(tr("outbox.loading"));
  if (outbox.data) {
    if (outbox.data->items.empty()) ui::text_muted(tr(std::string("outbox.empty.") + filter_key(outbox.filter)));
    else rows(outbox, *outbox.data, context, out);
  }
  ImGui::EndChild();
  const bool may_have_more = outbox.data && static_cast<int>(outbox.data->items.size()) >= outbox.limit && outbox.limit < 1000;
  ImGui::AlignTextToFramePadding();
  ui::text_muted(outbox.data && !outbox.data->items.empty()
                     ? tr("outbox.shown", {{"n", static_cast<std::int64_t>(outbox.data->items.size())}})
                     : std::string(" "));
  ImGui::SameLine();
  if (may_have_more) {
    if (ui::button(tr("outbox.more") + "##outbox-more", outbox.loading ? tr("outbox.loading") : std::string()))
      out.intents.push_back(intent::MoreOutbox{});
    ImGui::SameLine();
  }
  const std::string close = tr("dialog.close");
  const float close_w = ImGui::CalcTextSize(close.c_str()).x + 2 * ImGui::GetStyle().FramePadding.x;
  ImGui::SameLine(ui::content_right() - close_w);
  if (ui::button(close + "##close-outbox", {}, ImVec2(close_w, 0))) open = false;
  ImGui::EndPopup();
  if (!open) out.intents.push_back(intent::CloseOutbox{});
}

}  // namespace baton::shell
