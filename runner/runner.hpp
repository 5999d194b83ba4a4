#pragma once
// The loop both hosts share, on GLFW and Dear ImGui's GLFW + OpenGL3 backends: the fonts built for
// the pixel scale and rebuilt when it (or the screen's text size) changes, the input poke, and a
// frame drawn only when the scene wants one. The host owns the window and calls turn(): the
// browser from requestAnimationFrame, the desktop after glfwWaitEventsTimeout.
#include <functional>
#include <string>

#include "scene.hpp"

struct GLFWwindow;

namespace baton::runner {

class Runner {
 public:
  // Starts Dear ImGui on the window (its context, the GLFW callbacks, the OpenGL3 renderer).
  Runner(GLFWwindow* window, std::string fonts_folder, const char* glsl_version);
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

  // One loop turn: the screen's timers, then a frame if it wants one. True when a frame was drawn
  // (the desktop then swaps buffers). `overlay` draws after the screen (the desktop's F12 panel),
  // `underlay` before it.
  bool turn(const std::function<void()>& underlay = {}, const std::function<void()>& overlay = {});
  double last_frame_ms() const { return last_frame_ms_; }  // NewFrame -> Render of the last frame

 private:
  void rebuild_fonts_if_needed();

  GLFWwindow* window_;
  std::string fonts_folder_;
  shell::Scene* scene_ = nullptr;
  bool input_ = true;
  float scale_ = 1.0f;
  float built_for_ = 0;  // the font size factor the atlas was built for
  bool built_touch_ = false;
  double last_frame_ms_ = 0;
};

}  // namespace baton::runner
