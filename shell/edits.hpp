#pragma once
// What the views own between frames: the text boxes as typed, which one-shot requests of the state
// (scroll to the keyboard's row) they have carried out, and where the agent is in the thread (at
// its newest end or further up, and what arrived below since: thread_follow.hpp). The App
// reads the boxes only through the intents that carry them, and empties them at logout.
#include <cstdint>
#include <string>

#include "baton/settings.hpp"
#include "thread_follow.hpp"

namespace baton::shell {

struct Edits {
  std::string email, password;  // the login card
  std::string search;           // the top bar's search box
  std::string ask_reason;       // "Ask Marcus to release": why, one line
  std::string keep_reason;      // the holder's "Keep": why, one line
  Settings settings;            // the admin's automations as edited (copied in when the dialog opens)
  std::string composer;         // ImGui's own reply editor (the desktop); the browser has a <textarea>
  std::uint64_t cursor_scrolled = 0;  // the state's cursor_moves already scrolled to
  std::uint64_t cursor_focused = 0;  // the keyboard moved to the cursor's row: it was given the focus
  bool shortcuts_focused = false;     // the open shortcuts dialog was given the keyboard
  ThreadFollow thread;                // the open ticket's thread: following its end, new below, pinned drafts
  // A region the page's mirror scrolled (the browser's find, a screen reader): its semantic key and
  // the scroll asked for, window pixels. The view that draws the region takes it in the next frame.
  struct ScrollAsked {
    std::string region;
    float y = 0;
    // The scroll asked of `key`'s region, if any.
    const float* of(const std::string& key) const { return region == key ? &y : nullptr; }
  } scroll_to;
};

}  // namespace baton::shell
