#include "workspace.hpp"

#include "views/views.hpp"

namespace baton::shell {

bool Workspace::wants_frame(bool input) {
  app_.tick();
  if (input) settle_ = 3;  // hover, popups and layout settle within a frame or two of input
  else if (app_.dirty() && settle_ == 0) settle_ = 1;  // news from the network or a ticking label
  return settle_ > 0;
}

void Workspace::draw() {
  ViewContext context;
  context.now = platform_.now_ms();
  context.utc_offset = platform_.utc_offset_minutes(context.now);
  context.native_editor = platform_.has_native_editor();
  ViewOutput out;
  draw_app(app_.state(), context, out);
  app_.drawn();
  if (settle_ > 0) --settle_;
  ++frames_;
  if (context.native_editor) platform_.place_editor(out.editor);
  app_.handle(out.intents);
}

}  // namespace baton::shell
