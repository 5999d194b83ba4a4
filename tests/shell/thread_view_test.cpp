// What matters stays in view, headless: the real App and views against a scripted server, drawn
// pass by pass as the runner draws them. A ticket opens at the newest end of a long conversation;
// what arrives while the agent is there comes into view; when they have scrolled up nothing moves,
// the "new below" marker says what came, and a colleague's live draft stays above the composer.
#include <gtest/gtest.h>

#include "semantics.hpp"
#include "workspace_fixture.hpp"

namespace baton::shell::testing {
namespace {

// Text the platform draws as an image (here: Arabic), whose font arrives later: until it has, no
// image, so ImGui draws a line of fallback glyphs; then an image several lines tall. The thread's
// height is known only after a pass, as in the page while its fonts load.
class LateRaster : public TextRaster {
 public:
  bool loaded = false;
  std::optional<TextImage> render(const std::string&, const TextStyle& style) override {
    if (!loaded) return std::nullopt;
    return TextImage{1, style.wrap_width > 0 ? style.wrap_width : 300.0f, 5 * style.px * 1.3f, style.px};
  }
  bool covers(char32_t c) const override { return c >= 0x0600 && c <= 0x06FF; }
  void end_frame() override {}
};

std::string repeat(const std::string& s, int n) {
  std::string out;
  for (int i = 0; i < n; ++i) out += s;
  return out;
}

class ThreadViewTest : public WorkspaceTest {
 protected:
  LateRaster raster;

  // A conversation much longer than the pane: wrapped paragraphs, every fifth one in Arabic.
  Ticket long_ticket(int n) {
    Ticket t = make_ticket(1, now - 5'000);
    t.messages.clear();
    for (int i = 1; i <= n; ++i) {
      const MessageKind kind = i % 3 == 1 ? MessageKind::customer : i % 3 == 2 ? MessageKind::reply : MessageKind::note;
      const std::optional<AgentId> agent = kind == MessageKind::customer ? std::nullopt : std::optional<AgentId>(kMarcus);
      const std::string body = i % 5 == 0 ? repeat("\xd8\xa7\xd9\x84\xd8\xba\xd9\x84\xd8\xa7\xd9\x8a\xd8\xa9 ", 40)  // "الغلاية "
                                          : "Message " + std::to_string(i) + ": " +
                                                repeat("the boiler hisses every morning when the heating starts, ", 6);
      t.messages.push_back(Message{i, kind, agent, body, now - (n - i) * 60'000});
    }
    t.message_count = n;
    return t;
  }

  // One turn of the runner (runner/runner.cpp): the passes the workspace asks for back to back, and
  // up to two more while its layout is settling; only the last is shown.
  int turn(bool input = false) {
    const int passes = ws.passes_wanted(input);
    int i = 0;
    for (; i < passes || (i < passes + 2 && ws.settling()); ++i) Headless::pass(ws);
    ws.publish();
    return i;
  }

  const hook::Widget& widget(const std::string& id) {
    const hook::Widget* w = Headless::find(id);
    if (!w) throw std::runtime_error("no widget " + id + " on screen");
    return *w;
  }
  // The whole of `id` shows in the thread's visible part.
  ::testing::AssertionResult in_thread(const std::string& id) {
    const hook::Widget* w = Headless::find(id);
    if (!w) return ::testing::AssertionFailure() << id << " is not on screen";
    const hook::Widget& thread = widget("thread");
    if (w->y >= thread.y - 1 && w->y + w->h <= thread.y + thread.h + 1) return ::testing::AssertionSuccess();
    return ::testing::AssertionFailure() << id << " spans " << w->y << ".." << w->y + w->h << ", the thread shows "
                                         << thread.y << ".." << thread.y + thread.h;
  }
  // The newest end: the last message's bottom is at the thread's bottom.
  ::testing::AssertionResult at_end(const std::string& last) {
    if (auto r = in_thread(last); !r) return r;
    const float gap = widget("thread").y + widget("thread").h - (widget(last).y + widget(last).h);
    if (gap < 30) return ::testing::AssertionSuccess();
    return ::testing::AssertionFailure() << "the thread's end is " << gap << " px below " << last;
  }

  void wheel(float notches) {
    const hook::Widget& thread = widget("thread");
    ImGuiIO& io = ImGui::GetIO();
    io.AddMousePosEvent(thread.x + thread.w / 2, thread.y + thread.h / 2);
    turn(true);
    io.AddMouseWheelEvent(0, notches);
    turn(true);
    turn(true);
  }

  void note_from_alesia(Seq seq, std::int64_t id, const std::string& body) {
    Message m{id, MessageKind::note, kAlesia, body, now};
    net.push(event(seq, seq - 1, Event{0, 1, kAlesia, now, 3 + (seq - 10), ev::NoteAdded{m}}));
  }

  void draft_from_alesia(const std::string& body) {
    net.push({{"type", "draft"}, {"ticket", 1}, {"author", kAlesia},
              {"draft", protocol::to_json(Draft{kAlesia, DraftKind::reply, body, 3, now - 19'000})}});
  }
};

TEST_F(ThreadViewTest, ALongThreadOpensAtItsNewestEndEvenWhenItArrivesLateAndItsHeightsAfterAPass) {
  platform.raster = &raster;
  const Ticket t = long_ticket(40);
  log_in({t});
  ui.click(ws, "row1");  // the ticket is open; its thread has not arrived
  EXPECT_TRUE(Headless::shows("Loading the conversation"));
  net.answer("GET", "/api/tickets/1", 200, {{"ticket", full(t)}});
  turn();
  EXPECT_TRUE(at_end("message-40")) << "the frame shown after the thread arrived";
  EXPECT_FALSE(Headless::find("message-1")) << "the oldest is far above";
  raster.loaded = true;  // the Arabic font arrived: those messages are taller now
  turn(true);  // the platform asks for a frame when its font has arrived
  EXPECT_TRUE(at_end("message-40")) << "still at the end once the heights are known";
  EXPECT_TRUE(app().edits().thread.following());
}

TEST_F(ThreadViewTest, AtTheEndANoteArrivingLiveComesIntoView) {
  const Ticket t = long_ticket(30);
  log_in({t});
  open(t);
  turn();
  ASSERT_TRUE(at_end("message-30"));
  note_from_alesia(11, 31, "Called her back: the engineer comes at 9.");
  turn();
  EXPECT_TRUE(at_end("message-31")) << "the frame shown after the note arrived";
  EXPECT_TRUE(Headless::shows("Called her back: the engineer comes at 9."));
  EXPECT_FALSE(Headless::find("new-below"));
}

TEST_F(ThreadViewTest, ScrolledUpNothingMovesAndTheMarkerSaysWhatCame) {
  const Ticket t = long_ticket(30);
  log_in({t});
  open(t);
  turn();
  wheel(3);
  ASSERT_FALSE(app().edits().thread.following());
  ASSERT_FALSE(Headless::find("message-30")) << "scrolled well up";
  const hook::Widget reading = widget("message-27");
  note_from_alesia(11, 31, "Called her back: the engineer comes at 9.");
  turn();
  EXPECT_EQ(widget("message-27").y, reading.y) << "nothing jumps";
  EXPECT_FALSE(Headless::shows("Called her back")) << "the note is below, out of view";
  EXPECT_EQ(widget("new-below").label, "\xe2\x86\x93  New note from Alesia Burvin");
  EXPECT_GE(widget("new-below").y, widget("thread").y + widget("thread").h) << "under the thread, not over it";
  note_from_alesia(12, 32, "And a second thought.");
  turn();
  EXPECT_EQ(widget("new-below").label, "\xe2\x86\x93  2 new messages from Alesia Burvin");
  EXPECT_EQ(widget("message-27").y, reading.y);
  ui.click(ws, "new-below");
  EXPECT_TRUE(at_end("message-32"));
  EXPECT_TRUE(Headless::shows("And a second thought."));
  EXPECT_FALSE(Headless::find("new-below")) << "the marker goes";
}

TEST_F(ThreadViewTest, EndInTheThreadShowsTheNewestEnd) {
  const Ticket t = long_ticket(30);
  log_in({t});
  open(t);
  turn();
  wheel(3);
  note_from_alesia(11, 31, "Called her back.");
  turn();
  ASSERT_TRUE(Headless::find("new-below"));
  ImGuiIO& io = ImGui::GetIO();
  io.AddKeyEvent(ImGuiKey_End, true);
  turn(true);
  io.AddKeyEvent(ImGuiKey_End, false);
  turn(true);
  EXPECT_TRUE(at_end("message-31"));
  EXPECT_FALSE(Headless::find("new-below"));
}

TEST_F(ThreadViewTest, AColleaguesDraftAtTheEndScrollsIntoViewAndStaysAboveTheComposerWhenScrolledUp) {
  const Ticket t = long_ticket(30);
  log_in({t});
  open(t);
  turn();
  const float composer_y = widget("composer").y;
  draft_from_alesia("Hi Hannah, an engineer can come tomorrow at 9.");
  turn();
  EXPECT_TRUE(in_thread("draft-1")) << "at the end: the draft scrolled into view";
  EXPECT_FALSE(Headless::find("pinned-draft-1"));

  wheel(4);
  ASSERT_FALSE(Headless::find("draft-1")) << "the draft is below the fold now";
  const hook::Widget reading = widget("message-26");
  draft_from_alesia("Hi Hannah, an engineer can come tomorrow at 9. Does that suit you?");
  turn();
  const hook::Widget& pinned = widget("pinned-draft-1");
  const hook::Widget& thread = widget("thread");
  const hook::Widget& composer = widget("composer");
  EXPECT_GE(pinned.y, thread.y + thread.h) << "under the thread";
  EXPECT_LE(pinned.y + pinned.h, composer.y) << "above the composer";
  EXPECT_TRUE(Headless::shows("Alesia Burvin is writing a reply · 19 secs ago"));
  EXPECT_TRUE(Headless::shows("\"Hi Hannah, an engineer can come tomorrow at 9. Does that suit you?\""));
  EXPECT_EQ(widget("message-26").y, reading.y) << "pinning it moved nothing in the thread";
  EXPECT_EQ(composer.y, composer_y) << "nor the composer: the strip's height comes off the thread";
  EXPECT_FALSE(Headless::find("new-below")) << "a draft is not a message";

  wheel(-40);  // back down to the end
  EXPECT_TRUE(in_thread("draft-1"));
  EXPECT_FALSE(Headless::find("pinned-draft-1")) << "no longer needed";
}

TEST_F(ThreadViewTest, ALongPinnedDraftShowsItsNewestLines) {
  const Ticket t = long_ticket(30);
  log_in({t});
  open(t);
  turn();
  wheel(4);
  std::string body;
  for (int i = 1; i <= 12; ++i) body += "Line " + std::to_string(i) + " of a long answer about the boiler's pressure valve.\n";
  draft_from_alesia(body + "The last thing she typed.");
  turn();
  const hook::Widget& pinned = widget("pinned-draft-1");
  EXPECT_LT(pinned.h, 200) << "a compact strip, not the whole draft";
  EXPECT_GE(widget("thread").h, 200) << "the thread keeps most of the pane";
  EXPECT_TRUE(Headless::shows("The last thing she typed.")) << "the strip shows the newest end of the draft";
}

TEST_F(ThreadViewTest, MyOwnSendShowsTheEndEvenWhenScrolledUp) {
  const Ticket t = long_ticket(30);
  log_in({t});
  open(t);
  turn();
  wheel(3);
  ASSERT_FALSE(app().edits().thread.following());
  app().editor_text("On my way");
  app().handle({intent::Send{}});
  Ticket sent = t;
  sent.messages.push_back(Message{31, MessageKind::reply, kMarcus, "On my way", now});
  sent.version = 4;
  net.answer("POST", "/api/tickets/1/commands", 200, {{"ticket", full(sent)}, {"events", Json::array()}});
  turn();
  EXPECT_TRUE(at_end("message-31"));
  EXPECT_FALSE(Headless::find("new-below")) << "my own reply is not news to me";
}

// Every message is in the semantic frame, drawn or scrolled out of view (the page's mirror: the
// browser's find); the page scrolling the thread's mirror to the first one scrolls the thread there,
// and what arrives next does not take the agent away from it.
TEST_F(ThreadViewTest, TheMirrorHoldsEveryMessageAndItsScrollMovesTheThread) {
  const Ticket t = long_ticket(30);
  log_in({t});
  open(t);
  turn();
  ASSERT_TRUE(at_end("message-30"));
  ASSERT_FALSE(Headless::find("message-1"));
  const sem::Node* region = nullptr;
  std::vector<std::string> bodies;
  for (const sem::Node& n : sem::last_frame().nodes) {
    if (n.key == "thread-1") region = &n;
    if (n.role == sem::Role::text && n.name.starts_with("Message ") && !n.drawn) bodies.push_back(n.name);
  }
  ASSERT_TRUE(region);
  EXPECT_TRUE(region->scrolls);
  EXPECT_GT(region->scroll_y, 1000) << "at the end of a long thread";
  EXPECT_NEAR(region->scroll_y + region->h, region->scroll_h, 1) << "the end: the content's whole height";
  ASSERT_FALSE(bodies.empty()) << "messages out of view are in the frame, not drawn";
  EXPECT_TRUE(bodies.front().starts_with("Message 1: ")) << bodies.front();
  for (const std::string& text : hook::texts()) EXPECT_FALSE(text.starts_with("Message 1: ")) << "the hook's texts are what is drawn";

  // Where message 1 sits in the thread's content, as the mirror places it.
  float first_y = -1;
  const auto& nodes = sem::last_frame().nodes;
  for (const sem::Node& n : nodes)
    if (n.key == "message-1") first_y = n.y - region->y + region->scroll_y;
  ASSERT_GE(first_y, 0);
  EXPECT_TRUE(ws.scroll_to("thread-1", first_y));
  EXPECT_FALSE(ws.scroll_to("thread-2", 0)) << "no such region on screen";
  turn(true);
  EXPECT_TRUE(in_thread("message-1")) << "the thread scrolled to the match";
  EXPECT_TRUE(Headless::shows(t.messages.front().body));
  EXPECT_FALSE(app().edits().thread.following());
  note_from_alesia(11, 31, "Called her back: the engineer comes at 9.");
  turn();
  EXPECT_TRUE(in_thread("message-1")) << "what arrives does not undo the find's scroll";
  EXPECT_TRUE(Headless::find("new-below"));

  EXPECT_TRUE(ws.scroll_to("thread-1", 1e6f));  // past the end: clamped to it, and following again
  turn(true);
  EXPECT_TRUE(at_end("message-31"));
  EXPECT_TRUE(app().edits().thread.following());
}

}  // namespace
}  // namespace baton::shell::testing
