#include "kiosk.hpp"

namespace baton::kiosk {

namespace {
constexpr Time kTypingFor = 5 * kSecond;  // as the server: "typing" means a keystroke in the last 5 s
}

Kiosk::Kiosk(std::uint64_t seed, Time now)
    : engine_(story_agents(), story_settings()),
      sim_(seed),
      story_(begin_story(engine_, sim_, now)),
      net_(engine_, story_.trainee),
      tour_(tour_steps(story_)) {}

void Kiosk::apply(const sim::Step& step, Time now) {
  switch (step.kind) {
    case sim::StepKind::view:
      engine_.set_presence(step.ticket, step.agent, Presence::viewing);
      break;
    case sim::StepKind::leave:
      engine_.set_presence(step.ticket, step.agent, std::nullopt);
      typing_.erase({step.ticket, step.agent});
      break;
    case sim::StepKind::type: {
      const Ticket* ticket = engine_.ticket(step.ticket);
      engine_.run(step.ticket, cmd::SaveDraft{step.body, step.draft_kind, ticket ? ticket->version : 0}, step.agent, now);
      if (!typing_.count({step.ticket, step.agent})) engine_.set_presence(step.ticket, step.agent, Presence::typing);
      typing_[{step.ticket, step.agent}] = now;
      break;
    }
    case sim::StepKind::command:
      engine_.run(step.ticket, *step.command, step.agent, now);
      if (std::holds_alternative<cmd::Reply>(*step.command)) typing_.erase({step.ticket, step.agent});
      break;
  }
}

bool Kiosk::pump(Time now) {
  react(story_, engine_, sim_, now, tour_.free_play());
  const sim::World world = engine_.world();
  while (auto step = sim_.next(now, world)) apply(*step, now);
  for (auto it = typing_.begin(); it != typing_.end();) {  // stopped typing: still viewing
    if (now - it->second < kTypingFor) {
      ++it;
      continue;
    }
    engine_.set_presence(it->first.first, it->first.second, Presence::viewing);
    it = typing_.erase(it);
  }
  engine_.run_automations(now);
  return net_.pump(now);
}

}  // namespace baton::kiosk
