#pragma once
// A scene: what a host's runner shows in its window, the workspace or the training kiosk around
// it. The runner asks each loop turn how many passes are wanted (none when idle: no 60 Hz spin);
// it lays out every pass and renders only the last, so news shows in one rendered frame.
#include <vector>

#include "appearance.hpp"
#include "baton/ids.hpp"
#include "views/ui.hpp"

namespace baton::shell {

class Workspace;

class Scene {
 public:
  virtual ~Scene() = default;
  // Runs the timers; how many passes the next frame needs (0: nothing changed). `input`: the host
  // saw input since the last call (mouse, keys, resize).
  virtual int passes_wanted(bool input) = 0;
  virtual void draw() = 0;  // between ImGui::NewFrame() and ImGui::Render()
  // The workspace being shown now (the host's bridges reach its editor and snapshot through it).
  virtual Workspace& workspace() = 0;
  virtual float text_scale() const { return 1.0f; }  // the kiosk's "Larger text"
  virtual bool touch() const { return false; }       // finger-sized targets (the kiosk)
  // The theme and motion to draw with (the agent's choice, else the system's); the runner applies
  // a change between frames.
  virtual Appearance appearance() const { return {}; }
  // Font files the scene needs merged into the faces now (the chosen language's own glyphs), in
  // the host's fonts folder; the runner loads the fonts again between frames when they change.
  virtual std::vector<ui::ExtraFont> extra_fonts() const { return {}; }
};

}  // namespace baton::shell
