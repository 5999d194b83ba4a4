#include "thread_follow.hpp"

#include <algorithm>
#include <cmath>

#include "i18n/words.hpp"

namespace baton::shell {

namespace {
constexpr float kMoved = 0.5f;  // less than this is layout rounding, not the reader scrolling
}

bool EndFollow::scrolled(float y, float max, float tolerance) {
  // Up: the reader left the end (a scroll clamped by content that got shorter lands on the end
  // itself, and is no move of theirs). Down: back at the end, or moving down to within tolerance.
  const bool moved_up = last_ && y < *last_ - kMoved && y < max - kMoved;
  const bool moved_down = last_ && y > *last_ + kMoved;
  if (moved_up) following_ = false;
  else if (!following_ && (y >= max - kMoved || (moved_down && y >= max - tolerance))) following_ = true;
  last_ = y;
  return following_;
}

void EndFollow::follow() {
  following_ = true;
  last_.reset();
}

float EndFollow::put_at(float y, float max) {
  const float at = std::clamp(y, 0.0f, std::max(0.0f, max));
  following_ = at >= max - kMoved;
  last_ = at;  // the move is the reader's: the next scrolled() sees no other
  return at;
}

bool seen_in_view(float top, float bottom, float view_top, float view_bottom, float line) {
  const float shown = std::min(bottom, view_bottom) - std::max(top, view_top);
  return shown > 0 && shown >= std::min(bottom - top, line) - kMoved;
}

bool whole_in_view(float top, float bottom, float view_top, float view_bottom) {
  const bool inside = top >= view_top - kMoved && bottom <= view_bottom + kMoved;
  const bool fills = top <= view_top + kMoved && bottom >= view_bottom - kMoved;
  return inside || fills;
}

void ThreadFollow::begin(TicketId ticket, std::uint64_t end_requests) {
  if (ticket != ticket_) {
    *this = ThreadFollow{};  // a ticket opens at its newest end
    ticket_ = ticket;
    end_requests_ = end_requests;
    return;
  }
  if (end_requests != end_requests_) {
    end_requests_ = end_requests;
    show_end();
  }
}

void ThreadFollow::draft_drawn(AgentId author, bool whole) { draft_readable_[author] = whole; }

void ThreadFollow::drawn(const std::vector<Message>& messages, std::int64_t newest_on_screen, AgentId me) {
  if (following()) {  // the end is in view: everything there is seen
    for (const Message& m : messages) seen_ = std::max(seen_, m.id);
    new_below_ = {};
    return;
  }
  seen_ = std::max(seen_, newest_on_screen);
  NewBelow news;
  std::optional<AgentId> first;
  for (const Message& m : messages) {
    if (m.id <= seen_ || (m.kind != MessageKind::customer && m.agent == me)) continue;
    const std::optional<AgentId> author = m.kind == MessageKind::customer ? std::nullopt : m.agent;
    if (news.count == 0) first = author;
    else if (author != first) news.one_author = false;
    news.author = author;
    news.kind = m.kind;
    ++news.count;
  }
  new_below_ = news;
}

std::string new_below_words(const NewBelow& news, const Directory& directory, const std::string& requester) {
  const std::string name = news.author ? directory.name(*news.author) : requester;
  if (news.count == 1) {
    const char* key = news.kind == MessageKind::note ? "thread.new_note"
                      : news.kind == MessageKind::reply ? "thread.new_reply"
                                                        : "thread.new_message";
    return tr(key, {{"name", name}});
  }
  if (news.one_author) return trn("thread.new_from", news.count, {{"name", name}});
  return trn("thread.new_several", news.count);
}

void ThreadFollow::show_end() {
  end_.follow();
  new_below_ = {};
}

bool ThreadFollow::settling(float content_height, float y, float max) {
  const bool grew = std::abs(content_height - content_height_) > kMoved;
  content_height_ = content_height;
  return following() && (grew || std::abs(max - y) > kMoved);
}

std::vector<OtherDraft> ThreadFollow::pinned(const std::vector<OtherDraft>& drafts) const {
  std::vector<OtherDraft> out;
  if (following()) return out;  // the end, and the drafts at it, are in view
  for (const OtherDraft& d : drafts) {
    if (d.body.empty()) continue;
    const auto it = draft_readable_.find(d.author);
    if (it == draft_readable_.end() || !it->second) out.push_back(d);
  }
  return out;
}

}  // namespace baton::shell
