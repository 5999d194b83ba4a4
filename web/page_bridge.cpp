// The functions web/page.js calls (exported by name): input and resizes, the editor's text, paste,
// and the test hook. Each pokes the runner so the next animation frame draws.
#include <cmath>
#include <string>

#include <GLFW/glfw3.h>
#include <emscripten.h>

#include "host.hpp"
#include "imgui.h"
#include "test_hook.hpp"
#include "workspace.hpp"

// Sizes the canvas and emscripten's GLFW window without glfwSetWindowSize, which asks for full
// screen when the size equals the screen's (a maximised window on a HiDPI screen does).
EM_JS(void, js_size_window, (int width, int height), {
  Browser.setCanvasSize(width, height);
  if (GLFW.active) {
    GLFW.active.width = width;
    GLFW.active.height = height;
  }
});

using baton::web::host;

extern "C" {

EMSCRIPTEN_KEEPALIVE void baton_activity() { host().runner->poke(); }

// The page's size in CSS pixels and its devicePixelRatio: the canvas gets device pixels (crisp on
// HiDPI) and fonts and spacing scale with it.
EMSCRIPTEN_KEEPALIVE void baton_resize(double width, double height, double dpr) {
  auto& h = host();
  const float scale = static_cast<float>(dpr > 0 ? dpr : 1.0);
  if (width == h.css_w && height == h.css_h && scale == h.platform.scale()) return;
  h.css_w = width;
  h.css_h = height;
  h.platform.set_scale(scale);
  h.runner->set_scale(scale);
  js_size_window(static_cast<int>(std::lround(width * scale)), static_cast<int>(std::lround(height * scale)));
  h.runner->poke();
}

// The <textarea> shows what is typed by itself: the workspace follows at the next animation frame.
EMSCRIPTEN_KEEPALIVE void baton_editor_input(const char* text) { host().screen->workspace().app().editor_text(text); }

EMSCRIPTEN_KEEPALIVE void baton_editor_submit() {
  host().screen->workspace().app().editor_submit();
  host().runner->poke();
}

// A one-line field (login, search, a reason) typed into, and Enter pressed in it.
EMSCRIPTEN_KEEPALIVE void baton_field_input(const char* id, const char* text) {
  host().screen->workspace().field_input(id, text);
  host().runner->poke();
}

EMSCRIPTEN_KEEPALIVE void baton_field_submit(const char* id) {
  host().screen->workspace().field_submit(id);
  host().runner->poke();
}

// A control pressed through the page's semantic mirror (Enter, Space, a screen reader's click).
EMSCRIPTEN_KEEPALIVE int baton_activate(const char* key) {
  const bool found = host().screen->workspace().activate(key);
  host().runner->poke();
  return found;
}

// A scrolling region's mirror scrolled by the page (the browser's find, a screen reader, the focus)
// to `top` CSS pixels: the workspace scrolls it there, and the next frame's semantics are sent even
// if they look unchanged (the mirror's scroll is set back to where the workspace put it).
EMSCRIPTEN_KEEPALIVE void baton_scroll(const char* key, double top) {
  auto& h = host();
  if (h.screen->workspace().scroll_to(key, static_cast<float>(top) * h.platform.scale())) h.platform.resend_semantics();
  h.runner->poke();
}

// Text pasted while an ImGui field (login, search) has the keyboard.
EMSCRIPTEN_KEEPALIVE void baton_paste(const char* text) {
  host().clipboard = text;
  if (ImGui::GetIO().WantTextInput) ImGui::GetIO().AddInputCharactersUTF8(text);
  host().runner->poke();
}

EMSCRIPTEN_KEEPALIVE const char* baton_snapshot() {
  static std::string json;
  json = baton::shell::hook::snapshot_json(host().platform.scale());
  return json.c_str();
}

EMSCRIPTEN_KEEPALIVE void baton_asset_fetched(int id, int ok) {
  host().platform.asset_fetched(id, ok != 0);
  host().runner->poke();
}

EMSCRIPTEN_KEEPALIVE int baton_frames_drawn() { return host().runner ? host().runner->frames() : 0; }
EMSCRIPTEN_KEEPALIVE double baton_last_frame_ms() { return host().runner->last_frame_ms(); }

}  // extern "C"
