#pragma once
// The loop both hosts share, on GLFW and Dear ImGui's GLFW + OpenGL3 backends: the fonts built for
// the pixel scale and rebuilt when it (or the scene's text size) changes, the theme applied anew
// when it changes, the input poke, and a frame only when the scene wants one: its layout passes
// run back to back and only the last is rendered, so news is on screen after one rendered frame.
// The host owns the window and calls turn(): the browser from requestAnimationFrame and at once
// when news arrives, the desktop after glfwWaitEventsTimeout.
#include <functional>
#include <string>

#include "scene.hpp"
#include "views/ui.hpp"

struct GLFWwindow;

namespace baton::runner {

class Runner {
 public:
  // Starts Dear ImGui on the window (its context, the GLFW callbacks, the OpenGL3 renderer) and
  // loads the fonts: the assets' faces, with `extra_fonts` merged (ui::load_fonts).
  Runner(GLFWwindow* window, std::string fonts_folder, const char* glsl_version,
         const std::vector<shell::ui::ExtraFont>& extra_fonts = {});
  ~Runner();
  Runner(const Runner&) = delete;
  Runner& operator=(const Runner&) = delete;

  void show(shell::Scene& scene) { scene_ = &scene; }
  shell::Scene& scene() { return *scene_; }
  // The host saw input (a key, the mouse, a resize, text from the page): draw soon.
  void poke() { input_ = true; }
  // Device pixels per CSS pixel (the browser), or the monitor's content scale times --scale.
  void set_scale(float scale) { scale_ = scale; }
  float scale() const { return scale_; }

  // One loop turn: the scene's timers, then a frame if it wants one. True when a frame was rendered
  // (the desktop then swaps buffers). `overlay` draws after the scene (the desktop's F12 panel),
  // `underlay` before it.
  bool turn(const std::function<void()>& underlay = {}, const std::function<void()>& overlay = {});
  // News arrived between loop turns: a turn now, unless a frame was rendered within the last
  // `min_gap_ms` (then the next turn shows it; a burst of messages costs one frame, not many).
  bool turn_now(double min_gap_ms);
  double last_frame_ms() const { return last_frame_ms_; }  // the ImGui passes of the last frame
  int frames() const { return frames_; }                    // frames rendered

 private:
  void rebuild_fonts_if_needed();

  GLFWwindow* window_;
  std::string fonts_folder_;
  shell::Scene* scene_ = nullptr;
  bool input_ = true;
  float scale_ = 1.0f;
  float built_for_ = 0;  // the scale the theme was applied for
  bool built_touch_ = false;
  shell::Appearance built_look_;  // the theme and motion the style was applied for
  std::vector<shell::ui::ExtraFont> base_fonts_;    // the host's extra fonts
  std::vector<shell::ui::ExtraFont> scene_fonts_;   // the scene's, as last loaded
  double last_frame_ms_ = 0;
  double rendered_at_ms_ = -1e9;  // steady clock
  int frames_ = 0;
};

}  // namespace baton::runner
