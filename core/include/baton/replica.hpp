#pragma once
// The client's copy of the tickets it may see, kept current by the server's events: tickets by id,
// list views kept sorted incrementally, other agents' drafts and presence. No I/O: the sync layer
// feeds it and asks it where to resume.
#include <array>
#include <map>
#include <optional>
#include <set>
#include <string>
#include <unordered_map>
#include <vector>

#include "baton/decide.hpp"
#include "baton/sorted_rows.hpp"

namespace baton {

enum class View { all, mine, unassigned, locked, awaiting_agent, awaiting_user, pending, resolved };
inline constexpr std::size_t kViewCount = 8;

enum class Presence { viewing, typing };

struct PresenceEntry {
  AgentId agent = 0;
  Presence state = Presence::viewing;
  Time since = 0;
  bool operator==(const PresenceEntry&) const = default;
};

// Another agent's draft as the ticket pane shows it: "Alesia is writing... 19 secs ago".
struct OtherDraft {
  AgentId author = 0;
  DraftKind kind = DraftKind::reply;
  std::string body;
  Time updated_at = 0;
  std::string freshness;
};

enum class Applied {
  applied,    // the event changed the replica
  duplicate,  // already seen (seq at or below the cursor, or already in the ticket's snapshot)
  gap,        // held back: an earlier event is missing; resume from last_seq()
  unknown,    // the replica does not know the ticket yet; it is listed in needs_fetch()
};

class Replica {
 public:
  explicit Replica(AgentId me) : me_(me) {}

  // A ticket from a query: a summary (full = false: messages not loaded) or the whole ticket.
  // An older version than the one held is ignored, so a slow response cannot roll a ticket back.
  void upsert(Ticket ticket, bool full);
  // Where the live stream starts, for a replica built from queries before it subscribed.
  void set_cursor(Seq seq) { last_seq_ = seq; }

  // A logged event from the stream. `prev` is the seq the server sent before this one on the same
  // connection (it filters out other departments' events, so seqs alone cannot show a gap).
  Applied apply(const Event& event, Seq prev);
  // A live draft update (draft_saved / draft_discarded): no seq, last writer wins per author.
  Applied apply_draft(const Event& event);
  // Presence of another agent on a ticket; none: they left.
  void set_presence(TicketId ticket, AgentId agent, std::optional<Presence> state, Time at);
  void forget_agent(AgentId agent);  // their last connection closed

  Seq last_seq() const { return last_seq_; }
  bool has_gap() const { return !held_.empty(); }
  std::size_t held_back() const { return held_.size(); }
  // Tickets an event mentioned that the replica does not hold: fetch them.
  const std::set<TicketId>& needs_fetch() const { return needs_fetch_; }
  void fetched(TicketId id) { needs_fetch_.erase(id); }

  const Ticket* ticket(TicketId id) const;
  bool is_full(TicketId id) const;
  std::size_t size() const { return tickets_.size(); }

  // Most recently updated first (ties: higher id first).
  const SortedRows& view(View v) const { return views_[static_cast<std::size_t>(v)]; }
  std::vector<PresenceEntry> presence(TicketId id) const;
  std::vector<OtherDraft> others_drafts(TicketId id, Time now) const;

 private:
  struct Entry {
    Ticket ticket;
    bool full = false;
  };
  bool belongs(const Ticket& t, View v) const;
  void place(const Ticket* before, const Ticket* after);  // moves a ticket between views
  void store(Entry& entry, Ticket next);
  Applied apply_now(const Event& event);

  AgentId me_;
  Seq last_seq_ = 0;
  std::unordered_map<TicketId, Entry> tickets_;
  std::array<SortedRows, kViewCount> views_;
  std::map<Seq, std::pair<Event, Seq>> held_;  // seq -> (event, prev), waiting for a gap to fill
  std::set<TicketId> needs_fetch_;
  std::unordered_map<TicketId, std::vector<PresenceEntry>> presence_;
};

}  // namespace baton
