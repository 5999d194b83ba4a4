#pragma once
// What keeps the newest end of the open ticket's thread in view. The thread follows its end while
// the agent is there, or asked to go there (the ticket opened, my send, the "new below" marker,
// End): whatever arrives — a colleague's note, the customer writing again, a colleague's live
// draft, the thread itself arriving after the ticket opened, text whose height is known only after
// a pass — scrolls into view. Once the agent scrolls up nothing moves: what arrives below is
// counted for the marker ("↓ New note from Marcus Lindqvist"), and a colleague's live draft out of
// view is pinned above the composer. Plain values, no ImGui: the thread view says where its scroll
// is and what was on screen, and draws and scrolls as this decides.
#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "baton/directory.hpp"
#include "baton/model.hpp"
#include "baton/replica.hpp"

namespace baton::shell {

// Stick-to-the-end for one scrolling region. It follows until the reader moves up; coming back
// down to the end follows again. Content that grows, or a region that gets shorter, while it
// follows does not stop it: the view scrolls to the end again.
class EndFollow {
 public:
  // Where the region's scroll is as the last layout left it (pixels from the top; `max` is the
  // end). `tolerance`: moving down to this close to the end counts as reaching it. Returns
  // whether the view should keep the end in view this frame.
  bool scrolled(float y, float max, float tolerance);
  void follow();  // go to the end and stay there
  // The reader put the region at `y`, `max` being its end (a scroll the view sets itself): above
  // the end nothing follows; at the end it follows. Returns `y` clamped to [0, max].
  float put_at(float y, float max);
  bool following() const { return following_; }

 private:
  bool following_ = true;
  std::optional<float> last_;  // the scroll seen last frame: how the reader moved
};

// Messages that arrived below while the agent read further up: the marker's words.
struct NewBelow {
  int count = 0;                             // not seen yet, from others than me
  MessageKind kind = MessageKind::customer;  // the newest one's
  std::optional<AgentId> author;             // the newest one's (none: the customer)
  bool one_author = true;                    // all of them from that author
};

// The marker's words, also said to screen readers (announcer.cpp): "New note from Marcus
// Lindqvist", "3 new messages from Hannah Rebekah". `requester`: the customer's name.
std::string new_below_words(const NewBelow& news, const Directory& directory, const std::string& requester);

// Whether a block from `top` to `bottom` shows in a view from `view_top` to `view_bottom`:
// seen when a line's worth of it (or all of it, when shorter) is on screen ...
bool seen_in_view(float top, float bottom, float view_top, float view_bottom, float line);
// ... and wholly readable when all of it is, or when it fills the whole view.
bool whole_in_view(float top, float bottom, float view_top, float view_bottom);

class ThreadFollow {
 public:
  // Each frame before the thread is drawn: the ticket shown, and the state's count of requests to
  // show its newest end. Another ticket, or a new request: follow the end, nothing is new.
  void begin(TicketId ticket, std::uint64_t end_requests);
  // Where the thread's scroll is (the last layout's). Returns whether to keep the end in view.
  bool scrolled(float y, float max, float tolerance) {
    max_ = max;
    return end_.scrolled(y, max, tolerance);
  }
  // A colleague's draft block in the thread, and whether it was wholly readable this frame.
  void draft_drawn(AgentId author, bool whole_in_view);
  // After drawing the thread: its messages, and the newest one the agent had on screen (0: none).
  void drawn(const std::vector<Message>& messages, std::int64_t newest_on_screen, AgentId me);
  void show_end();  // the marker clicked, or End pressed
  // The page scrolled the thread's mirror to `y` (the browser's find scrolling a match into view,
  // a screen reader's cursor, the keyboard's focus): where the thread's scroll goes this frame,
  // clamped to the end the last layout had. Above the end the thread stops following, so what
  // arrives meanwhile does not pull the agent away from the match; at the end it follows.
  float scrolled_to(float y) { return end_.put_at(y, max_); }
  // After drawing, while following: whether the next pass still moves the thread (its content
  // grew in this pass — a new block is measured a pass after it appears — or the scroll has not
  // reached the end yet). The runner lays out again before it shows the frame.
  bool settling(float content_height, float y, float max);

  bool following() const { return end_.following(); }
  TicketId ticket() const { return ticket_; }  // the ticket whose thread was drawn last
  const NewBelow& new_below() const { return new_below_; }  // count 0 while following
  // The colleagues' live drafts to pin above the composer: those not readable in the thread
  // (as the last frame drew it) while the agent reads further up. In the order given.
  std::vector<OtherDraft> pinned(const std::vector<OtherDraft>& drafts) const;
  // A pinned draft's text region: it shows the newest end of what the colleague types.
  EndFollow& pinned_text(AgentId author) { return pinned_text_[author]; }

 private:
  TicketId ticket_ = 0;
  std::uint64_t end_requests_ = 0;
  EndFollow end_;
  float max_ = 0;  // the thread's end as the last layout left it
  std::int64_t seen_ = 0;  // the newest message the agent has seen
  float content_height_ = -1;
  NewBelow new_below_;
  std::map<AgentId, bool> draft_readable_;
  std::map<AgentId, EndFollow> pinned_text_;
};

}  // namespace baton::shell
