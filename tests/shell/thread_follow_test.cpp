// What keeps the newest end of the thread in view, as plain values: when the thread follows its end,
// what counts as new below the agent, and whose live draft is pinned above the composer.
#include <gtest/gtest.h>

#include "thread_follow.hpp"

namespace baton::shell {
namespace {

constexpr float kLine = 18;

TEST(EndFollow, FollowsWhileTheContentGrowsUnderIt) {
  EndFollow f;
  EXPECT_TRUE(f.scrolled(0, 0, kLine)) << "a region starts at its end";
  EXPECT_TRUE(f.scrolled(0, 400, kLine)) << "the thread arrived (or a height became known): still following";
  EXPECT_TRUE(f.scrolled(400, 400, kLine));
  EXPECT_TRUE(f.scrolled(400, 650, kLine)) << "a note arrived below";
  EXPECT_TRUE(f.scrolled(650, 700, kLine)) << "the region got shorter (a strip appeared under it)";
}

TEST(EndFollow, MovingUpStopsItAndNothingPullsTheReaderBack) {
  EndFollow f;
  f.scrolled(600, 600, kLine);
  EXPECT_FALSE(f.scrolled(510, 600, kLine)) << "one wheel notch up";
  EXPECT_FALSE(f.scrolled(510, 900, kLine)) << "what arrives below does not move the reader";
  EXPECT_FALSE(f.scrolled(510, 900, kLine));
}

TEST(EndFollow, ASmallMoveUpWithinTheToleranceStaysWhereTheReaderPutIt) {
  EndFollow f;
  f.scrolled(600, 600, kLine);
  EXPECT_FALSE(f.scrolled(597, 600, kLine)) << "a touchpad's few pixels up";
  EXPECT_FALSE(f.scrolled(597, 600, kLine)) << "and not snapped back on the next frame";
  EXPECT_FALSE(f.scrolled(590, 600, kLine));
}

TEST(EndFollow, ComingBackDownToTheEndFollowsAgain) {
  EndFollow f;
  f.scrolled(600, 600, kLine);
  f.scrolled(300, 600, kLine);
  EXPECT_FALSE(f.scrolled(500, 600, kLine)) << "down, but not near the end";
  EXPECT_TRUE(f.scrolled(590, 600, kLine)) << "down to within a line of the end";
  f.scrolled(300, 600, kLine);
  EXPECT_TRUE(f.scrolled(600, 600, kLine)) << "the scrollbar dragged to the bottom";
}

TEST(EndFollow, ContentThatGetsShorterIsNoMoveOfTheReader) {
  EndFollow f;
  f.scrolled(600, 600, kLine);
  EXPECT_TRUE(f.scrolled(450, 450, kLine)) << "a draft was discarded: the scroll clamped to the new end";
}

TEST(EndFollow, FollowGoesToTheEndWhateverTheLastMove) {
  EndFollow f;
  f.scrolled(600, 600, kLine);
  f.scrolled(100, 600, kLine);
  f.follow();
  EXPECT_TRUE(f.following());
  EXPECT_TRUE(f.scrolled(100, 600, kLine)) << "until the view has scrolled there, the old place is no move";
  EXPECT_TRUE(f.scrolled(600, 600, kLine));
}

TEST(InView, SeenWhenALineOrAllOfItShows) {
  EXPECT_TRUE(seen_in_view(100, 300, 0, 500, kLine));
  EXPECT_TRUE(seen_in_view(480, 700, 0, 500, kLine)) << "its first line shows";
  EXPECT_FALSE(seen_in_view(490, 700, 0, 500, kLine)) << "less than a line";
  EXPECT_FALSE(seen_in_view(600, 700, 0, 500, kLine)) << "below the fold";
  EXPECT_TRUE(seen_in_view(0, 10, 0, 500, kLine)) << "shorter than a line, all of it shows";
  EXPECT_FALSE(seen_in_view(-20, 10, 0, 500, kLine)) << "less than a line of it shows";
  EXPECT_FALSE(seen_in_view(-20, -5, 0, 500, kLine)) << "above the view";
}

TEST(InView, WholeWhenAllOfItShowsOrItFillsTheView) {
  EXPECT_TRUE(whole_in_view(100, 300, 0, 500));
  EXPECT_FALSE(whole_in_view(400, 520, 0, 500)) << "its last lines are cut";
  EXPECT_TRUE(whole_in_view(-100, 700, 0, 500)) << "taller than the view and filling it";
  EXPECT_FALSE(whole_in_view(100, 700, 0, 500));
}

Message message(std::int64_t id, MessageKind kind, std::optional<AgentId> agent) {
  return Message{id, kind, agent, "text " + std::to_string(id), id * 1000};
}

constexpr AgentId kMe = 2, kMarcus = 3, kPriya = 4;

// The thread drawn with the agent scrolled up: `newest_on_screen` is the last message they see.
struct Scrolled {
  ThreadFollow follow;
  std::vector<Message> messages = {message(1, MessageKind::customer, std::nullopt), message(2, MessageKind::reply, kMe)};
  Scrolled() {
    follow.begin(7, 1);
    follow.scrolled(800, 800, kLine);
    follow.drawn(messages, 2, kMe);
    follow.scrolled(500, 800, kLine);  // up
    follow.drawn(messages, 2, kMe);
  }
  void arrives(Message m) {
    messages.push_back(std::move(m));
    follow.scrolled(500, 900, kLine);
    follow.drawn(messages, 2, kMe);
  }
};

TEST(EndFollow, PutAboveTheEndStaysThereAndAtTheEndFollows) {
  EndFollow f;
  f.scrolled(600, 600, kLine);
  EXPECT_EQ(f.put_at(120, 600), 120);
  EXPECT_FALSE(f.following()) << "a find's match further up: the reader is there now";
  EXPECT_FALSE(f.scrolled(120, 600, kLine)) << "the view scrolled there: no move of the reader's";
  EXPECT_FALSE(f.scrolled(120, 900, kLine)) << "what arrives does not pull the reader back";
  EXPECT_EQ(f.put_at(600, 600), 600);
  EXPECT_TRUE(f.following()) << "a match at the end: following again";
}

TEST(EndFollow, PutClampsToTheRegion) {
  EndFollow f;
  f.scrolled(600, 600, kLine);
  EXPECT_EQ(f.put_at(-40, 600), 0) << "above the top";
  EXPECT_FALSE(f.following());
  EXPECT_EQ(f.put_at(5000, 600), 600) << "below the end: the end";
  EXPECT_TRUE(f.following());
  EXPECT_EQ(f.put_at(30, 0), 0) << "a region shorter than its view has nowhere to go";
  EXPECT_TRUE(f.following());
}

// The page scrolled the thread's mirror (the browser's find): the thread goes there, clamped to the
// end the last layout had, and the follow logic does not take it back to the end.
TEST(ThreadFollow, ScrolledToByThePageStopsFollowingAndIsNotUndone) {
  ThreadFollow f;
  f.begin(7, 1);
  EXPECT_TRUE(f.scrolled(800, 800, kLine));
  EXPECT_EQ(f.scrolled_to(40), 40);
  EXPECT_FALSE(f.scrolled(40, 800, kLine)) << "the frame drawn at the match keeps it";
  EXPECT_FALSE(f.scrolled(40, 1000, kLine)) << "a note arriving below does not scroll the match away";
  f.drawn({message(1, MessageKind::customer, std::nullopt), message(2, MessageKind::note, kMarcus)}, 1, kMe);
  EXPECT_EQ(f.new_below().count, 1) << "it is news below instead";
  EXPECT_EQ(f.scrolled_to(99999), 1000) << "clamped to the end";
  EXPECT_TRUE(f.scrolled(1000, 1000, kLine));
  EXPECT_EQ(f.scrolled_to(-5), 0) << "clamped to the top";
  f.begin(8, 1);  // another ticket opens at its end, whatever the last one's scroll
  EXPECT_TRUE(f.following());
}

TEST(ThreadFollow, ATicketOpensFollowingItsEndWithNothingNew) {
  ThreadFollow f;
  f.begin(7, 1);
  EXPECT_TRUE(f.following());
  f.drawn({message(1, MessageKind::customer, std::nullopt)}, 0, kMe);
  EXPECT_EQ(f.new_below().count, 0);
}

TEST(ThreadFollow, WhileFollowingWhatArrivesIsSeen) {
  ThreadFollow f;
  f.begin(7, 1);
  f.scrolled(800, 800, kLine);
  f.drawn({message(1, MessageKind::customer, std::nullopt), message(2, MessageKind::note, kMarcus)}, 1, kMe);
  EXPECT_TRUE(f.following());
  EXPECT_EQ(f.new_below().count, 0);
}

TEST(ThreadFollow, ScrolledUpANoteArrivingIsNewBelowWithItsAuthor) {
  Scrolled s;
  EXPECT_FALSE(s.follow.following());
  EXPECT_EQ(s.follow.new_below().count, 0);
  s.arrives(message(3, MessageKind::note, kMarcus));
  EXPECT_FALSE(s.follow.following()) << "nothing jumps";
  const NewBelow& news = s.follow.new_below();
  EXPECT_EQ(news.count, 1);
  EXPECT_EQ(news.kind, MessageKind::note);
  EXPECT_EQ(news.author, kMarcus);
  EXPECT_TRUE(news.one_author);
}

TEST(ThreadFollow, SeveralFromOneAuthorOrFromSeveral) {
  Scrolled s;
  s.arrives(message(3, MessageKind::customer, std::nullopt));
  s.arrives(message(4, MessageKind::customer, std::nullopt));
  EXPECT_EQ(s.follow.new_below().count, 2);
  EXPECT_TRUE(s.follow.new_below().one_author);
  EXPECT_EQ(s.follow.new_below().author, std::nullopt) << "the customer";
  s.arrives(message(5, MessageKind::reply, kPriya));
  EXPECT_EQ(s.follow.new_below().count, 3);
  EXPECT_FALSE(s.follow.new_below().one_author);
  EXPECT_EQ(s.follow.new_below().kind, MessageKind::reply) << "the newest's";
}

TEST(ThreadFollow, MyOwnMessagesAreNotNewToMe) {
  Scrolled s;
  s.arrives(message(3, MessageKind::note, kMe));
  EXPECT_EQ(s.follow.new_below().count, 0);
}

TEST(ThreadFollow, WhatTheAgentScrollsDownToIsSeen) {
  Scrolled s;
  s.arrives(message(3, MessageKind::note, kMarcus));
  s.arrives(message(4, MessageKind::note, kPriya));
  s.follow.scrolled(700, 900, kLine);
  s.follow.drawn(s.messages, 3, kMe);
  EXPECT_EQ(s.follow.new_below().count, 1) << "Marcus's note has been on screen";
  EXPECT_EQ(s.follow.new_below().author, kPriya);
  s.follow.scrolled(900, 900, kLine);
  s.follow.drawn(s.messages, 4, kMe);
  EXPECT_TRUE(s.follow.following()) << "back at the end";
  EXPECT_EQ(s.follow.new_below().count, 0);
}

TEST(ThreadFollow, TheMarkerOrEndShowsTheEndAndTheMarkerGoes) {
  Scrolled s;
  s.arrives(message(3, MessageKind::note, kMarcus));
  s.follow.show_end();
  EXPECT_TRUE(s.follow.following());
  EXPECT_EQ(s.follow.new_below().count, 0);
  s.follow.scrolled(500, 900, kLine);  // the view has not scrolled yet
  s.follow.drawn(s.messages, 2, kMe);
  EXPECT_TRUE(s.follow.following());
  EXPECT_EQ(s.follow.new_below().count, 0);
}

TEST(ThreadFollow, AStateRequestOrAnotherTicketShowsTheEnd) {
  Scrolled s;
  s.arrives(message(3, MessageKind::note, kMarcus));
  s.follow.begin(7, 1);
  EXPECT_FALSE(s.follow.following()) << "the same request: nothing to do";
  s.follow.begin(7, 2);  // my send
  EXPECT_TRUE(s.follow.following());
  EXPECT_EQ(s.follow.new_below().count, 0);
  Scrolled other;
  other.follow.begin(8, 1);
  EXPECT_TRUE(other.follow.following());
}

OtherDraft draft(AgentId author, std::string body) { return OtherDraft{author, DraftKind::reply, std::move(body), 0, ""}; }

TEST(ThreadFollow, ADraftOutOfViewIsPinnedWhileTheAgentReadsFurtherUp) {
  Scrolled s;
  const std::vector<OtherDraft> drafts = {draft(kMarcus, "Hi Hannah"), draft(kPriya, "On it"), draft(5, "")};
  auto pinned = s.follow.pinned(drafts);
  ASSERT_EQ(pinned.size(), 2u) << "never drawn yet: out of view; an empty draft shows nothing";
  EXPECT_EQ(pinned[0].author, kMarcus);
  s.follow.draft_drawn(kMarcus, false);
  s.follow.draft_drawn(kPriya, true);
  pinned = s.follow.pinned(drafts);
  ASSERT_EQ(pinned.size(), 1u) << "Priya's draft can be read in the thread";
  EXPECT_EQ(pinned[0].author, kMarcus);
  EXPECT_EQ(pinned[0].body, "Hi Hannah");
}

TEST(ThreadFollow, AtTheEndNoDraftIsPinned) {
  ThreadFollow f;
  f.begin(7, 1);
  f.draft_drawn(kMarcus, false);  // drawn below the fold, the view scrolls to it next
  EXPECT_TRUE(f.pinned({draft(kMarcus, "Hi Hannah")}).empty());
}

}  // namespace
}  // namespace baton::shell
