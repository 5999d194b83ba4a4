// The browser entry point: a GLFW window on the page's canvas, Dear ImGui with its GLFW and
// OpenGL3 (WebGL2) backends, and the workspace's loop driven by requestAnimationFrame. Frames are
// drawn only when the workspace wants one: input, a network answer, or a label that ticks.
// With --kiosk (the page's ?kiosk, or the static kiosk build) the same workspace runs against the
// in-process training helpdesk instead of the server, with its guided tour.
#include <cmath>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <memory>

#include <GLFW/glfw3.h>
#include <emscripten.h>
#include <emscripten/html5.h>

#include "backends/imgui_impl_glfw.h"
#include "backends/imgui_impl_opengl3.h"
#include "imgui.h"
#include "imgui_internal.h"
#include "kiosk.hpp"
#include "kiosk_platform.hpp"
#include "test_hook.hpp"
#include "views/ui.hpp"
#include "web_net_client.hpp"
#include "web_platform.hpp"
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

namespace {

GLFWwindow* window = nullptr;
baton::web::WebPlatform web_platform;
baton::web::KioskPlatform kiosk_platform;
baton::web::WebPlatform* platform = &web_platform;
baton::web::WebNetClient net;
std::unique_ptr<baton::kiosk::Kiosk> kiosk;  // the training kiosk, when the page runs as one
std::unique_ptr<baton::shell::Workspace> workspace;
bool input_seen = true;
float font_scale = 0;      // the scale the font atlas was built for
double css_w = 0, css_h = 0;
double last_frame_ms = 0;  // NewFrame -> Render of the last drawn frame, for the benchmark
std::string clipboard;     // what the page last pasted or the workspace last copied
baton::Time last_input = 0;
baton::Time kiosk_idle_ms = 120'000;  // the kiosk starts over after this long without a touch
std::uint64_t kiosk_runs = 0;

// Fonts and spacing for the device pixel ratio; the kiosk's larger text and touch-sized targets.
void build_fonts(float dpr) {
  const bool larger = kiosk && kiosk->tour().larger_text;
  const float scale = dpr * (larger ? 1.3f : 1.0f);
  if (scale == font_scale) return;
  font_scale = scale;
  baton::shell::ui::load_fonts("/assets", scale);
  baton::shell::ui::apply_theme(scale);
  if (kiosk) ImGui::GetStyle().ScaleAllSizes(1.25f);  // finger-sized hit targets
  ImGui_ImplOpenGL3_DestroyFontsTexture();
  ImGui_ImplOpenGL3_CreateFontsTexture();
}

// A new kiosk run: a fresh helpdesk, story and tour, and a workspace logged in as the trainee.
void start_kiosk() {
  const baton::Time now = platform->now_ms();
  workspace.reset();
  kiosk = std::make_unique<baton::kiosk::Kiosk>(7212 + kiosk_runs++, now);
  kiosk_platform.clear();
  kiosk_platform.set_editor_text("");
  workspace = std::make_unique<baton::shell::Workspace>(kiosk_platform, kiosk->net());
  workspace->set_tour(&kiosk->tour());
  workspace->start();
  last_input = now;
  font_scale = 0;
  build_fonts(platform->scale());
}

void frame() {
  // Input still queued in ImGui (a click's down and up are spread over frames) needs frames too.
  bool input = input_seen || !ImGui::GetCurrentContext()->InputEventsQueue.empty();
  input_seen = false;
  if (kiosk) {
    const baton::Time now = platform->now_ms();
    if (input) last_input = now;
    if (kiosk->tour().reset_requested || now - last_input > kiosk_idle_ms) {
      start_kiosk();
      input = true;
    }
    kiosk->pump(now);
    build_fonts(platform->scale());  // the tour's "Larger text"
  }
  if (!workspace->wants_frame(input)) return;
  ImGui_ImplOpenGL3_NewFrame();
  ImGui_ImplGlfw_NewFrame();
  const double started = emscripten_get_now();
  ImGui::NewFrame();
  workspace->draw();
  ImGui::Render();
  last_frame_ms = emscripten_get_now() - started;
  int w = 0, h = 0;
  glfwGetFramebufferSize(window, &w, &h);
  glViewport(0, 0, w, h);
  glClearColor(246 / 255.f, 248 / 255.f, 250 / 255.f, 1.f);
  glClear(GL_COLOR_BUFFER_BIT);
  ImGui_ImplOpenGL3_RenderDrawData(ImGui::GetDrawData());
}

const char* get_clipboard(void*) { return clipboard.c_str(); }
void set_clipboard(void*, const char* text) {
  clipboard = text;
  platform->copy_to_clipboard(text);
}

}  // namespace

// Called by web/page.js.
extern "C" {

EMSCRIPTEN_KEEPALIVE void baton_activity() { input_seen = true; }

// The page's size in CSS pixels and its devicePixelRatio: the canvas gets device pixels (crisp on
// HiDPI) and fonts and spacing scale with it.
EMSCRIPTEN_KEEPALIVE void baton_resize(double width, double height, double dpr) {
  const float scale = static_cast<float>(dpr > 0 ? dpr : 1.0);
  if (width == css_w && height == css_h && scale == platform->scale()) return;
  css_w = width;
  css_h = height;
  web_platform.set_scale(scale);
  kiosk_platform.set_scale(scale);
  js_size_window(static_cast<int>(std::lround(width * scale)), static_cast<int>(std::lround(height * scale)));
  build_fonts(scale);
  input_seen = true;
}

EMSCRIPTEN_KEEPALIVE void baton_editor_input(const char* text) {
  workspace->app().editor_text(text);
  input_seen = true;
}

EMSCRIPTEN_KEEPALIVE void baton_editor_submit() {
  workspace->app().editor_submit();
  input_seen = true;
}

// Text pasted while an ImGui field (login, search) has the keyboard.
EMSCRIPTEN_KEEPALIVE void baton_paste(const char* text) {
  clipboard = text;
  if (ImGui::GetIO().WantTextInput) ImGui::GetIO().AddInputCharactersUTF8(text);
  input_seen = true;
}

EMSCRIPTEN_KEEPALIVE const char* baton_snapshot() {
  static std::string json;
  json = baton::shell::hook::snapshot_json(platform->scale());
  return json.c_str();
}

EMSCRIPTEN_KEEPALIVE int baton_frames_drawn() { return workspace ? workspace->frames_drawn() : 0; }
EMSCRIPTEN_KEEPALIVE double baton_last_frame_ms() { return last_frame_ms; }

}  // extern "C"

int main(int argc, char** argv) {
  bool kiosk_mode = false;
  for (int i = 1; i < argc; ++i) {
    if (std::strcmp(argv[i], "--kiosk") == 0) kiosk_mode = true;
    if (std::strcmp(argv[i], "--idle") == 0 && i + 1 < argc) kiosk_idle_ms = std::max(5, std::atoi(argv[++i])) * 1000LL;
  }
  if (!glfwInit()) {
    std::puts("baton: GLFW could not start");
    return 1;
  }
  glfwWindowHint(GLFW_CLIENT_API, GLFW_OPENGL_ES_API);
  glfwWindowHint(GLFW_CONTEXT_VERSION_MAJOR, 3);
  glfwWindowHint(GLFW_CONTEXT_VERSION_MINOR, 0);
  window = glfwCreateWindow(1280, 800, "Baton", nullptr, nullptr);
  if (!window) {
    EM_ASM({ window.batonPage.fail('WebGL2 could not be started in this browser.'); });
    return 1;
  }
  glfwMakeContextCurrent(window);
  IMGUI_CHECKVERSION();
  ImGui::CreateContext();
  ImGuiIO& io = ImGui::GetIO();
  io.IniFilename = nullptr;  // layout is the workspace's, not remembered per browser
  io.GetClipboardTextFn = get_clipboard;
  io.SetClipboardTextFn = set_clipboard;
  ImGui_ImplGlfw_InitForOpenGL(window, true);
  ImGui_ImplOpenGL3_Init("#version 300 es");
  if (kiosk_mode) {
    platform = &kiosk_platform;
    start_kiosk();
  } else {
    workspace = std::make_unique<baton::shell::Workspace>(web_platform, net);
  }
  EM_ASM({ window.batonPage.ready(); });  // sizes the canvas through baton_resize
  if (font_scale == 0) baton_resize(1280, 800, 1.0);
  if (!kiosk_mode) workspace->start();
  emscripten_set_main_loop(frame, 0, true);
  return 0;
}
