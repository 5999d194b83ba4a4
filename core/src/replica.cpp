#include "baton/replica.hpp"

#include <algorithm>

#include "baton/freshness.hpp"

namespace baton {
namespace {

Row row_of(const Ticket& t) { return {t.updated_at, t.id}; }

}  // namespace

bool Replica::belongs(const Ticket& t, View v) const {
  switch (v) {
    case View::all: return true;
    case View::mine: return t.assignee == me_;
    case View::unassigned: return !t.assignee;
    case View::locked: return t.lock.has_value();
    case View::awaiting_agent: return t.status == Status::awaiting_agent;
    case View::awaiting_user: return t.status == Status::awaiting_user;
    case View::pending: return t.status == Status::pending;
    case View::resolved: return t.status == Status::resolved;
  }
  return false;
}

// Incremental: per view, remove the old row and insert the new one (see SortedRows).
void Replica::place(const Ticket* old_state, const Ticket* new_state) {
  for (std::size_t i = 0; i < kViewCount; ++i) {
    const View v = static_cast<View>(i);
    const bool was = old_state && belongs(*old_state, v);
    const bool is = new_state && belongs(*new_state, v);
    if (was && is && row_of(*old_state) == row_of(*new_state)) continue;  // same place
    if (was) views_[i].erase(row_of(*old_state));
    if (is) views_[i].insert(row_of(*new_state));
  }
}

void Replica::store(Entry& entry, Ticket next) {
  if (!entry.full) next.messages.clear();  // a summary keeps no thread: message_count says enough
  place(&entry.ticket, &next);
  entry.ticket = std::move(next);
}

void Replica::upsert(Ticket ticket, bool full) {
  auto it = tickets_.find(ticket.id);
  needs_fetch_.erase(ticket.id);
  if (it == tickets_.end()) {
    place(nullptr, &ticket);
    tickets_.emplace(ticket.id, Entry{std::move(ticket), full});
    return;
  }
  Entry& entry = it->second;
  if (ticket.version < entry.ticket.version) return;
  if (!full && entry.full && ticket.version == entry.ticket.version) return;  // keep the thread we have
  if (!full) ticket.drafts = entry.ticket.drafts;  // a summary carries no draft bodies
  entry.full = full;
  store(entry, std::move(ticket));
}

Applied Replica::apply_now(const Event& event) {
  auto it = tickets_.find(event.ticket);
  if (it == tickets_.end()) {
    if (!std::holds_alternative<ev::Created>(event.payload)) {
      needs_fetch_.insert(event.ticket);
      return Applied::unknown;
    }
    Ticket t = evolve(Ticket::blank(event.ticket, {}), event);
    place(nullptr, &t);
    tickets_.emplace(t.id, Entry{std::move(t), true});  // seen from its creation: complete
    return Applied::applied;
  }
  Entry& entry = it->second;
  if (event.version <= entry.ticket.version) return Applied::duplicate;  // the snapshot has it
  // A version jump means this ticket missed events (it was fetched from an older snapshot).
  if (event.version != entry.ticket.version + 1) needs_fetch_.insert(event.ticket);
  store(entry, evolve(entry.ticket, event));
  return Applied::applied;
}

Applied Replica::apply(const Event& event, Seq prev) {
  if (event.seq <= last_seq_) return Applied::duplicate;
  if (prev > last_seq_) {
    held_.emplace(event.seq, std::make_pair(event, prev));
    return Applied::gap;
  }
  const Applied result = apply_now(event);
  last_seq_ = event.seq;
  // Whatever was held back may follow on now.
  while (!held_.empty()) {
    auto first = held_.begin();
    const auto& [held_event, held_prev] = first->second;
    if (held_event.seq <= last_seq_) {
      held_.erase(first);
    } else if (held_prev <= last_seq_) {
      apply_now(held_event);
      last_seq_ = held_event.seq;
      held_.erase(first);
    } else {
      break;
    }
  }
  return result;
}

Applied Replica::apply_draft(const Event& event) {
  auto it = tickets_.find(event.ticket);
  if (it == tickets_.end()) return Applied::unknown;
  Entry& entry = it->second;
  if (const auto* saved = std::get_if<ev::DraftSaved>(&event.payload)) {
    const Draft* current = entry.ticket.draft_of(saved->draft.author);
    if (current && current->updated_at > saved->draft.updated_at) return Applied::duplicate;  // arrived late
  } else if (!std::holds_alternative<ev::DraftDiscarded>(event.payload)) {
    return Applied::unknown;
  }
  entry.ticket = evolve(std::move(entry.ticket), event);  // drafts do not move a ticket between views
  return Applied::applied;
}

void Replica::set_presence(TicketId ticket, AgentId agent, std::optional<Presence> state, Time at) {
  auto& entries = presence_[ticket];
  std::erase_if(entries, [&](const PresenceEntry& e) { return e.agent == agent; });
  if (state) entries.push_back(PresenceEntry{agent, *state, at});
  if (entries.empty()) presence_.erase(ticket);
}

void Replica::forget_agent(AgentId agent) {
  for (auto it = presence_.begin(); it != presence_.end();) {
    std::erase_if(it->second, [&](const PresenceEntry& e) { return e.agent == agent; });
    it = it->second.empty() ? presence_.erase(it) : std::next(it);
  }
}

const Ticket* Replica::ticket(TicketId id) const {
  auto it = tickets_.find(id);
  return it == tickets_.end() ? nullptr : &it->second.ticket;
}

bool Replica::is_full(TicketId id) const {
  auto it = tickets_.find(id);
  return it != tickets_.end() && it->second.full;
}

std::vector<PresenceEntry> Replica::presence(TicketId id) const {
  auto it = presence_.find(id);
  if (it == presence_.end()) return {};
  auto out = it->second;
  std::sort(out.begin(), out.end(), [](const auto& a, const auto& b) { return a.agent < b.agent; });
  return out;
}

std::vector<OtherDraft> Replica::others_drafts(TicketId id, Time now) const {
  std::vector<OtherDraft> out;
  const Ticket* t = ticket(id);
  if (!t) return out;
  for (const Draft& d : t->drafts)
    if (d.author != me_) out.push_back(OtherDraft{d.author, d.kind, d.body, d.updated_at, freshness(now - d.updated_at)});
  // The freshest first: the draft someone is typing right now matters most.
  std::sort(out.begin(), out.end(), [](const auto& a, const auto& b) { return a.updated_at > b.updated_at; });
  return out;
}

}  // namespace baton
