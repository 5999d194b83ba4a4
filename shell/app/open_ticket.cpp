#include "../i18n/words.hpp"
#include "open_ticket.hpp"

#include <algorithm>

#include "replica_feed.hpp"

namespace baton::shell {

void OpenTicketController::open(TicketId id) {
  if (!id) return;
  AppState& state = c_.state;
  const std::uint64_t scrolls = state.open.scroll_requests;
  state.open = OpenTicket{};
  state.open.id = id;
  state.open.loading = true;
  state.open.scroll_requests = scrolls + 1;
  if (state.sync.state() == Link::live || state.sync.state() == Link::catching_up) c_.send_live(api::live::Viewing{id});
  if (const Ticket* ticket = state.replica->ticket(id))
    c_.platform.set_title(tr("title.ticket", {{"name", state.me->name}, {"ref", ticket->ref}}));
  // The composer belongs to this ticket from now on: what is typed before the ticket has loaded
  // is this ticket's draft (the server's copy is merged in when it arrives).
  if (opened) opened(id);
  fetch(id);
}

void OpenTicketController::close() {
  const std::uint64_t scrolls = c_.state.open.scroll_requests;
  c_.state.open = OpenTicket{};  // colleagues see me leave the ticket
  c_.state.open.scroll_requests = scrolls;
  if (c_.live()) c_.send_live(api::live::Viewing{std::nullopt});
}

void OpenTicketController::fetch(TicketId id) {
  c_.api.call(api::route::GetTicket{id}, [this, id](Reply<api::TicketAnswer> reply) {
    AppState& state = c_.state;
    if (state.open.id != id) return;
    state.open.loading = false;
    if (reply.ok()) {
      const Ticket* ticket = adopt_ticket(state, reply.value->ticket, true);
      state.open.error.clear();
      c_.platform.set_title(tr("title.ticket", {{"name", state.me->name}, {"ref", ticket->ref}}));
      if (fetched) fetched(id);
      return;
    }
    state.open.error = reply.status == 0 ? tr("error.ticket_no_answer")
                                         : tr("error.could_not", {{"doing", tr("doing.open")}, {"why", error_words(reply.error, reply.status)}});
  });
}

void OpenTicketController::show_tab(PaneTab tab) {
  c_.state.open.tab = tab;
  if (tab == PaneTab::history) c_.state.open.history_version = -1;  // read it fresh
}

void OpenTicketController::load_history() {
  OpenTicket& open = c_.state.open;
  const TicketId id = open.id;
  const Ticket* ticket = c_.state.replica->ticket(id);
  if (!id || open.history_loading) return;
  open.history_loading = true;
  const Version version = ticket ? ticket->version : 0;
  c_.api.call(api::route::History{id}, [this, id, version](Reply<api::HistoryPage> reply) {
    OpenTicket& open = c_.state.open;
    if (open.id != id) return;
    open.history_loading = false;
    open.history_version = version;  // on failure too: not asked again until the ticket changes
    if (!reply.ok()) return c_.failed(reply, tr("doing.history"));
    open.history = std::move(reply.value->events);
  });
}

void OpenTicketController::run(TicketId id, const Command& command, const std::string& what, std::function<void()> done) {
  c_.api.call(api::route::Commands{id}, command, [this, id, what, done = std::move(done)](Reply<api::CommandAnswer> reply) {
    if (!reply.ok()) return c_.failed(reply, what);
    adopt_ticket(c_.state, reply.value->ticket, id == c_.state.open.id);
    if (commanded) commanded();
    if (done) done();
  });
}

void OpenTicketController::download(const Attachment& a) {
  const auto route = api::parse_route(api::Method::get, a.url);
  if (!route) return c_.say(tr("error.attachment_link", {{"name", a.name}}), true);
  c_.say(tr("attachment.downloading", {{"name", a.name}}), false);
  c_.api.call_text(*route, [this, a](Reply<api::CsvText> reply) {
    if (!reply.ok()) return c_.failed(reply, tr("doing.download", {{"name", a.name}}));
    const std::string where = c_.platform.save_file(a.name, a.content_type, reply.value->text);
    c_.say(where.empty() ? tr("attachment.not_saved", {{"name", a.name}}) : tr("attachment.saved", {{"name", a.name}, {"where", where}}),
           where.empty());
  });
}

void OpenTicketController::fetch_missing() {
  for (TicketId id : c_.state.replica->needs_fetch()) {
    if (!fetching_.insert(id).second) continue;
    c_.api.call(api::route::GetTicket{id}, [this, id](Reply<api::TicketAnswer> reply) {
      fetching_.erase(id);
      if (reply.ok()) {
        adopt_ticket(c_.state, reply.value->ticket, id == c_.state.open.id);
        return;
      }
      if (reply.status == 403 || reply.status == 404 || reply.status == 200)
        c_.state.replica->fetched(id);  // not ours to show
    });
  }
}

// Keeps my lock while I work: renewed well before it would expire.
void OpenTicketController::renew_if_due(Time now) {
  const Ticket* open = c_.state.open.id ? c_.state.replica->ticket(c_.state.open.id) : nullptr;
  if (!c_.live() || !open || !open->lock || open->lock->holder != c_.state.me->id || !open->lock->expires_at ||
      now < next_renew_)
    return;
  const Time timeout = c_.state.settings.lock_timeout_secs * kSecond;
  next_renew_ = now + std::clamp<Time>(timeout / 3, 5 * kSecond, 60 * kSecond);
  if (*open->lock->expires_at - now < timeout - 5 * kSecond) c_.send_live(api::live::Renew{open->id});
}

void OpenTicketController::tick(Time now) {
  renew_if_due(now);
  if (!c_.state.replica->needs_fetch().empty() && c_.live()) fetch_missing();
  const OpenTicket& open = c_.state.open;
  if (open.id && open.tab == PaneTab::history && !open.history_loading) {
    const Ticket* ticket = c_.state.replica->ticket(open.id);
    if (ticket && ticket->version != open.history_version) load_history();
  }
}

}  // namespace baton::shell
