#include "page_main.hpp"

#include <cstdio>

#include <GLFW/glfw3.h>
#include <emscripten.h>
#include <emscripten/html5.h>

#include "imgui.h"
#include "test_hook.hpp"

extern "C" void baton_resize(double width, double height, double dpr);

namespace baton::web {

Host& host() {
  static Host the_host;
  return the_host;
}

namespace {

// The test hook's drawn_at: when a frame reached the canvas.
void rendered() { shell::hook::set_drawn_at(host().platform.now_ms()); }

void frame() {
  if (host().runner->turn()) rendered();
}

const char* get_clipboard(ImGuiContext*) { return host().clipboard.c_str(); }
void set_clipboard(ImGuiContext*, const char* text) {
  host().clipboard = text;
  host().platform.copy_to_clipboard(text);
}

// The mouse wheel over the canvas. ImGui 1.92's GLFW backend drops emscripten's GLFW scroll events
// (quantised to whole steps, imgui #6096) and reads the canvas's wheel events itself, but only
// from ImGui_ImplGlfw_InstallEmscriptenCallbacks, which also sizes the canvas (page.js does that).
// So the wheel alone, stepped as the backend does: 100 pixels, 3 lines or 1/80 of a page a step.
// Ctrl+wheel is the browser's zoom: left to the browser.
EM_BOOL on_wheel(int, const EmscriptenWheelEvent* event, void*) {
  if (event->mouse.ctrlKey) return EM_FALSE;
  const double step = event->deltaMode == DOM_DELTA_PIXEL ? 1.0 / 100 : event->deltaMode == DOM_DELTA_LINE ? 1.0 / 3 : 80.0;
  ImGui::GetIO().AddMouseWheelEvent(static_cast<float>(-event->deltaX * step), static_cast<float>(-event->deltaY * step));
  if (host().runner) host().runner->poke();
  return EM_TRUE;  // the page itself does not scroll
}

}  // namespace

// Now rather than at the next animation frame, unless one was rendered a moment ago (then the
// next animation frame shows it).
void news() {
  if (host().runner && host().runner->turn_now(8.0)) rendered();
}

int run_page(const std::function<std::unique_ptr<shell::Scene>(Host&)>& make) {
  if (!glfwInit()) {
    std::puts("baton: GLFW could not start");
    return 1;
  }
  glfwWindowHint(GLFW_CLIENT_API, GLFW_OPENGL_ES_API);
  glfwWindowHint(GLFW_CONTEXT_VERSION_MAJOR, 3);
  glfwWindowHint(GLFW_CONTEXT_VERSION_MINOR, 0);
  GLFWwindow* window = glfwCreateWindow(1280, 800, "Baton", nullptr, nullptr);
  if (!window) {
    EM_ASM({ window.batonPage.fail('WebGL2 could not be started in this browser.'); });
    return 1;
  }
  glfwMakeContextCurrent(window);
  Host& h = host();
  h.runner = std::make_unique<runner::Runner>(window, "/assets", "#version 300 es");
  ImGui::GetPlatformIO().Platform_GetClipboardTextFn = get_clipboard;
  ImGui::GetPlatformIO().Platform_SetClipboardTextFn = set_clipboard;
  emscripten_set_wheel_callback("#canvas", nullptr, false, on_wheel);
  h.screen = make(h);
  h.runner->show(*h.screen);
  EM_ASM({ window.batonPage.ready(); });  // sizes the canvas through baton_resize
  if (h.css_w == 0) baton_resize(1280, 800, 1.0);
  emscripten_set_main_loop(frame, 0, true);
  return 0;
}

}  // namespace baton::web
