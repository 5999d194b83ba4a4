#include "window.hpp"

#include <algorithm>
#include <cstdio>

#define GLFW_INCLUDE_NONE
#include <GLFW/glfw3.h>

#include "runner.hpp"

namespace baton::desktop {

GLFWwindow* open_window(int width, int height) {
  glfwSetErrorCallback([](int code, const char* text) { std::fprintf(stderr, "baton-desktop: GLFW %d: %s\n", code, text); });
  if (!glfwInit()) {
    std::fprintf(stderr, "baton-desktop: no display (is DISPLAY set?)\n");
    return nullptr;
  }
  glfwWindowHint(GLFW_CONTEXT_VERSION_MAJOR, 3);
  glfwWindowHint(GLFW_CONTEXT_VERSION_MINOR, 3);
  glfwWindowHint(GLFW_OPENGL_PROFILE, GLFW_OPENGL_CORE_PROFILE);
  glfwWindowHint(GLFW_OPENGL_FORWARD_COMPAT, GLFW_TRUE);
  glfwWindowHint(GLFW_SCALE_TO_MONITOR, GLFW_TRUE);  // a HiDPI monitor gets a proportionally larger window
  GLFWwindow* window = glfwCreateWindow(width, height, "Baton", nullptr, nullptr);
  if (!window) {
    std::fprintf(stderr, "baton-desktop: could not open an OpenGL 3.3 window\n");
    glfwTerminate();
    return nullptr;
  }
  glfwMakeContextCurrent(window);
  glfwSwapInterval(1);
  return window;
}

void poke_on_events(GLFWwindow* window, runner::Runner& runner) {
  glfwSetWindowUserPointer(window, &runner);
  auto poke = [](GLFWwindow* w) { static_cast<runner::Runner*>(glfwGetWindowUserPointer(w))->poke(); };
  // Only what the ImGui backend does not watch itself (its keys, mouse and focus queue input that
  // the runner sees): a resize, an exposure, a move to another monitor's scale.
  glfwSetFramebufferSizeCallback(window, [](GLFWwindow* w, int, int) {
    static_cast<runner::Runner*>(glfwGetWindowUserPointer(w))->poke();
  });
  glfwSetWindowRefreshCallback(window, poke);  // exposed: draw again
  glfwSetWindowContentScaleCallback(window, [](GLFWwindow* w, float, float) {
    static_cast<runner::Runner*>(glfwGetWindowUserPointer(w))->poke();
  });
}

float content_scale(GLFWwindow* window) {
  float x = 1, y = 1;
  glfwGetWindowContentScale(window, &x, &y);
  return std::max(x, y);
}

}  // namespace baton::desktop
