#include "workspace.hpp"

#include <algorithm>

#include "views/views.hpp"

namespace baton::shell {

bool Workspace::wants_frame(bool input) {
  app_.tick();
  if (tour_ && !tour_->free_play()) {  // a step may have been done by what just arrived
    const bool was_done = tour_->step_done();
    const std::size_t was = tour_->index();
    tour_->update(app_.state(), platform_.now_ms());
    if (tour_->step_done() != was_done || tour_->index() != was) settle_ = std::max(settle_, 1);
  }
  // Input: hover, popups and layout settle within a frame or two. News from the network: tables
  // and auto-sized panels take a second frame to lay out. The clock alone: one frame.
  if (input) settle_ = 3;
  else if (app_.dirty()) settle_ = std::max(settle_, 2);
  else if (app_.ticked()) settle_ = std::max(settle_, 1);
  return settle_ > 0;
}

void Workspace::draw() {
  ViewContext context;
  context.now = platform_.now_ms();
  context.utc_offset = platform_.utc_offset_minutes(context.now);
  context.native_editor = platform_.has_native_editor();
  context.drafts_kept = storage_.where();
  context.tour = tour_;
  ViewOutput out;
  draw_app(app_.state(), app_.edits(), context, out);
  app_.drawn();
  if (settle_ > 0) --settle_;
  ++frames_;
  if (context.native_editor) platform_.place_editor(out.editor);
  for (const Intent& intent : out.intents)
    if (const auto* action = std::get_if<intent::TourAction>(&intent); action && tour_) {
      switch (action->kind) {
        case intent::TourAction::next: tour_->next(); break;
        case intent::TourAction::back: tour_->back(); break;
        case intent::TourAction::reset: tour_->reset_requested = true; break;
        case intent::TourAction::larger_text: tour_->larger_text = !tour_->larger_text; break;
      }
    }
  app_.handle(out.intents);  // the tour notices what they did at the next wants_frame()
}

}  // namespace baton::shell
