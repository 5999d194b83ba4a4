// Departments: an agent sees and acts only on tickets of departments they belong to; admins everywhere.
#include "support.hpp"

namespace baton::testing {
namespace {

std::vector<Command> every_agent_command(Version v) {
  return {cmd::Lock{}, cmd::Unlock{}, cmd::Renew{}, cmd::Take{}, cmd::Assign{std::nullopt},
          draft("x", v), cmd::DiscardDraft{}, reply("x", v, "k"), cmd::Note{"x"},
          cmd::SetStatus{Status::resolved}, cmd::SetUrgency{1}};
}

TEST(Permissions, AnAgentOfAnotherDepartmentIsForbiddenEverything) {
  Desk desk;
  desk.created();
  for (const Command& c : every_agent_command(desk.ticket.version)) {
    Rejection r = desk.rejected(kCarla, c);
    EXPECT_EQ(r.code, RejectionCode::forbidden) << command_type(c);
    EXPECT_EQ(http_status(r), 403);
  }
  EXPECT_EQ(desk.history.size(), 1u);
}

TEST(Permissions, ActorsSeeTheirDepartmentsAdminsAndTheSystemSeeAll) {
  const Directory d = helpdesk();
  EXPECT_TRUE(d.actor(kAlesia)->can_see("support"));
  EXPECT_FALSE(d.actor(kAlesia)->can_see("billing"));
  EXPECT_TRUE(d.actor(kCarla)->can_see("billing"));
  EXPECT_TRUE(d.actor(kAdmin)->can_see("billing"));
  EXPECT_TRUE(Actor::system().can_see("anything"));
  EXPECT_FALSE(d.actor(1234).has_value());
}

TEST(Permissions, AnAdminActsInEveryDepartment) {
  Desk desk;
  desk.created();
  desk.ok(kAdmin, cmd::Lock{});
  desk.ok(kAdmin, cmd::Note{"escalated"});
  desk.ok(kAdmin, cmd::Unlock{});
}

TEST(Permissions, AnAgentCreatesTicketsOnlyInTheirDepartments) {
  Desk desk;
  cmd::Create billing = boiler_complaint();
  billing.department = "billing";
  EXPECT_EQ(desk.rejected(kAlesia, billing).code, RejectionCode::forbidden);
  desk.ok(kCarla, billing);
  EXPECT_EQ(desk.ticket.department, "billing");
}

TEST(Permissions, ATicketThatDoesNotExistIsNotFound) {
  Desk desk;  // blank: never created
  Rejection r = desk.rejected(kAlesia, cmd::Lock{});
  EXPECT_EQ(r.code, RejectionCode::not_found);
  EXPECT_EQ(http_status(r), 404);
}

TEST(Permissions, CreatingTwiceIsAConflict) {
  Desk desk;
  desk.created();
  EXPECT_EQ(desk.rejected(kSystemAgent, boiler_complaint()).code, RejectionCode::conflict);
}

TEST(Permissions, CreateChecksEveryField) {
  Desk desk;
  auto field_of = [&](auto change) {
    cmd::Create c = boiler_complaint();
    change(c);
    return desk.rejected(kSystemAgent, c).field;
  };
  EXPECT_EQ(field_of([](cmd::Create& c) { c.subject = ""; }), "subject");
  EXPECT_EQ(field_of([](cmd::Create& c) { c.requester.email = "not-an-email"; }), "requester.email");
  EXPECT_EQ(field_of([](cmd::Create& c) { c.requester.name = " "; }), "requester.name");
  EXPECT_EQ(field_of([](cmd::Create& c) { c.department = ""; }), "department");
  EXPECT_EQ(field_of([](cmd::Create& c) { c.urgency = 0; }), "urgency");
  EXPECT_EQ(field_of([](cmd::Create& c) { c.body = ""; }), "body");
  EXPECT_EQ(field_of([](cmd::Create& c) { c.subject = std::string(201, 's'); }), "subject");
  desk.ticket = Ticket::blank(42, "not a ref");
  EXPECT_EQ(desk.rejected(kSystemAgent, boiler_complaint()).field, "ref");
}

}  // namespace
}  // namespace baton::testing
