#include "i18n/words.hpp"
#include "lock_requests.hpp"

#include <vector>

namespace baton::shell {
namespace {

constexpr Time kAnswerShown = 2 * 60 * kSecond;  // how long "Marcus keeps the lock: ..." stays

bool is_me(const AppState& state, AgentId id) { return state.me && state.me->id == id; }

void drop_prompt(AppState& state, TicketId ticket) {
  std::erase_if(state.lock_prompts, [&](const LockPrompt& p) { return p.ticket == ticket; });
}

void add_prompt(AppState& state, const Ticket& t, const LockRequest& request) {
  drop_prompt(state, t.id);
  state.lock_prompts.push_back(LockPrompt{t.id, t.ref, t.subject, request.requester, request.reason, request.at});
}

}  // namespace

void follow_lock_event(AppState& state, const Event& event, Time now) {
  const Ticket* t = state.replica ? state.replica->ticket(event.ticket) : nullptr;
  std::visit(
      [&](const auto& p) {
        using T = std::decay_t<decltype(p)>;
        if constexpr (std::is_same_v<T, ev::LockRequested>) {
          if (is_me(state, p.holder) && t && t->lock && t->lock->request) add_prompt(state, *t, *t->lock->request);
          if (is_me(state, p.requester)) state.lock_answers.erase(event.ticket);
        } else if constexpr (std::is_same_v<T, ev::LockRequestDeclined>) {
          drop_prompt(state, event.ticket);
          if (is_me(state, p.requester))
            state.lock_answers[event.ticket] = LockAnswer{
                p.reason.empty() ? tr("request.kept", {{"holder", state.directory.name(event.actor)}})
                                 : tr("request.kept_because", {{"holder", state.directory.name(event.actor)}, {"reason", p.reason}}),
                false, now};
        } else if constexpr (std::is_same_v<T, ev::LockHandedOver>) {
          drop_prompt(state, event.ticket);
          if (is_me(state, p.to))
            state.lock_answers[event.ticket] = LockAnswer{
                tr(p.automatic ? "request.yours_automatically" : "request.handed_to_you", {{"holder", state.directory.name(p.from)}}),
                true, now};
        } else if constexpr (std::is_same_v<T, ev::Unlocked> || std::is_same_v<T, ev::Locked>) {
          drop_prompt(state, event.ticket);
        }
      },
      event.payload);
}

void follow_lock_ticket(AppState& state, const Ticket& t) {
  if (t.lock && t.lock->request && is_me(state, t.lock->holder)) add_prompt(state, t, *t.lock->request);
}

void prune_lock_requests(AppState& state, Time now) {
  std::erase_if(state.lock_prompts, [&](const LockPrompt& p) {
    const Ticket* t = state.replica ? state.replica->ticket(p.ticket) : nullptr;
    return !t || !t->lock || !is_me(state, t->lock->holder) || !t->lock->request ||
           t->lock->request->requester != p.requester;
  });
  std::erase_if(state.lock_answers, [&](const auto& entry) { return now - entry.second.at > kAnswerShown; });
}

}  // namespace baton::shell
