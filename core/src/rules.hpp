#pragma once
// Shared pieces of the rule files: the context of one decision, the events it builds, the guards.
#include <optional>
#include <string>
#include <vector>

#include "baton/decide.hpp"
#include "baton/text.hpp"

namespace baton::rules {

// Everything one decision may look at. `ticket` already reflects an expired lock's release.
struct Ctx {
  const Ticket& ticket;
  const Actor& actor;
  Time now;
  const Settings& settings;
  const Directory& directory;
};

// Collects the decided events, numbering versions as evolve() will.
class EventLog {
 public:
  EventLog(TicketId ticket, Version version, Time now) : ticket_(ticket), version_(version), now_(now) {}
  void logged(AgentId actor, EventPayload payload);
  void ephemeral(AgentId actor, EventPayload payload);
  Version next_version() const { return version_ + 1; }
  std::vector<Event>& events() { return events_; }

 private:
  TicketId ticket_;
  Version version_;
  Time now_;
  std::vector<Event> events_;
};

using Outcome = std::optional<Rejection>;  // none: accepted, the events are in the log

Outcome require_agent(const Ctx& c);                 // a person, not the system
Outcome require_system(const Ctx& c, ErrorKey refusal);  // `refusal`: the words for anyone else
Outcome require_free_or_held(const Ctx& c);          // only the holder changes a locked ticket
using baton::is_blank;                                // what check_text calls empty
Outcome check_text(const std::string& field, const std::string& text, std::size_t max_bytes, bool allow_empty);
Outcome check_base_version(const Ctx& c, Version base_version);
std::optional<Time> lock_expiry(const Ctx& c);       // now + timeout, none without a timeout

Outcome decide_lock(const Ctx& c, EventLog& log);
Outcome decide_unlock(const Ctx& c, EventLog& log);
Outcome decide_force_unlock(const Ctx& c, EventLog& log);
Outcome decide_renew(const Ctx& c, EventLog& log);
Outcome decide_release(const Ctx& c, EventLog& log, const cmd::Release& release, bool expired_already);
Outcome decide_assign(const Ctx& c, EventLog& log, std::optional<AgentId> to);
Outcome decide_draft(const Ctx& c, EventLog& log, const cmd::SaveDraft& draft);
Outcome decide_discard_draft(const Ctx& c, EventLog& log);
Outcome decide_reply(const Ctx& c, EventLog& log, const cmd::Reply& reply);
Outcome decide_note(const Ctx& c, EventLog& log, const cmd::Note& note);
Outcome decide_receive(const Ctx& c, EventLog& log, const cmd::Receive& receive);
Outcome decide_create(const Ctx& c, EventLog& log, const cmd::Create& create);
Outcome decide_status(const Ctx& c, EventLog& log, Status status);
Outcome decide_urgency(const Ctx& c, EventLog& log, int urgency);
Outcome decide_request_lock(const Ctx& c, EventLog& log, const cmd::RequestLock& request);
Outcome decide_answer_lock_request(const Ctx& c, EventLog& log, const cmd::AnswerLockRequest& answer);
Outcome decide_undo_send(const Ctx& c, EventLog& log, const cmd::UndoSend& undo);
Outcome decide_deliver_reply(const Ctx& c, EventLog& log);
Outcome decide_record_delivery(const Ctx& c, EventLog& log, const cmd::RecordDelivery& record);
Outcome decide_retry_delivery(const Ctx& c, EventLog& log, const cmd::RetryDelivery& retry);

void release_after_reply(const Ctx& c, EventLog& log, AgentId author);
Message reply_message(const Ctx& c, AgentId author, const std::string& body);

// When the holder last worked on the ticket: taking the lock or their latest draft save.
Time holder_active_at(const Ticket& ticket);

}  // namespace baton::rules
