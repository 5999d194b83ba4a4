#include "app.hpp"

#include <algorithm>

#include "baton/protocol.hpp"
#include "list_rows.hpp"
#include "lock_requests.hpp"
#include "url.hpp"

namespace baton::shell {
namespace {

constexpr const char* kTokenKey = "baton.token";
constexpr const char* kEmailKey = "baton.email";
constexpr int kPageSize = 100;
constexpr Time kSearchDelay = 250;
constexpr Time kCountsDelay = 1000;
constexpr Time kPingEvery = 20 * kSecond;
constexpr Time kGapPatience = 2 * kSecond;
constexpr int kLoggedOutCode = 4001;

using protocol::Json;

template <typename T>
const T* value_of(const Result<T>& result) {
  return std::get_if<T>(&result);
}
template <typename T>
const T* value_of(const Result<T>&& result) = delete;  // would point into a temporary

std::string error_message(const Json& body) {
  if (body.is_object() && body.contains("error") && body["error"].is_object()) {
    const Json& error = body["error"];
    if (error.contains("message") && error["message"].is_string()) return error["message"].get<std::string>();
  }
  return {};
}

std::string error_code(const Json& body) {
  if (body.is_object() && body.contains("error") && body["error"].is_object()) {
    const Json& error = body["error"];
    if (error.contains("code") && error["code"].is_string()) return error["code"].get<std::string>();
  }
  return {};
}

std::int64_t int_of(const Json& json, const char* key, std::int64_t otherwise = 0) {
  if (json.is_object() && json.contains(key) && json[key].is_number_integer()) return json[key].get<std::int64_t>();
  return otherwise;
}

bool blank(const std::string& text) {
  return std::all_of(text.begin(), text.end(), [](unsigned char c) { return std::isspace(c); });
}

std::size_t view_index(View view) {
  for (std::size_t i = 0; i < kListViews.size(); ++i)
    if (kListViews[i] == view) return i;
  return 2;
}

}  // namespace

const char* view_name(View view) {
  switch (view) {
    case View::mine: return "Mine";
    case View::unassigned: return "Unassigned";
    case View::locked: return "Locked";
    default: return "All";
  }
}

const char* view_query(View view) {
  switch (view) {
    case View::mine: return "mine";
    case View::unassigned: return "unassigned";
    case View::locked: return "locked";
    default: return "all";
  }
}

App::App(Platform& platform, NetClient& net) : platform_(platform), net_(net) {}

// ---- plumbing -------------------------------------------------------------------------------

void App::call(const std::string& method, const std::string& path, const Json* body, Answer answer) {
  call_text(method, path, body ? protocol::dump(*body) : std::string(),
            [answer = std::move(answer)](int status, const std::string& text) {
              Json parsed = Json::parse(text, nullptr, /*allow_exceptions=*/false);
              if (parsed.is_discarded()) parsed = Json::object();
              answer(status, parsed);
            });
}

// The body as it came (the report's CSV is not JSON); `call` reads it as JSON.
void App::call_text(const std::string& method, const std::string& path, const std::string& body, TextAnswer answer) {
  const int epoch = epoch_;
  net_.request(method, path, body, state_.token, [this, epoch, answer = std::move(answer)](HttpResponse response) {
    if (epoch != epoch_) return;  // an answer to a session that has ended
    dirty_ = true;
    answer(response.status, response.body);
  });
}

void App::say(std::string text, bool error) {
  state_.status = std::move(text);
  state_.status_is_error = error;
  state_.status_at = now();
  dirty_ = true;
}

void App::failed(int status, const Json& body, const std::string& doing) {
  if (status == 401 && state_.screen == Screen::workspace) return session_expired();
  if (status == 0) return say("Could not " + doing + ": the server did not answer. Retrying when it is back.", true);
  std::string message = error_message(body);
  if (message.empty()) message = "the server answered " + std::to_string(status);
  say("Could not " + doing + ": " + message, true);
}

// ---- session --------------------------------------------------------------------------------

void App::start() {
  if (auto email = platform_.load(kEmailKey)) state_.login.email = *email;
  auto token = platform_.load(kTokenKey);
  if (!token || token->empty()) return;
  state_.token = *token;
  state_.login.busy = true;
  me_retry_at_ = 0;
  call("GET", "/api/me", nullptr, [this](int status, const Json& body) {
    state_.login.busy = false;
    if (status == 200 && body.contains("agent")) {
      if (const auto agent_result = protocol::agent_from_json(body["agent"]); auto* agent = value_of(agent_result)) return enter_workspace(*agent);
    }
    if (status == 401) return session_expired();
    if (status == 0) {
      state_.login.error = "The server is unreachable. Trying again in a few seconds...";
      me_retry_at_ = now() + 3 * kSecond;
      return;
    }
    state_.login.error = "Could not restore your session: " + error_message(body);
  });
}

void App::log_in() {
  LoginForm& form = state_.login;
  if (form.busy) return;
  if (blank(form.email) || form.password.empty()) {
    form.error = "Enter your email and password.";
    return;
  }
  form.busy = true;
  form.error.clear();
  const Json body = {{"email", form.email}, {"password", form.password}};
  call("POST", "/api/login", &body, [this](int status, const Json& answer) {
    LoginForm& form = state_.login;
    form.busy = false;
    if (status == 200 && answer.contains("token") && answer["token"].is_string() && answer.contains("agent")) {
      if (const auto agent_result = protocol::agent_from_json(answer["agent"]); auto* agent = value_of(agent_result)) {
        state_.token = answer["token"].get<std::string>();
        platform_.save(kTokenKey, state_.token);
        platform_.save(kEmailKey, form.email);
        form.password.clear();
        return enter_workspace(*agent);
      }
    }
    if (status == 401) form.error = "Wrong email or password.";
    else if (status == 0) form.error = "The server is unreachable. Check that it is running and try again.";
    else form.error = "Could not log in: " + (error_message(answer).empty() ? "the server answered " + std::to_string(status) : error_message(answer));
  });
}

void App::enter_workspace(Agent me) {
  state_.me = me;
  state_.replica.emplace(me.id);
  state_.screen = Screen::workspace;
  state_.login.error.clear();
  load_agents();
  load_settings();
  state_.sync.start();
  connect();
  platform_.set_title("Baton - " + me.name);
}

void App::session_expired() { back_to_login("Your session has expired. Please log in again."); }

void App::log_out() {
  call("POST", "/api/logout", nullptr, [](int, const Json&) {});
  back_to_login({});
}

// Forgets the session (answers to its requests are dropped by epoch) and shows the login, the
// email kept for convenience. Unsent drafts stay in storage for the next login.
void App::back_to_login(const std::string& why) {
  const std::string email = state_.login.email;
  ++epoch_;
  net_.close_socket();
  platform_.erase(kTokenKey);
  platform_.place_editor({});
  state_ = AppState{};
  state_.login.email = email;
  state_.login.error = why;
  platform_.set_title("Baton - log in");
  dirty_ = true;
}

void App::load_agents() {
  call("GET", "/api/agents", nullptr, [this](int status, const Json& body) {
    if (status != 200 || !body.contains("agents") || !body["agents"].is_array()) return failed(status, body, "load the agents");
    std::vector<Agent> agents;
    std::vector<AgentInfo> infos;
    for (Json item : body["agents"]) {
      const bool online = item.value("online", false);
      item.erase("online");  // the directory's decoder is strict: presence is not part of an agent
      if (const auto agent_result = protocol::agent_from_json(item); auto* agent = value_of(agent_result)) {
        agents.push_back(*agent);
        infos.push_back({*agent, online});
      }
    }
    state_.directory = Directory(std::move(agents));
    state_.agents = std::move(infos);
  });
}

void App::load_settings() {
  call("GET", "/api/settings", nullptr, [this](int status, const Json& body) {
    if (status != 200 || !body.contains("settings")) return failed(status, body, "load the settings");
    if (const auto settings_result = protocol::settings_from_json(body["settings"]); auto* settings = value_of(settings_result)) {
      state_.settings = *settings;
      state_.settings_edit = *settings;
    }
  });
}

// ---- live connection ------------------------------------------------------------------------

void App::connect() {
  const int epoch = epoch_;
  SocketHandlers handlers;
  handlers.opened = [this, epoch] { if (epoch == epoch_) on_socket_open(); };
  handlers.message = [this, epoch](std::string text) { if (epoch == epoch_) on_socket_message(text); };
  handlers.closed = [this, epoch](int code) { if (epoch == epoch_) on_socket_closed(code); };
  net_.open_socket("/api/ws?token=" + url_encode(state_.token), std::move(handlers));
  dirty_ = true;
}

void App::send_json(const Json& message) { net_.send(protocol::dump(message)); }

void App::on_socket_open() {
  state_.sync.opened();
  const Seq since = state_.replica ? state_.replica->last_seq() : 0;
  hello_since_ = since;
  send_json({{"type", "hello"}, {"since", since > 0 ? Json(since) : Json(nullptr)}});
  send_json({{"type", "view"}, {"ticket", state_.open.id ? Json(state_.open.id) : Json(nullptr)}});
  dirty_ = true;
}

void App::on_socket_closed(int code) {
  dirty_ = true;
  if (state_.screen != Screen::workspace) return;
  if (code == kLoggedOutCode) return session_expired();
  state_.sync.dropped(now());
  // A socket refused at the handshake looks like any drop: ask whether the session still stands.
  if (state_.sync.attempts() >= 2)
    call("GET", "/api/me", nullptr, [this](int status, const Json&) {
      if (status == 401) session_expired();
    });
}

void App::on_socket_message(const std::string& text) {
  dirty_ = true;
  const Json message = Json::parse(text, nullptr, false);
  if (message.is_discarded() || !message.is_object() || !message.contains("type") || !message["type"].is_string()) {
    say("The server sent a message the workspace could not read; carrying on.", true);
    return;
  }
  const std::string type = message["type"].get<std::string>();
  try {
    if (type == "event") {
      on_event(message);
    } else if (type == "live") {
      on_live(int_of(message, "seq"));
    } else if (type == "presence") {
      on_presence(int_of(message, "ticket"), int_of(message, "agent"), message.value("state", std::string()));
    } else if (type == "draft") {
      on_draft(int_of(message, "ticket"), int_of(message, "author"), message.value("draft", Json()));
    } else if (type == "digest") {
      for (const Json& p : message.value("presence", Json::array()))
        on_presence(int_of(p, "ticket"), int_of(p, "agent"), p.value("state", std::string()));
      for (const Json& d : message.value("drafts", Json::array()))
        on_draft(int_of(d, "ticket"), int_of(d, "author"), d.value("draft", Json()));
    } else if (type == "draft_saved") {
      if (int_of(message, "ticket") == state_.composer.ticket) state_.composer.saved_at = int_of(message, "updated_at");
    } else if (type == "error") {
      const Json error = message.value("error", Json::object());
      say(error.value("message", std::string("The server refused a live update")), true);
    } else if (type == "pong") {
      state_.last_pong_rtt = now() - ping_sent_;
    }
  } catch (const Json::exception&) {  // a field of the wrong type: the message is dropped, never the page
    say("The server sent a message the workspace could not read; carrying on.", true);
  }
}

void App::on_live(Seq seq) {
  Replica& replica = *state_.replica;
  const bool resumed = hello_since_ > 0;
  if (resumed && seq < hello_since_) {
    // The server's log is not the one this replica followed (a restored database): start over.
    state_.replica.emplace(state_.me->id);
    state_.replica->set_cursor(seq);
    state_.list.paging = {};
    state_.list.results = {};
    say("The server's data changed underneath; reloaded the tickets.", true);
  } else if (!resumed) {
    replica.set_cursor(seq);
  }
  state_.sync.caught_up();
  // Fill the list (first time, or after a reload) and the open ticket; a resume needs neither.
  if (!resumed || !state_.replica->size()) {
    for (auto& paging : state_.list.paging) paging = {};
    load_page(state_.list.view);
    if (!state_.list.results.query.empty()) {
      state_.list.results.query.clear();  // run it again
      state_.list.search_changed_at = 0;
    }
  }
  if (state_.open.id) fetch_ticket(state_.open.id);
  if (state_.composer.ticket && state_.composer.changed_at > state_.composer.saved_at) throttle_.changed(now());
  load_counts();
  load_agents();  // who is online changed while we were away
}

void App::on_event(const Json& message) {
  const auto decoded = protocol::event_from_json(message.value("event", Json()));
  const Event* event = value_of(decoded);
  if (!event) return say("The server sent an event the workspace could not read; carrying on.", true);
  const Applied applied = state_.replica->apply(*event, int_of(message, "prev"));
  if (applied == Applied::applied) follow_lock_event(state_, *event, now());
  if (applied == Applied::applied && std::holds_alternative<ev::SendUndone>(event->payload) &&
      event->actor == state_.me->id && event->ticket == state_.composer.ticket && state_.composer.body.empty())
    restore_undone(event->ticket);  // taken back from another tab or window of mine
  if (applied == Applied::gap && !gap_since_) gap_since_ = now();
  if (!state_.replica->has_gap()) gap_since_ = 0;
  state_.list.counts_stale = true;
  if (!state_.list.counts_due) state_.list.counts_due = now() + kCountsDelay;
}

void App::on_presence(TicketId ticket, AgentId agent, const std::string& state) {
  if (!ticket || !state_.me || agent == state_.me->id) return;
  std::optional<Presence> presence;
  if (state == "viewing") presence = Presence::viewing;
  else if (state == "typing") presence = Presence::typing;
  state_.replica->set_presence(ticket, agent, presence, now());
}

void App::on_draft(TicketId ticket, AgentId author, const Json& draft) {
  if (!ticket || !state_.me || author == state_.me->id) return;
  Event event;
  event.ticket = ticket;
  event.actor = author;
  event.at = now();
  if (draft.is_null()) {
    event.payload = ev::DraftDiscarded{author};
  } else {
    const auto decoded = protocol::draft_from_json(draft);
    if (!value_of(decoded)) return;
    event.payload = ev::DraftSaved{std::get<Draft>(decoded)};
  }
  state_.replica->apply_draft(event);
}

void App::fetch_missing() {
  for (TicketId id : state_.replica->needs_fetch()) {
    if (fetching_.count(id)) continue;
    fetching_.insert(id);
    call("GET", "/api/tickets/" + std::to_string(id), nullptr, [this, id](int status, const Json& body) {
      fetching_.erase(id);
      if (status == 200 && adopt_ticket(body, id == state_.open.id)) return;
      if (status == 403 || status == 404 || status == 200) state_.replica->fetched(id);  // not ours to show
    });
  }
}

// ---- the list -------------------------------------------------------------------------------

void App::show_view(View view) {
  state_.list.view = view;
  state_.list.cursor = 0;
  if (!state_.list.paging[view_index(view)].requested) load_page(view);
  if (!state_.list.search.empty()) {
    state_.list.results.query.clear();
    state_.list.search_changed_at = 0;
  }
}

void App::load_page(View view) {
  Paging& paging = state_.list.paging[view_index(view)];
  if (paging.loading || paging.complete) return;
  paging.loading = paging.requested = true;
  std::string path = std::string("/api/tickets?view=") + view_query(view) + "&limit=" + std::to_string(kPageSize);
  if (paging.next) path += "&after=" + url_encode(*paging.next);
  call("GET", path, nullptr, [this, view](int status, const Json& body) {
    Paging& paging = state_.list.paging[view_index(view)];
    paging.loading = false;
    if (status != 200 || !body.contains("tickets") || !body["tickets"].is_array()) {
      paging.requested = false;  // asked again in a few seconds (tick), or when the list is shown
      paging.retry_at = now() + 3 * kSecond;
      return failed(status, body, "load the ticket list");
    }
    adopt_summaries(body["tickets"]);
    const Json& tickets = body["tickets"];
    if (!tickets.empty()) paging.boundary = Row{int_of(tickets.back(), "updated_at"), int_of(tickets.back(), "id")};
    paging.next.reset();
    if (body.contains("next") && body["next"].is_string()) paging.next = body["next"].get<std::string>();
    paging.complete = !paging.next;
    adopt_counts(body);
  });
}

const Ticket* App::adopt_ticket(const Json& body, bool full) {
  if (!body.is_object() || !body.contains("ticket")) return nullptr;
  const auto decoded = protocol::ticket_from_json(body["ticket"]);
  const Ticket* ticket = value_of(decoded);
  if (!ticket) return nullptr;
  state_.replica->upsert(*ticket, full);
  const Ticket* held = state_.replica->ticket(ticket->id);
  if (held) follow_lock_ticket(state_, *held);
  return held;
}

void App::adopt_summaries(const Json& tickets) {
  for (const Json& item : tickets) {
    auto decoded = protocol::summary_from_json(item);
    const Ticket* ticket = value_of(decoded);
    if (!ticket) continue;
    state_.replica->upsert(*ticket, false);
    if (const Ticket* held = state_.replica->ticket(ticket->id)) follow_lock_ticket(state_, *held);
    // The list's presence: who views and who types, until live presence says otherwise.
    for (const Json& agent : item.value("viewers", Json::array()))
      if (agent.is_number_integer()) on_presence(ticket->id, agent.get<AgentId>(), "viewing");
    for (const Json& agent : item.value("typing", Json::array()))
      if (agent.is_number_integer()) on_presence(ticket->id, agent.get<AgentId>(), "typing");
  }
}

void App::run_search() {
  SearchResults& results = state_.list.results;
  results = SearchResults{};
  results.query = state_.list.search;
  state_.list.cursor = 0;
  if (blank(results.query)) return;
  results.loading = true;
  const std::string query = results.query;
  const std::string path = std::string("/api/tickets?view=") + view_query(state_.list.view) +
                           "&limit=" + std::to_string(kPageSize) + "&q=" + url_encode(query);
  call("GET", path, nullptr, [this, query](int status, const Json& body) {
    SearchResults& results = state_.list.results;
    if (results.query != query) return;  // a newer search replaced this one
    results.loading = false;
    if (status != 200 || !body.contains("tickets") || !body["tickets"].is_array()) return failed(status, body, "search");
    adopt_summaries(body["tickets"]);
    for (const Json& item : body["tickets"]) results.ids.push_back(int_of(item, "id"));
    if (body.contains("next") && body["next"].is_string()) results.next = body["next"].get<std::string>();
  });
}

void App::load_counts() {
  state_.list.counts_stale = false;
  state_.list.counts_due = 0;
  call("GET", "/api/tickets?limit=1", nullptr, [this](int status, const Json& body) {
    if (status == 200) adopt_counts(body);
  });
}

void App::adopt_counts(const Json& body) {
  if (!body.contains("counts") || !body["counts"].is_object()) return;
  for (const auto& [name, count] : body["counts"].items())
    if (count.is_number_integer()) state_.list.counts[name] = count.get<std::int64_t>();
}

// ---- the open ticket ------------------------------------------------------------------------

void App::open(TicketId id) {
  if (!id) return;
  state_.open = OpenTicket{};
  state_.open.id = id;
  state_.open.loading = true;
  state_.open.scroll_to_end = true;
  if (state_.sync.state() == Link::live || state_.sync.state() == Link::catching_up)
    send_json({{"type", "view"}, {"ticket", id}});
  if (const Ticket* ticket = state_.replica->ticket(id))
    platform_.set_title("Baton - " + state_.me->name + " - " + ticket->ref);
  // The composer belongs to this ticket from now on: what is typed before the ticket has loaded
  // is this ticket's draft (the server's copy is merged in when it arrives).
  if (state_.composer.ticket != id) load_composer(id);
  fetch_ticket(id);
}

void App::fetch_ticket(TicketId id) {
  call("GET", "/api/tickets/" + std::to_string(id), nullptr, [this, id](int status, const Json& body) {
    if (state_.open.id != id) return;
    state_.open.loading = false;
    if (status == 200) {
      if (const Ticket* ticket = adopt_ticket(body, true)) {
        state_.open.error.clear();
        platform_.set_title("Baton - " + state_.me->name + " - " + ticket->ref);
        const Composer& c = state_.composer;
        if (c.ticket != id || (c.body.empty() && !throttle_.dirty())) load_composer(id);  // the server's draft
        return;
      }
    }
    if (status == 401) return session_expired();
    state_.open.error = status == 0 ? "The server did not answer; the ticket will load when it is back."
                                    : "Could not open the ticket: " + error_message(body);
  });
}

void App::load_history() {
  const TicketId id = state_.open.id;
  const Ticket* ticket = state_.replica->ticket(id);
  if (!id || state_.open.history_loading) return;
  state_.open.history_loading = true;
  const Version version = ticket ? ticket->version : 0;
  call("GET", "/api/tickets/" + std::to_string(id) + "/history", nullptr,
       [this, id, version](int status, const Json& body) {
         if (state_.open.id != id) return;
         state_.open.history_loading = false;
         if (status != 200 || !body.contains("events") || !body["events"].is_array()) {
           state_.open.history_version = version;  // do not ask again until the ticket changes
           return failed(status, body, "load the history");
         }
         state_.open.history.clear();
         for (const Json& item : body["events"])
           if (const auto event_result = protocol::event_from_json(item); auto* event = value_of(event_result)) state_.open.history.push_back(*event);
         state_.open.history_version = version;
       });
}

void App::run(TicketId id, const Command& command, const std::string& what, std::function<void()> done) {
  Json body = protocol::to_json(command);
  call("POST", "/api/tickets/" + std::to_string(id) + "/commands", &body,
       [this, id, what, done = std::move(done)](int status, const Json& answer) {
         if (status == 200 && answer.contains("ticket")) {
           adopt_ticket(answer, id == state_.open.id);
           state_.list.counts_stale = true;
           state_.list.counts_due = now() + kCountsDelay / 4;
           if (done) done();
           return;
         }
         failed(status, answer, what);
       });
}

// ---- my draft and sending -------------------------------------------------------------------

std::string App::draft_key(TicketId id) const {
  return "baton.draft." + std::to_string(state_.me ? state_.me->id : 0) + "." + std::to_string(id);
}

void App::new_key() {
  state_.composer.key = std::to_string(now()) + "-" + std::to_string(state_.me ? state_.me->id : 0) + "-" +
                        std::to_string(++key_counter_);
}

void App::load_composer(TicketId id) {
  Composer composer;
  composer.ticket = id;
  const Ticket* ticket = state_.replica->ticket(id);
  const Draft* server = ticket ? ticket->draft_of(state_.me->id) : nullptr;
  std::optional<Json> local;
  if (auto text = platform_.load(draft_key(id))) {
    Json parsed = Json::parse(*text, nullptr, false);
    if (parsed.is_object()) local = parsed;
  }
  // The newer of the two wins: an edit made offline is newer than what the server holds.
  if (local && (!server || int_of(*local, "changed_at") >= server->updated_at)) {
    composer.body = local->value("body", std::string());
    composer.kind = local->value("kind", std::string("reply")) == "note" ? DraftKind::note : DraftKind::reply;
    composer.base_version = int_of(*local, "base_version");
    composer.key = local->value("key", std::string());
    composer.changed_at = int_of(*local, "changed_at");
    if (!server || server->body != composer.body) throttle_.changed(now());
  } else if (server) {
    composer.body = server->body;
    composer.kind = server->kind;
    composer.base_version = server->base_version;
    composer.changed_at = composer.saved_at = server->updated_at;
  }
  state_.composer = std::move(composer);
  if (state_.composer.key.empty()) new_key();
  if (!throttle_.dirty()) throttle_.reset();
  platform_.set_editor_text(state_.composer.body);
}

void App::save_local_draft() {
  const Composer& c = state_.composer;
  if (c.body.empty()) return platform_.erase(draft_key(c.ticket));
  const Json local = {{"body", c.body},
                      {"kind", c.kind == DraftKind::note ? "note" : "reply"},
                      {"base_version", c.base_version},
                      {"key", c.key},
                      {"changed_at", c.changed_at}};
  platform_.save(draft_key(c.ticket), protocol::dump(local));
}

void App::editor_text(std::string text) {
  Composer& c = state_.composer;
  if (!c.ticket || text == c.body) return;
  const Ticket* ticket = state_.replica ? state_.replica->ticket(c.ticket) : nullptr;
  if (c.body.empty() || !c.base_version) c.base_version = ticket ? ticket->version : 0;  // what I answer
  c.body = std::move(text);
  c.changed_at = now();
  c.notice.clear();
  throttle_.changed(c.changed_at);
  save_local_draft();
  send_draft_if_due();  // now, not at the next frame: colleagues see the keystroke sooner
  dirty_ = true;
}

void App::send_draft_if_due() {
  const Composer& c = state_.composer;
  const Time t = now();
  if (state_.sync.state() != Link::live || !c.ticket || !throttle_.due(t)) return;
  send_json({{"type", "draft"}, {"ticket", c.ticket}, {"body", c.body},
             {"kind", c.kind == DraftKind::note ? "note" : "reply"}, {"base_version", c.base_version}});
  throttle_.sent(t);
}

void App::editor_submit() { send(false); }

void App::send(bool anyway) {
  Composer& c = state_.composer;
  const Ticket* ticket = state_.replica ? state_.replica->ticket(c.ticket) : nullptr;
  if (!ticket || c.sending) return;  // a second click while the first is on its way sends nothing
  if (blank(c.body)) {
    c.notice = "Write something first.";
    c.notice_is_error = true;
    return;
  }
  Json body;
  if (c.kind == DraftKind::reply) {
    Version base = c.base_version ? c.base_version : ticket->version;
    if (anyway && c.stale) base = c.stale->version;
    body = {{"type", "reply"}, {"body", c.body}, {"base_version", base}, {"idempotency_key", c.key}};
  } else {
    body = {{"type", "note"}, {"body", c.body}};
  }
  c.sending = true;
  c.notice = "Sending...";
  c.notice_is_error = false;
  const TicketId id = c.ticket;
  const DraftKind kind = c.kind;
  call("POST", "/api/tickets/" + std::to_string(id) + "/commands", &body,
       [this, id, kind](int status, const Json& answer) {
         Composer& c = state_.composer;
         if (c.ticket != id) return;
         c.sending = false;
         if (status == 200 && answer.contains("ticket")) {
           if (const Ticket* ticket = adopt_ticket(answer, true)) {
             // A reply discards my draft on the server; a note does not, so discard it too.
             if (kind == DraftKind::note && ticket->draft_of(state_.me->id))
               run(id, cmd::DiscardDraft{}, "discard the draft");
           }
           platform_.erase(draft_key(id));
           state_.composer = Composer{};
           state_.composer.ticket = id;
           state_.composer.kind = kind;
           const Ticket* after = state_.replica->ticket(id);
           const bool queued = after && after->pending_reply && after->pending_reply->author == state_.me->id;
           state_.composer.notice = kind == DraftKind::note ? "Note added."
                                    : queued ? "Sent: it goes out when the undo window ends (Undo is above)."
                                             : "Reply sent.";
           new_key();
           throttle_.reset();
           platform_.set_editor_text("");
           state_.open.scroll_to_end = true;
           return;
         }
         const std::string code = error_code(answer);
         if (status == 409 && code == "stale") {
           StaleHold hold;
           hold.version = int_of(answer["error"], "version");
           for (const Json& item : answer["error"].value("changes", Json::array()))
             if (const auto change_result = protocol::change_from_json(item); auto* change = value_of(change_result)) hold.changes.push_back(*change);
           c.stale = std::move(hold);
           c.notice = "Not sent yet: the ticket changed while you were writing.";
           c.notice_is_error = true;
           fetch_ticket(id);
           return;
         }
         if (status == 401) return session_expired();
         c.notice_is_error = true;
         if (status == 0) c.notice = "Not sent: the server did not answer. Your draft is safe; press Send to try again.";
         else c.notice = "Not sent: " + error_message(answer);
       });
}

void App::restore_undone(TicketId id) {
  // The server's draft is the reply as it was sent, with anything typed since after it.
  platform_.erase(draft_key(id));
  load_composer(id);
  state_.composer.notice = "Taken back: edit it and send again, or discard it.";
  state_.composer.notice_is_error = false;
}

void App::review() {
  Composer& c = state_.composer;
  if (!c.stale) return;
  c.base_version = c.stale->version;  // my draft now answers what I have just read
  c.stale.reset();
  c.notice = "Read what changed above; Send now answers the latest message.";
  c.notice_is_error = false;
  c.changed_at = now();
  throttle_.changed(c.changed_at);
  save_local_draft();
  state_.open.scroll_to_end = true;
}

void App::discard_draft() {
  Composer& c = state_.composer;
  const Ticket* ticket = state_.replica->ticket(c.ticket);
  if (ticket && ticket->draft_of(state_.me->id)) run(c.ticket, cmd::DiscardDraft{}, "discard the draft");
  platform_.erase(draft_key(c.ticket));
  const TicketId id = c.ticket;
  const DraftKind kind = c.kind;
  c = Composer{};
  c.ticket = id;
  c.kind = kind;
  new_key();
  throttle_.reset();
  platform_.set_editor_text("");
}

// ---- the loop -------------------------------------------------------------------------------

void App::tick() {
  const Time t = now();
  if (state_.screen == Screen::login) {
    if (me_retry_at_ && t >= me_retry_at_ && !state_.token.empty() && !state_.login.busy) {
      me_retry_at_ = 0;
      start();
    }
    return;
  }
  if (t / 1000 != last_second_) {  // "19 secs ago" and countdowns move once a second
    last_second_ = t / 1000;
    ticked_ = true;
    prune_lock_requests(state_, t);
  }
  Sync& sync = state_.sync;
  if (sync.retry_due(t)) connect();
  const bool live = sync.state() == Link::live;
  send_draft_if_due();
  // Keep my lock while I work: renew well before it would expire.
  const Ticket* open = state_.open.id ? state_.replica->ticket(state_.open.id) : nullptr;
  if (live && open && open->lock && open->lock->holder == state_.me->id && open->lock->expires_at && t >= next_renew_) {
    const Time timeout = state_.settings.lock_timeout_secs * kSecond;
    next_renew_ = t + std::clamp<Time>(timeout / 3, 5 * kSecond, 60 * kSecond);
    if (*open->lock->expires_at - t < timeout - 5 * kSecond) send_json({{"type", "renew"}, {"ticket", open->id}});
  }
  if (live && t >= next_ping_) {
    next_ping_ = t + kPingEvery;
    ping_sent_ = t;
    send_json({{"type", "ping"}});
  }
  if (gap_since_ && t - gap_since_ > kGapPatience) {  // an event went missing: resume from the cursor
    gap_since_ = 0;
    net_.close_socket();
    sync.dropped(t);
  }
  if (!state_.replica->needs_fetch().empty() && live) fetch_missing();
  if (const Paging& paging = paging_of(state_, state_.list.view); live && !paging.requested && t >= paging.retry_at)
    load_page(state_.list.view);  // the first page failed: ask again
  ListState& list = state_.list;
  if (list.search != list.results.query && t - list.search_changed_at >= kSearchDelay && live) run_search();
  if (list.counts_stale && list.counts_due && t >= list.counts_due && live) load_counts();
  if (state_.open.id && state_.open.tab == PaneTab::history && !state_.open.history_loading) {
    const Ticket* ticket = state_.replica->ticket(state_.open.id);
    if (ticket && ticket->version != state_.open.history_version) load_history();
  }
}

void App::handle(const Intents& intents) {
  for (const Intent& i : intents) {
    dirty_ = true;
    std::visit(
        [this](const auto& intent) {
          using T = std::decay_t<decltype(intent)>;
          if constexpr (std::is_same_v<T, intent::LogIn>) log_in();
          else if constexpr (std::is_same_v<T, intent::LogOut>) log_out();
          else if constexpr (std::is_same_v<T, intent::ShowView>) show_view(intent.view);
          else if constexpr (std::is_same_v<T, intent::SearchTyped>) state_.list.search_changed_at = now();
          else if constexpr (std::is_same_v<T, intent::LoadMore>) {
            if (!state_.list.results.query.empty()) return;  // search shows its first page only
            load_page(state_.list.view);
          } else if constexpr (std::is_same_v<T, intent::Open>) open(intent.ticket);
          else if constexpr (std::is_same_v<T, intent::CloseTicket>) {
            state_.open = OpenTicket{};  // colleagues see me leave the ticket
            if (state_.sync.state() == Link::live) send_json({{"type", "view"}, {"ticket", nullptr}});
          }
          else if constexpr (std::is_same_v<T, intent::MoveCursor>) {
            const auto total = list_row_count(state_);
            if (!total) return;
            const long next = static_cast<long>(state_.list.cursor) + intent.delta;
            state_.list.cursor = static_cast<std::size_t>(std::clamp<long>(next, 0, static_cast<long>(total) - 1));
            state_.list.cursor_moved = true;
          } else if constexpr (std::is_same_v<T, intent::OpenCursor>) {
            if (state_.list.cursor < list_row_count(state_)) open(list_row(state_, state_.list.cursor));
          } else if constexpr (std::is_same_v<T, intent::Run>) {
            std::function<void()> done;
            if (std::holds_alternative<cmd::UndoSend>(intent.command))
              done = [this, id = intent.ticket] {  // the reply is the draft again: into the editor
                if (state_.composer.ticket == id) restore_undone(id);
                say("Taken back: the reply is your draft again.", false);
              };
            run(intent.ticket, intent.command, intent.what, std::move(done));
            if (std::holds_alternative<cmd::RequestLock>(intent.command)) state_.ask_reason.clear();
            if (std::holds_alternative<cmd::AnswerLockRequest>(intent.command)) state_.keep_reason.clear();
          }
          else if constexpr (std::is_same_v<T, intent::ShowTab>) {
            state_.open.tab = intent.tab;
            if (intent.tab == PaneTab::history) state_.open.history_version = -1;  // read it fresh
          } else if constexpr (std::is_same_v<T, intent::ComposeKind>) {
            if (state_.composer.kind != intent.kind) {
              state_.composer.kind = intent.kind;
              state_.composer.stale.reset();
              if (!state_.composer.body.empty()) {
                state_.composer.changed_at = now();
                throttle_.changed(now());
                save_local_draft();
              }
            }
          } else if constexpr (std::is_same_v<T, intent::EditorText>) editor_text(intent.text);
          else if constexpr (std::is_same_v<T, intent::Send>) send(false);
          else if constexpr (std::is_same_v<T, intent::SendAnyway>) send(true);
          else if constexpr (std::is_same_v<T, intent::Review>) review();
          else if constexpr (std::is_same_v<T, intent::DiscardDraft>) discard_draft();
          else if constexpr (std::is_same_v<T, intent::OpenSettings>) {
            state_.settings_open = true;
            state_.settings_edit = state_.settings;
            state_.settings_notice.clear();
          } else if constexpr (std::is_same_v<T, intent::CloseSettings>) state_.settings_open = false;
          else if constexpr (std::is_same_v<T, intent::SaveSettings>) save_settings();
          else if constexpr (std::is_same_v<T, intent::TourAction>) return;  // the Workspace's
          else if constexpr (std::is_same_v<T, intent::OpenReport>) load_report(intent.days);
          else if constexpr (std::is_same_v<T, intent::CloseReport>) state_.report.open = false;
          else if constexpr (std::is_same_v<T, intent::DownloadReport>) download_report();
          else if constexpr (std::is_same_v<T, intent::Copy>) {
            platform_.copy_to_clipboard(intent.text);
            say("Copied to the clipboard.", false);
          }
        },
        i);
  }
}

void App::save_settings() {
  Json body = protocol::to_json(state_.settings_edit);
  state_.settings_notice = "Saving...";
  call("PUT", "/api/settings", &body, [this](int status, const Json& answer) {
    if (status == 200 && answer.contains("settings")) {
      if (const auto settings_result = protocol::settings_from_json(answer["settings"]); auto* settings = value_of(settings_result)) {
        state_.settings = *settings;
        state_.settings_edit = *settings;
        state_.settings_notice = "Saved.";
        return;
      }
    }
    if (status == 401) return session_expired();
    state_.settings_notice = status == 0 ? "Not saved: the server did not answer." : "Not saved: " + error_message(answer);
  });
}

// ---- the collision report (admins) ----------------------------------------------------------

std::pair<std::string, std::string> App::report_days() const {
  const Time t = platform_.now_ms();
  return {utc_day(t - (state_.report.days - 1) * kDay), utc_day(t)};
}

std::string App::report_range() const {
  const auto [from, to] = report_days();
  return "from=" + from + "&to=" + to;
}

void App::load_report(int days) {
  ReportState& report = state_.report;
  report.open = true;
  report.days = std::clamp(days, 1, 366);
  report.loading = true;
  report.error.clear();
  report.notice.clear();
  call_text("GET", "/api/report/collisions?" + report_range(), {}, [this](int status, const std::string& body) {
    ReportState& report = state_.report;
    report.loading = false;
    if (status == 200) {
      auto decoded = protocol::decode_report(body);
      if (auto* value = std::get_if<CollisionReport>(&decoded)) {
        report.data = std::move(*value);
        return;
      }
      report.error = "The server sent a report the workspace could not read.";
      return;
    }
    if (status == 401) return session_expired();
    const Json parsed = Json::parse(body, nullptr, false);
    report.error = status == 0 ? "The server did not answer; try again."
                               : error_message(parsed.is_discarded() ? Json::object() : parsed);
  });
}

void App::download_report() {
  const auto [from, to] = report_days();
  const std::string name = "baton-collisions-" + from + "-to-" + to + ".csv";
  state_.report.notice = "Preparing the CSV...";
  call_text("GET", "/api/report/collisions?" + report_range() + "&format=csv", {}, [this, name](int status, const std::string& body) {
    if (status != 200) {
      state_.report.notice = status == 0 ? "Not saved: the server did not answer." : "Not saved: the server refused (" + std::to_string(status) + ").";
      return;
    }
    const std::string where = platform_.save_file(name, "text/csv", body);
    state_.report.notice = where.empty() ? "Could not save " + name : "Saved " + name + " to " + where;
  });
}

}  // namespace baton::shell
