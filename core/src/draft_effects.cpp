// draft_effects(): which drafts an event saves or ends (see draft_effects.hpp).
#include "baton/draft_effects.hpp"

#include "baton/overloaded.hpp"

namespace baton {
namespace {


// Sending a reply or a note ends the author's draft of that kind; one of the other kind stays.
std::vector<DraftEffect> sent(const Ticket& before, AgentId author, DraftKind kind) {
  for (const Draft& d : before.drafts)
    if (d.author == author && d.kind != kind) return {};
  return {DraftEffect{author, std::nullopt}};
}

}  // namespace

std::vector<DraftEffect> draft_effects(const Ticket& before, const Event& e) {
  return std::visit(
      Overloaded{
          [&](const ev::DraftSaved& d) { return std::vector{DraftEffect{d.draft.author, d.draft}}; },
          [&](const ev::DraftDiscarded& d) { return std::vector{DraftEffect{d.author, std::nullopt}}; },
          [&](const ev::SendUndone& u) { return std::vector{DraftEffect{u.draft.author, u.draft}}; },
          [&](const ev::ReplyQueued&) { return sent(before, e.actor, DraftKind::reply); },
          [&](const ev::Replied& r) {
            bool delivered = before.pending_reply && before.pending_reply->idempotency_key == r.idempotency_key;
            return delivered ? std::vector<DraftEffect>{} : sent(before, e.actor, DraftKind::reply);
          },
          [&](const ev::NoteAdded&) { return sent(before, e.actor, DraftKind::note); },
          [](const auto&) { return std::vector<DraftEffect>{}; },
      },
      e.payload);
}

}  // namespace baton
