#include "story.hpp"

#include "baton/ticket_ref.hpp"

namespace baton::kiosk {
namespace {

using shell::AppState;
using shell::PaneTab;

constexpr Time kMinute = 60 * kSecond;

struct Seed {
  const char* subject;
  const char* name;
  const char* email;
  const char* organization;
  int urgency;
  const char* body;
};

const Seed kTickets[] = {
    {"Complaint with Boiler", "Hannah Rebekah", "hannah@example.com", "221B Energy", 7,
     "Hi, my boiler is making a hissing noise and it was serviced by your team only last week!"},
    {"Thermostat error E923", "Diego Lopez", "diego@example.com", "Northwind Traders", 6,
     "The thermostat in our office shows E923 since this morning and the heating is off."},
    {"Refund for order #48213", "Oliver Schmidt", "oliver@example.com", "Kestrel Logistics", 5,
     "I returned order #48213 two weeks ago and have not seen the refund yet. Could you check?"},
    {"Can't log in after password reset", "Amara Okonkwo", "amara@example.com", "Luma Fitness", 6,
     "I reset my password yesterday but the portal still says 'invalid credentials'."},
    {"Invoice shows wrong VAT number", "Lukas Novak", "lukas@example.com", "Vantage Legal", 4,
     "Our latest invoice lists an old VAT number. Please reissue it with the correct one."},
    {"Router installation appointment", "Sofia Rossi", "sofia@example.com", "Maple & Moss Café", 3,
     "Could we move the router installation to next Thursday afternoon?"},
    {"App crashes when exporting", "Yuki Nakamura", "yuki@example.com", "Orbital Print", 8,
     "Every time I export the monthly report the app closes without a message."},
    {"Charged twice this month", "Fatima Haddad", "fatima@example.com", "Blue Harbor Dental", 7,
     "My card was charged twice for the Team plan this month. Please refund one."},
    {"Noise from the heat pump", "Liam Murphy", "liam@example.com", "Greenfield Schools", 5,
     "The heat pump makes a loud clicking noise at night. Is this normal?"},
    {"Upgrade to the Business plan", "Ingrid Johansson", "ingrid@example.com", "Copperleaf Hotels", 2,
     "We would like to upgrade from next month. Will the price be prorated?"},
};

cmd::Create creation(const Seed& seed) {
  cmd::Create c;
  c.subject = seed.subject;
  c.requester = {seed.name, seed.email};
  c.organization = seed.organization;
  c.department = "support";
  c.urgency = seed.urgency;
  c.body = seed.body;
  return c;
}

const Ticket* in(const AppState& state, TicketId id) { return state.replica ? state.replica->ticket(id) : nullptr; }

}  // namespace

std::vector<Agent> story_agents() {
  return {
      Agent{1, "You (trainee)", "trainee@baton.test", Role::agent, {"support"}},
      Agent{2, "Alesia Burvin", "alesia@baton.test", Role::agent, {"support"}},
      Agent{3, "Marcus Lindqvist", "marcus@baton.test", Role::agent, {"support"}},
      Agent{4, "Priya Raman", "priya@baton.test", Role::agent, {"support"}},
      Agent{5, "Tomás Ferreira", "tomas@baton.test", Role::agent, {"support"}},
      Agent{6, "Chloé Martin", "chloe@baton.test", Role::agent, {"support"}},
  };
}

Settings story_settings() {
  Settings settings;
  settings.unlock_on_reply = true;
  return settings;
}

Story begin_story(Engine& engine, sim::Simulation& sim, Time now) {
  Story story;
  sim::Rng refs(7212);
  std::vector<TicketId> ids;
  Time at = now - 3 * 60 * kMinute;
  for (const Seed& seed : kTickets) {
    ids.push_back(engine.create(creation(seed), at, make_ref(refs.next())));
    at += 17 * kMinute;
  }
  // The three tickets of the tour are the newest: at the top of the list.
  story.yours = ids[2];
  story.locked = ids[1];
  story.drafting = ids[0];
  for (std::size_t i = 3; i < ids.size(); ++i) story.others.push_back(ids[i]);
  engine.run(ids[4], cmd::Assign{story.tomas}, story.tomas, now - 40 * kMinute);
  engine.run(ids[6], cmd::Take{}, story.chloe, now - 30 * kMinute);
  engine.run(story.yours, cmd::Receive{"Order #48213 was a blue kettle, if that helps."}, kSystemAgent, now - 6 * kMinute);
  engine.run(story.locked, cmd::Lock{}, story.marcus, now - 3 * kMinute);
  engine.run(story.drafting, cmd::Receive{"It is getting louder. Can someone call me back?"}, kSystemAgent, now - 2 * kMinute);
  engine.set_presence(story.locked, story.marcus, Presence::viewing);
  // Alesia reads the boiler complaint and writes her reply key by key.
  sim.view(story.alesia, story.drafting, now + 500);
  sim.type(story.alesia, story.drafting, DraftKind::reply,
           "Hi Hannah, thank you for reaching out to us! A hissing boiler usually means the pressure relief "
           "valve is letting out water. Could you tell me what the pressure gauge shows? If it is above 2.5 bar, "
           "please switch the boiler off and we will send an engineer today.",
           now + 2 * kSecond);
  sim.free_play({story.tomas, story.chloe}, story.others, now + 8 * kSecond);
  return story;
}

void react(Story& story, Engine& engine, sim::Simulation& sim, Time now, bool tour_over) {
  const Ticket* yours = engine.ticket(story.yours);
  if (!story.priya_came && yours && yours->lock && yours->lock->holder == story.trainee) {
    story.priya_came = true;  // she would like to answer it too: she can read and draft, not send
    sim.view(story.priya, story.yours, now + 800);
    sim.type(story.priya, story.yours, DraftKind::reply, "Hi Oliver, I can see your refund was approved",
             now + 2 * kSecond);
  }
  const Draft* mine = yours ? yours->draft_of(story.trainee) : nullptr;
  if (!story.customer_wrote && mine && mine->kind == DraftKind::reply && mine->body.size() >= 12) {
    story.customer_wrote = true;  // while the trainee drafts, the customer writes again
    sim.command(kSystemAgent, story.yours,
                cmd::Receive{"Sorry, one more thing: I paid by bank transfer, not by card."}, now + 1500);
  }
  for (const Ticket* t : engine.tickets()) {
    if (!t->lock || !t->lock->request || t->lock->request->requester != story.trainee) continue;
    if (!story.answered.insert({t->id, t->lock->request->at}).second) continue;
    const bool hand_over = t->lock->holder == story.marcus;
    sim.command(t->lock->holder, t->id,
                cmd::AnswerLockRequest{hand_over, hand_over ? "" : "nearly done: two more minutes"}, now + 4 * kSecond);
  }
  if (tour_over && !story.everyone_plays) {
    story.everyone_plays = true;
    std::vector<TicketId> all = story.others;
    all.insert(all.end(), {story.drafting, story.locked, story.yours});
    sim.free_play({story.alesia, story.marcus, story.priya, story.tomas, story.chloe}, all, now + 2 * kSecond);
  }
}

std::vector<shell::TourStep> tour_steps(const Story& story) {
  const AgentId me = story.trainee;
  const TicketId drafting = story.drafting, locked = story.locked, yours = story.yours;
  const std::string row = "row";
  return {
      {"tour.drafting.title",
       "tour.drafting.text",
       row + std::to_string(drafting),
       [=](const AppState& s) {
         return s.open.id == drafting && s.replica && !s.replica->others_drafts(drafting, 0).empty();
       }},
      {"tour.locked.title",
       "tour.locked.text",
       row + std::to_string(locked),
       [=](const AppState& s) {
         const Ticket* t = in(s, locked);
         return s.open.id == locked && t && t->lock && t->lock->holder != me;
       }},
      {"tour.mine.title",
       "tour.mine.text",
       "mine",
       [=](const AppState& s) {
         const Ticket* t = in(s, yours);
         return t && t->assignee == me;
       }},
      {"tour.lock.title",
       "tour.lock.text",
       "lock",
       [=](const AppState& s) {
         const Ticket* t = in(s, yours);
         if (!t || !t->lock || t->lock->holder != me || !s.replica) return false;
         for (const OtherDraft& d : s.replica->others_drafts(yours, 0))
           if (d.author == story.priya && !d.body.empty()) return true;
         return false;
       }},
      {"tour.stale.title",
       "tour.stale.text",
       "composer",
       [=](const AppState& s) {
         const Ticket* t = in(s, yours);
         if (!t || t->messages.empty()) return false;
         int customer = 0;
         for (const Message& m : t->messages) customer += m.kind == MessageKind::customer;
         if (customer >= 3 && t->pending_reply && t->pending_reply->author == me) return true;  // sent, undo window
         const Message& last = t->messages.back();
         return customer >= 3 && last.kind == MessageKind::reply && last.agent == me;
       }},
      {"tour.history.title",
       "tour.history.text",
       "tab-history",
       [=](const AppState& s) { return s.open.id == yours && s.open.tab == PaneTab::history && !s.open.history.empty(); }},
  };
}

}  // namespace baton::kiosk
