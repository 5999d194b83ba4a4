// Assignment: "Agents can mark a Ticket as Mine ... the Ticket History gives a clear audit trail of
// who is or was responsible for a Ticket at each stage."
#include "support.hpp"

namespace baton::testing {
namespace {

class AssignmentRules : public ::testing::Test {
 protected:
  void SetUp() override { desk.created(); }
  Desk desk;
};

TEST_F(AssignmentRules, MineAssignsTheTicketToMe) {
  auto events = desk.ok(kAlesia, cmd::Take{});
  ASSERT_EQ(types(events), std::vector<std::string>{"assigned"});
  EXPECT_EQ(payload<ev::Assigned>(events[0]).from, std::nullopt);
  EXPECT_EQ(payload<ev::Assigned>(events[0]).to, kAlesia);
  EXPECT_EQ(events[0].actor, kAlesia);
  EXPECT_EQ(desk.ticket.assignee, kAlesia);
}

TEST_F(AssignmentRules, ReassigningRecordsThePreviousAndTheNewAssignee) {
  desk.ok(kAlesia, cmd::Take{});
  auto events = desk.ok(kAlesia, cmd::Assign{kBruno});
  EXPECT_EQ(payload<ev::Assigned>(events[0]).from, kAlesia);
  EXPECT_EQ(payload<ev::Assigned>(events[0]).to, kBruno);
  EXPECT_EQ(desk.ticket.assignee, kBruno);
}

TEST_F(AssignmentRules, UnassigningLeavesNobodyResponsible) {
  desk.ok(kAlesia, cmd::Take{});
  auto events = desk.ok(kBruno, cmd::Assign{std::nullopt});
  EXPECT_EQ(payload<ev::Assigned>(events[0]).from, kAlesia);
  EXPECT_EQ(payload<ev::Assigned>(events[0]).to, std::nullopt);
  EXPECT_FALSE(desk.ticket.assignee);
}

TEST_F(AssignmentRules, AssigningToTheCurrentAssigneeIsAConflict) {
  desk.ok(kAlesia, cmd::Take{});
  EXPECT_EQ(desk.rejected(kAlesia, cmd::Take{}).code, RejectionCode::conflict);
  EXPECT_EQ(desk.rejected(kBruno, cmd::Assign{kAlesia}).code, RejectionCode::conflict);
}

TEST_F(AssignmentRules, TheAssigneeMustBelongToTheTicketsDepartment) {
  Rejection r = desk.rejected(kAlesia, cmd::Assign{kCarla});  // Carla is in billing
  EXPECT_EQ(r.code, RejectionCode::invalid);
  EXPECT_EQ(r.field, "agent");
  EXPECT_EQ(desk.rejected(kAlesia, cmd::Assign{77}).field, "agent");  // no such agent
  desk.ok(kAlesia, cmd::Assign{kAdmin});                                // admins cover every department
}

TEST_F(AssignmentRules, AssigningMyLockedTicketToSomeoneElseReleasesMyLock) {
  desk.ok(kAlesia, cmd::Lock{});
  auto events = desk.ok(kAlesia, cmd::Assign{kBruno});
  ASSERT_EQ(types(events), (std::vector<std::string>{"unlocked", "assigned"}));
  EXPECT_EQ(payload<ev::Unlocked>(events[0]).reason, UnlockReason::reassigned);
  EXPECT_FALSE(desk.ticket.lock);
  desk.ok(kBruno, cmd::Lock{});  // the new assignee can work at once
}

TEST_F(AssignmentRules, TheLockStaysWhenTheSettingSaysSo) {
  desk.settings.release_lock_on_reassign = false;
  desk.ok(kAlesia, cmd::Lock{});
  auto events = desk.ok(kAlesia, cmd::Assign{kBruno});
  ASSERT_EQ(types(events), std::vector<std::string>{"assigned"});
  EXPECT_EQ(desk.ticket.lock->holder, kAlesia);
}

TEST_F(AssignmentRules, TakingMyOwnLockedTicketKeepsTheLock) {
  desk.ok(kAlesia, cmd::Lock{});
  auto events = desk.ok(kAlesia, cmd::Take{});
  ASSERT_EQ(types(events), std::vector<std::string>{"assigned"});
  EXPECT_EQ(desk.ticket.lock->holder, kAlesia);
}

TEST_F(AssignmentRules, TheSystemAssignsButCannotTake) {
  desk.ok(kSystemAgent, cmd::Assign{kBruno});  // auto-assignment
  EXPECT_EQ(desk.rejected(kSystemAgent, cmd::Take{}).code, RejectionCode::forbidden);
}

TEST_F(AssignmentRules, StatusAndUrgencyChangesAreRecordedWithBeforeAndAfter) {
  auto events = desk.ok(kAlesia, cmd::SetStatus{Status::pending});
  EXPECT_EQ(payload<ev::StatusChanged>(events[0]).from, Status::awaiting_agent);
  EXPECT_EQ(payload<ev::StatusChanged>(events[0]).to, Status::pending);
  events = desk.ok(kAlesia, cmd::SetUrgency{3});
  EXPECT_EQ(payload<ev::UrgencyChanged>(events[0]).from, 7);
  EXPECT_EQ(payload<ev::UrgencyChanged>(events[0]).to, 3);
  EXPECT_EQ(desk.rejected(kAlesia, cmd::SetStatus{Status::pending}).code, RejectionCode::conflict);
  EXPECT_EQ(desk.rejected(kAlesia, cmd::SetUrgency{11}).field, "urgency");
}

}  // namespace
}  // namespace baton::testing
