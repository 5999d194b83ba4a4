#pragma once
// A guided tour over the workspace (the training kiosk's): steps with a title, words, the widget to
// point at, and a test on the state that says the trainee has done it; the tour notices and moves
// on. After the last step comes free play.
#include <functional>
#include <string>
#include <vector>

#include "app_state.hpp"

namespace baton::shell {

struct TourStep {
  std::string title;   // catalog keys: the words are the language's (i18n)
  std::string text;
  std::string target;  // a widget id of the test hook ("lock", "row12", "composer"); empty: none
  std::function<bool(const AppState&)> done;
};

class Tour {
 public:
  explicit Tour(std::vector<TourStep> steps) : steps_(std::move(steps)) {}

  // Notices a step the trainee has done and moves on, after a moment to see it happen.
  void update(const AppState& state, Time now);
  void next();
  void back();

  std::size_t index() const { return index_; }
  std::size_t size() const { return steps_.size(); }
  bool free_play() const { return index_ >= steps_.size(); }
  const TourStep& step() const { return steps_.at(index_); }
  bool step_done() const { return done_at_ != 0; }

  // Kiosk controls the tour panel offers; its host acts on them.
  bool larger_text = false;
  bool reset_requested = false;

 private:
  std::vector<TourStep> steps_;
  std::size_t index_ = 0;
  Time done_at_ = 0;
};

}  // namespace baton::shell
