#include "debug_panel.hpp"

#include <algorithm>
#include <cstring>

#include "baton/decide.hpp"
#include "baton/protocol.hpp"
#include "imgui.h"
#include "imgui_internal.h"
#include "sync.hpp"
#include "views/ui.hpp"

namespace baton::desktop {
namespace {

constexpr Time kOfflineFor = 10'000;

const char* link_name(shell::Link link) {
  switch (link) {
    case shell::Link::offline: return "offline";
    case shell::Link::connecting: return "connecting";
    case shell::Link::catching_up: return "catching up";
    case shell::Link::live: return "live";
    case shell::Link::waiting: return "waiting to reconnect";
  }
  return "?";
}

// "48.671": seconds and milliseconds, enough to order and space the messages.
std::string clock_text(Time at) {
  char out[16];
  std::snprintf(out, sizeof out, "%02lld.%03lld", static_cast<long long>(at / 1000 % 60), static_cast<long long>(at % 1000));
  return out;
}

void row(const char* name, const std::string& value) {
  ImGui::TableNextRow();
  ImGui::TableNextColumn();
  ImGui::TextDisabled("%s", name);
  ImGui::TableNextColumn();
  ImGui::TextUnformatted(value.c_str());
}

}  // namespace

std::string ActionVerdict::line() const {
  if (allowed) {
    std::string out = action + ": allowed";
    for (std::size_t i = 0; i < events.size(); ++i) out += (i ? ", " : " -> ") + events[i];
    return out;
  }
  return action + ": rejected (" + code + ") " + message;
}

std::vector<ActionVerdict> decide_open_ticket(const shell::AppState& state, Time now) {
  std::vector<ActionVerdict> out;
  if (!state.me || !state.replica || !state.open.id) return out;
  const Ticket* ticket = state.replica->ticket(state.open.id);
  if (!ticket) return out;
  const AgentId me = state.me->id;
  const std::vector<std::pair<std::string, Command>> actions = {
      {"Lock", cmd::Lock{}},
      {"Unlock", cmd::Unlock{}},
      {"Force unlock", cmd::ForceUnlock{}},
      {"Renew", cmd::Renew{}},
      {"Mine", cmd::Take{}},
      {"Assign to me", cmd::Assign{me}},
      {"Unassign", cmd::Assign{std::nullopt}},
      {"Draft", cmd::SaveDraft{"?", DraftKind::reply, ticket->version}},
      {"Discard draft", cmd::DiscardDraft{}},
      {"Reply", cmd::Reply{"?", ticket->version, "debug-probe"}},
      {"Note", cmd::Note{"?"}},
      {"Status: pending", cmd::SetStatus{Status::pending}},
      {"Status: resolved", cmd::SetStatus{Status::resolved}},
      {"Urgency: 1", cmd::SetUrgency{1}},
  };
  // The same call as the workspace's predict(): the core's decide() with what the client knows.
  const Actor actor = Actor::of(*state.me);
  for (const auto& [name, command] : actions) {
    ActionVerdict verdict;
    verdict.action = name;
    const Decision decision = decide(*ticket, command, actor, now, state.settings, state.directory);
    if (const auto* rejection = std::get_if<Rejection>(&decision)) {
      verdict.code = protocol::to_json(*rejection).value("code", std::string("?"));
      verdict.message = rejection->message;
    } else {
      verdict.allowed = true;
      for (const Event& event : std::get<std::vector<Event>>(decision)) verdict.events.push_back(event_type(event));
    }
    out.push_back(std::move(verdict));
  }
  return out;
}

nlohmann::json replica_json(const shell::AppState& state) {
  if (!state.replica) return nullptr;
  const Replica& replica = *state.replica;
  nlohmann::json views = nlohmann::json::object();
  const std::pair<const char*, View> named[] = {{"all", View::all},           {"mine", View::mine},
                                                {"unassigned", View::unassigned}, {"locked", View::locked},
                                                {"awaiting_agent", View::awaiting_agent},
                                                {"awaiting_user", View::awaiting_user}, {"pending", View::pending},
                                                {"resolved", View::resolved}};
  for (const auto& [name, view] : named) views[name] = replica.view(view).size();
  std::vector<TicketId> fetch(replica.needs_fetch().begin(), replica.needs_fetch().end());
  return {{"tickets", replica.size()}, {"last_seq", replica.last_seq()}, {"held_back", replica.held_back()},
          {"needs_fetch", fetch}, {"views", views}};
}

// ---- drawing ----------------------------------------------------------------------------------

void DebugPanel::reserve_space() {
  if (!open_) return;
  auto* viewport = static_cast<ImGuiViewportP*>(ImGui::GetMainViewport());
  width_ = std::clamp(viewport->Size.x * 0.34f, 300.0f, 600.0f * shell::ui::scale());
  viewport->WorkInsetMax.x += width_;
  viewport->UpdateWorkRect();
}

bool DebugPanel::button(const char* label, const char* name) {
  const bool pressed = ImGui::Button(label);
  place_last(name);
  return pressed;
}

void DebugPanel::place_last(const char* name) {
  const ImVec2 min = ImGui::GetItemRectMin(), size = ImGui::GetItemRectSize();
  buttons_.push_back({name, min.x, min.y, size.x, size.y});
}

void DebugPanel::draw(const shell::AppState& state, Time now) {
  buttons_.clear();
  if (metrics_) ImGui::ShowMetricsWindow(&metrics_);
  if (!open_) return;
  const ImGuiViewport* viewport = ImGui::GetMainViewport();
  ImGui::SetNextWindowPos(ImVec2(viewport->WorkPos.x + viewport->WorkSize.x, viewport->Pos.y));
  ImGui::SetNextWindowSize(ImVec2(width_, viewport->Size.y));
  ImGui::PushStyleColor(ImGuiCol_WindowBg, shell::ui::palette().surface);
  ImGui::PushStyleVar(ImGuiStyleVar_WindowBorderSize, 1.0f);
  const ImGuiWindowFlags flags = ImGuiWindowFlags_NoMove | ImGuiWindowFlags_NoResize | ImGuiWindowFlags_NoCollapse |
                                 ImGuiWindowFlags_NoSavedSettings;
  ImGui::Begin("Debug (F12)###debug", nullptr, flags);
  shell::ui::push_font(shell::ui::fonts().small);
  draw_socket(state, now);
  if (ImGui::BeginTabBar("debug-tabs")) {
    auto tab = [&](const char* label, const char* name) {
      const bool selected = ImGui::BeginTabItem(label);
      place_last(name);
      return selected;
    };
    if (tab("Live messages", "debug-tab-live")) {
      draw_stream(state);
      ImGui::EndTabItem();
    }
    if (tab("decide()", "debug-tab-decide")) {
      draw_decide(state, now);
      ImGui::EndTabItem();
    }
    if (tab("Replica", "debug-tab-replica")) {
      draw_replica(state);
      ImGui::EndTabItem();
    }
    ImGui::EndTabBar();
  }
  ImGui::PopFont();
  ImGui::End();
  ImGui::PopStyleVar();
  ImGui::PopStyleColor();
}

void DebugPanel::draw_socket(const shell::AppState& state, Time now) {
  const NetStats& stats = net_.stats();
  if (ImGui::BeginTable("socket", 2, ImGuiTableFlags_SizingFixedFit)) {
    row("link", std::string(link_name(state.sync.state())) + " - " + shell::link_text(state.sync, now));
    row("websocket", std::string(phase_name(stats.phase)) + " for " + std::to_string((now - stats.phase_since) / 1000) +
                         " s" + (stats.last_close_code ? ", last close " + std::to_string(stats.last_close_code) : ""));
    const std::int64_t socket_rtt = net_.socket_rtt_us();
    char socket_text[48];
    std::snprintf(socket_text, sizeof socket_text, "%.1f ms on the socket", socket_rtt / 1000.0);
    row("round trip", state.last_pong_rtt < 0 ? std::string("no pong yet (the App pings every 20 s)")
                                              : std::to_string(state.last_pong_rtt) + " ms as the App sees it, " +
                                                    socket_text + " (ping every 20 s)");
    row("messages", std::to_string(stats.messages_in) + " in (" + std::to_string(stats.bytes_in / 1024) + " KiB), " +
                        std::to_string(stats.messages_out) + " out; " + std::to_string(stats.sockets_opened) +
                        " sockets opened");
    row("requests", std::to_string(stats.in_flight.size()) + " in flight, " + std::to_string(stats.requests_done) +
                        " answered");
    for (const auto& [id, request] : stats.in_flight)
      row("", request.method + " " + request.path + " (" + std::to_string(now - request.started) + " ms)");
    if (net_.offline_until() > now)
      row("offline", "refusing to connect for " + std::to_string((net_.offline_until() - now) / 1000 + 1) + " s more");
    ImGui::EndTable();
  }
  if (button("Drop socket", "debug-drop")) net_.drop_socket();
  ImGui::SetItemTooltip("Cut the WebSocket as a network failure would: watch the reconnect and the resume");
  ImGui::SameLine();
  if (button("Offline 10 s", "debug-offline")) net_.go_offline(kOfflineFor);
  ImGui::SetItemTooltip("Drop the socket and refuse to reconnect for 10 s: events pile up, then the resume catches up");
  ImGui::SameLine();
  ImGui::Checkbox("ImGui metrics", &metrics_);
  ImGui::SetNextItemWidth(-FLT_MIN);
  if (ImGui::SliderInt("##delay", &delay_ms_, 0, 3000, "added latency %d ms")) net_.set_delay(delay_ms_);
  ImGui::SetItemTooltip("Every answer and live message reaches the workspace this much later");
}

void DebugPanel::draw_decide(const shell::AppState& state, Time now) {
  const auto verdicts = decide_open_ticket(state, now);
  if (verdicts.empty()) {
    ImGui::TextDisabled("Open a ticket to see what the core would answer.");
    return;
  }
  ImGui::PushTextWrapPos(0);
  if (const Ticket* t = state.replica->ticket(state.open.id))
    ImGui::TextDisabled("%s version %lld, as %s: the core's decide() on what this client knows", t->ref.c_str(),
                        static_cast<long long>(t->version), state.me->name.c_str());
  for (const ActionVerdict& v : verdicts) {
    const ImU32 color = v.allowed ? shell::ui::palette().live : shell::ui::palette().stale_fg;
    ImGui::TextColored(ImGui::ColorConvertU32ToFloat4(color), "%s", v.allowed ? "ok" : "no");
    ImGui::SameLine();
    ImGui::TextUnformatted(v.line().c_str());
  }
  ImGui::PopTextWrapPos();
}

void DebugPanel::draw_replica(const shell::AppState& state) {
  const nlohmann::json replica = replica_json(state);
  if (replica.is_null()) {
    ImGui::TextDisabled("Not signed in.");
    return;
  }
  if (ImGui::BeginTable("replica", 2, ImGuiTableFlags_SizingFixedFit)) {
    row("tickets held", std::to_string(replica["tickets"].get<std::size_t>()));
    row("last seq", std::to_string(replica["last_seq"].get<Seq>()));
    row("held back", std::to_string(replica["held_back"].get<std::size_t>()) + " events waiting for a gap to fill");
    row("to fetch", replica["needs_fetch"].dump());
    std::string views;
    for (const auto& [name, size] : replica["views"].items()) views += name + " " + size.dump() + "  ";
    row("views", views);
    ImGui::EndTable();
  }
}

void DebugPanel::draw_stream(const shell::AppState& state) {
  ImGui::Checkbox("hide ping/digest", &hide_chatter_);
  ImGui::SameLine();
  ImGui::Checkbox("follow", &follow_);
  ImGui::SameLine();
  if (button("Clear", "debug-clear")) log_.clear();
  ImGui::SameLine();
  ImGui::SetNextItemWidth(-FLT_MIN);
  ImGui::InputTextWithHint("##filter", "filter (type, ticket, text)", filter_, sizeof filter_);
  std::vector<const LiveMessage*> shown;
  for (const LiveMessage& m : log_.messages()) {
    if (hide_chatter_ && (m.type == "ping" || m.type == "pong" || m.type == "digest")) continue;
    if (filter_[0] && m.raw.find(filter_) == std::string::npos && m.type.find(filter_) == std::string::npos) continue;
    shown.push_back(&m);
  }
  const ImGuiTableFlags flags = ImGuiTableFlags_RowBg | ImGuiTableFlags_ScrollY | ImGuiTableFlags_BordersInnerV |
                                ImGuiTableFlags_SizingFixedFit | ImGuiTableFlags_Resizable;
  if (!ImGui::BeginTable("stream", 6, flags, ImVec2(0, ImGui::GetContentRegionAvail().y))) return;
  ImGui::TableSetupScrollFreeze(0, 1);
  const float em = ImGui::GetFontSize();
  ImGui::TableSetupColumn("time", ImGuiTableColumnFlags_WidthFixed, 4.8f * em);
  ImGui::TableSetupColumn("seq", ImGuiTableColumnFlags_WidthFixed, 2.4f * em);
  ImGui::TableSetupColumn("type", ImGuiTableColumnFlags_WidthFixed, 7.6f * em);
  ImGui::TableSetupColumn("ticket", ImGuiTableColumnFlags_WidthFixed, 2.6f * em);
  ImGui::TableSetupColumn("actor", ImGuiTableColumnFlags_WidthFixed, 3.6f * em);
  ImGui::TableSetupColumn("raw JSON", ImGuiTableColumnFlags_WidthStretch);
  ImGui::TableHeadersRow();
  ImGuiListClipper clipper;
  clipper.Begin(static_cast<int>(shown.size()));
  while (clipper.Step()) {
    for (int i = clipper.DisplayStart; i < clipper.DisplayEnd; ++i) {
      const LiveMessage& m = *shown[static_cast<std::size_t>(i)];
      ImGui::TableNextRow();
      ImGui::TableNextColumn();
      ImGui::TextDisabled("%s %s", m.incoming ? "<" : ">", clock_text(m.at).c_str());
      ImGui::TableNextColumn();
      if (m.seq) ImGui::Text("%lld", static_cast<long long>(m.seq));
      ImGui::TableNextColumn();
      ImGui::TextUnformatted(m.type.c_str());
      ImGui::TableNextColumn();
      if (m.ticket) ImGui::Text("%lld", static_cast<long long>(m.ticket));
      ImGui::TableNextColumn();
      if (m.actor) ImGui::TextUnformatted(shell::ui::first_name(state.directory.name(m.actor)).c_str());
      ImGui::TableNextColumn();
      ImGui::PushID(static_cast<int>(m.number));
      ImGui::Selectable(m.raw.c_str(), false, ImGuiSelectableFlags_SpanAllColumns);
      if (ImGui::BeginItemTooltip()) {  // the whole message, wrapped
        ImGui::PushTextWrapPos(ImGui::GetFontSize() * 40);
        ImGui::TextUnformatted(m.raw.c_str());
        ImGui::PopTextWrapPos();
        ImGui::EndTooltip();
      }
      if (ImGui::IsItemClicked()) ImGui::SetClipboardText(m.raw.c_str());
      ImGui::PopID();
    }
  }
  if (follow_ && ImGui::GetScrollY() >= ImGui::GetScrollMaxY() - 1) ImGui::SetScrollHereY(1.0f);
  ImGui::EndTable();
}

nlohmann::json DebugPanel::json(const shell::AppState& state, Time now) const {
  nlohmann::json decide = nlohmann::json::array();
  for (const ActionVerdict& v : decide_open_ticket(state, now)) decide.push_back(v.line());
  nlohmann::json stream = nlohmann::json::array();
  const auto& messages = log_.messages();
  for (std::size_t i = messages.size() > 50 ? messages.size() - 50 : 0; i < messages.size(); ++i) {
    const LiveMessage& m = messages[i];
    stream.push_back({{"in", m.incoming}, {"seq", m.seq}, {"type", m.type}, {"ticket", m.ticket}, {"actor", m.actor}});
  }
  nlohmann::json buttons = nlohmann::json::array();
  for (const Placed& b : buttons_) buttons.push_back({{"id", b.name}, {"x", b.x}, {"y", b.y}, {"w", b.w}, {"h", b.h}});
  const NetStats& stats = net_.stats();
  return {{"open", open_},
          {"link", link_name(state.sync.state())},
          {"websocket", phase_name(stats.phase)},
          {"sockets_opened", stats.sockets_opened},
          {"rtt_ms", state.last_pong_rtt},
          {"socket_rtt_us", net_.socket_rtt_us()},
          {"replica", replica_json(state)},
          {"decide", decide},
          {"stream_total", log_.total()},
          {"stream", stream},
          {"buttons", buttons}};
}

}  // namespace baton::desktop
