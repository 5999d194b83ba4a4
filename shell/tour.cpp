#include "tour.hpp"

namespace baton::shell {

namespace {
constexpr Time kLinger = 1500;  // how long a done step stays, ticked, before the next one
}

void Tour::update(const AppState& state, Time now) {
  if (free_play()) return;
  if (!done_at_ && steps_[index_].done && steps_[index_].done(state)) done_at_ = now;
  if (done_at_ && now - done_at_ >= kLinger) next();
}

void Tour::next() {
  if (index_ < steps_.size()) ++index_;
  done_at_ = 0;
}

void Tour::back() {
  if (index_ > 0) --index_;
  done_at_ = 0;
}

}  // namespace baton::shell
