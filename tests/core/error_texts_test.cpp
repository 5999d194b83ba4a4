// Rejections in words and in keys: every situation has a stable key and the values its words need
// (args), so a workspace can say it in the agent's language; the English words come from one table
// and are exactly what they were before keys existed.
#include <gtest/gtest.h>

#include "baton/protocol.hpp"
#include "support.hpp"

namespace baton {
namespace {

using namespace testing;

Rejection decoded_rejection(const Result<Command>& result) {
  EXPECT_TRUE(std::holds_alternative<Rejection>(result));
  return std::holds_alternative<Rejection>(result) ? std::get<Rejection>(result) : Rejection{};
}

// Messages as the core wrote them before keys (copied from the rule files of that commit): the
// English an agent reads must not change word for word.
TEST(RejectionWords, TheEnglishMessagesAreTheWordsOfBefore) {
  Desk desk;
  EXPECT_EQ(desk.rejected(kAlesia, cmd::Lock{}).message, "Ticket 42 does not exist");
  desk.created();
  EXPECT_EQ(desk.rejected(kCarla, cmd::Lock{}).message, "You are not in the support department");
  EXPECT_EQ(desk.rejected(kAlesia, cmd::Unlock{}).message, "This ticket is not locked");
  EXPECT_EQ(desk.rejected(kAlesia, cmd::SetStatus{Status::awaiting_agent}).message,
            "The ticket already has that status");
  EXPECT_EQ(desk.rejected(kAlesia, cmd::Assign{99}).message, "There is no agent #99");
  EXPECT_EQ(desk.rejected(kAlesia, cmd::Assign{kCarla}).message, "Carla Moss is not in the support department");
  EXPECT_EQ(desk.rejected(kAlesia, cmd::Release{UnlockReason::idle, std::nullopt}).message,
            "Only the system can release a lock");
  EXPECT_EQ(desk.rejected(kAlesia, cmd::UndoSend{"k-9"}).message,
            "No reply with that idempotency key is waiting to be sent");

  desk.ok(kBruno, cmd::Lock{});
  EXPECT_EQ(desk.rejected(kAlesia, reply("Hi", 1, "k-1")).message,
            "Locked by Bruno Diaz: only they can change this ticket until it is unlocked");
  desk.ok(kAlesia, cmd::RequestLock{"callback"});
  EXPECT_EQ(desk.rejected(kAlesia, cmd::AnswerLockRequest{true, ""}).message,
            "Only Bruno Diaz, who holds the lock, can answer");
  EXPECT_EQ(desk.rejected(kAdmin, cmd::RequestLock{""}).message, "Alesia Burvin already asked Bruno Diaz for this ticket");
  desk.ok(kBruno, cmd::Unlock{});

  desk.ok(kSystemAgent, cmd::Receive{"Any news?"});
  EXPECT_EQ(desk.rejected(kAlesia, reply("Hi", 1, "k-2")).message,
            "The ticket changed while you were writing (1 change(s) since version 1): read them, then send again");
  desk.settings.max_body_bytes = 1024;
  EXPECT_EQ(desk.rejected(kAlesia, draft(std::string(2000, 'x'), 2)).message, "'body' is 2000 bytes; the limit is 1024");

  EXPECT_EQ(decoded_rejection(protocol::decode_command(R"({"type":"lock","actor":3})")).message,
            "'actor' is not a known field");
  EXPECT_EQ(decoded_rejection(protocol::decode_command(R"({"type":"fly"})")).message, "unknown command 'fly'");
  EXPECT_EQ(decoded_rejection(protocol::decode_command("not json")).message, "the command is not valid JSON");
  EXPECT_EQ(decoded_rejection(protocol::decode_command(R"({"type":"note","body":7})")).message,
            "'body' must be a string");
  auto settings = protocol::decode_settings(R"({"undo_send_secs": 500})");
  ASSERT_TRUE(std::holds_alternative<Rejection>(settings));
  EXPECT_EQ(std::get<Rejection>(settings).message, "undo_send_secs must be from 0 (off) to 120");
}

}  // namespace
}  // namespace baton
