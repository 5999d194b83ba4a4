#include "i18n/words.hpp"
#include "runner.hpp"

#include <chrono>

#include <GLFW/glfw3.h>
#if defined(__EMSCRIPTEN__)
#include <GLES3/gl3.h>
#else
#include <GL/gl.h>
#endif

#include "imgui.h"
#include "imgui_impl_glfw.h"
#include "imgui_impl_opengl3.h"
#include "imgui_internal.h"
#include "views/ui.hpp"
#include "workspace.hpp"

namespace baton::runner {

Runner::Runner(GLFWwindow* window, std::string fonts_folder, const char* glsl_version,
               const std::vector<shell::ui::ExtraFont>& extra_fonts)
    : window_(window), fonts_folder_(std::move(fonts_folder)), base_fonts_(extra_fonts) {
  IMGUI_CHECKVERSION();
  ImGui::CreateContext();
  ImGuiIO& io = ImGui::GetIO();
  io.IniFilename = nullptr;  // the layout is the workspace's, not remembered per machine
  // A steady text cursor: frames are drawn only when something happens, so a blinking one would
  // freeze at random in its "off" phase between the once-a-second frames.
  io.ConfigInputTextCursorBlink = false;
  ImGui_ImplGlfw_InitForOpenGL(window_, true);
  ImGui_ImplOpenGL3_Init(glsl_version);
  shell::ui::load_fonts(fonts_folder_, extra_fonts);  // glyphs are baked on demand, at any size and scale
  shell::i18n::set_languages(shell::i18n::Languages::load(fonts_folder_ + "/i18n"));
}

Runner::~Runner() {
  ImGui_ImplOpenGL3_Shutdown();
  ImGui_ImplGlfw_Shutdown();
  ImGui::DestroyContext();
}

void Runner::rebuild_fonts_if_needed() {
  if (std::vector<shell::ui::ExtraFont> wanted = scene_->extra_fonts(); wanted != scene_fonts_) {
    scene_fonts_ = std::move(wanted);  // a language's own glyphs: the faces are loaded again
    std::vector<shell::ui::ExtraFont> all = base_fonts_;
    for (shell::ui::ExtraFont font : scene_fonts_) {
      font.path = fonts_folder_ + "/" + font.path;
      all.push_back(std::move(font));
    }
    shell::ui::load_fonts(fonts_folder_, all);
    built_for_ = 0;  // the theme again, for the new faces
  }
  const float size = scale_ * scene_->text_scale();
  const bool touch = scene_->touch();
  const shell::Appearance look = scene_->appearance();
  if (size == built_for_ && touch == built_touch_ && look == built_look_) return;
  built_for_ = size;
  built_touch_ = touch;
  built_look_ = look;
  shell::ui::set_appearance(look);
  shell::ui::apply_theme(size);
  if (touch) ImGui::GetStyle().ScaleAllSizes(1.25f);  // finger-sized hit targets
  input_ = true;  // everything is laid out anew
}

namespace {

double steady_ms() {
  return std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now().time_since_epoch()).count();
}

}  // namespace

bool Runner::turn_now(double min_gap_ms) {
  if (steady_ms() - rendered_at_ms_ < min_gap_ms) return false;
  return turn();
}

bool Runner::turn(const std::function<void()>& underlay, const std::function<void()>& overlay) {
  // Input still queued in ImGui (a click's down and up are spread over frames) needs frames too.
  const bool input = input_ || !ImGui::GetCurrentContext()->InputEventsQueue.empty();
  input_ = false;
  const int passes = scene_->passes_wanted(input);
  if (passes <= 0) return false;
  rebuild_fonts_if_needed();  // after the scene's turn: a kiosk reset or "Larger text" shows at once
  const double started = steady_ms();
  // Cheap: only the last pass is rendered. Up to two more while the layout is still moving (the
  // thread scrolling to its end as a new message is measured), so the frame shown has settled.
  for (int pass = 0; pass < passes || (pass < passes + 2 && scene_->workspace().settling()); ++pass) {
    ImGui_ImplOpenGL3_NewFrame();
    ImGui_ImplGlfw_NewFrame();
    ImGuiIO& io = ImGui::GetIO();
    if (io.DeltaTime <= 0) io.DeltaTime = 1e-4f;  // passes back to back: the clock may not have moved
    ImGui::NewFrame();
    if (underlay) underlay();
    scene_->draw();
    if (overlay) overlay();
    ImGui::Render();
  }
  scene_->workspace().publish();  // the pass shown, once
  last_frame_ms_ = steady_ms() - started;
  int w = 0, h = 0;
  glfwGetFramebufferSize(window_, &w, &h);
  glViewport(0, 0, w, h);
  const ImVec4 clear = ImGui::ColorConvertU32ToFloat4(shell::ui::palette().background);
  glClearColor(clear.x, clear.y, clear.z, 1.f);
  glClear(GL_COLOR_BUFFER_BIT);
  ImGui_ImplOpenGL3_RenderDrawData(ImGui::GetDrawData());
  rendered_at_ms_ = steady_ms();
  ++frames_;
  return true;
}

}  // namespace baton::runner
