#pragma once
// One turn of the app loop, the same for every platform: run the timers, decide whether anything
// needs drawing (no 60 Hz spin when idle), and draw: views -> intents -> App.
#include "app.hpp"
#include "tour.hpp"

namespace baton::shell {

class Workspace {
 public:
  Workspace(Platform& platform, NetClient& net) : platform_(platform), app_(platform, net) {}

  void start() { app_.start(); }
  // `input` says the platform saw input (mouse, keys, resize) since the last call.
  bool wants_frame(bool input);
  // Between ImGui::NewFrame() and ImGui::Render().
  void draw();
  App& app() { return app_; }
  // The training tour drawn over the workspace (not owned); null: none.
  void set_tour(Tour* tour) { tour_ = tour; }
  int frames_drawn() const { return frames_; }

 private:
  Platform& platform_;
  App app_;
  Tour* tour_ = nullptr;
  int settle_ = 3;  // frames still to draw: a few after input, one after other news
  int frames_ = 0;
};

}  // namespace baton::shell
