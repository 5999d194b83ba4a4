// The desktop entry point: a GLFW window with OpenGL 3.3, Dear ImGui with its GLFW and OpenGL3
// backends, the workspace from shell/, a Boost.Beast network thread, and the F12 debug panel.
// The loop sleeps in glfwWaitEventsTimeout and draws only when the workspace wants a frame (input,
// network news, a label that ticks); the network thread wakes it with glfwPostEmptyEvent.
#include <atomic>
#include <chrono>
#include <csignal>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <unistd.h>

#define GLFW_INCLUDE_NONE
#include <GLFW/glfw3.h>

#include "backends/imgui_impl_glfw.h"
#include "backends/imgui_impl_opengl3.h"
#include "beast_net_client.hpp"
#include "debug_panel.hpp"
#include "desktop_platform.hpp"
#include "imgui.h"
#include "imgui_internal.h"
#include "options.hpp"
#include "run_queue.hpp"
#include "state_file.hpp"
#include "test_hook.hpp"
#include "views/ui.hpp"
#include "workspace.hpp"

#if defined(__has_include) && __has_include(<GL/gl.h>)
#include <GL/gl.h>
#endif

namespace {

using namespace baton;
using Clock = std::chrono::steady_clock;

std::atomic<bool> snapshot_requested{false};
bool input_seen = true;  // set by the window callbacks below; the ImGui backend queues the events

void on_sigusr1(int) { snapshot_requested = true; }

std::filesystem::path executable_folder() {
  std::error_code ec;
  const auto self = std::filesystem::read_symlink("/proc/self/exe", ec);
  return ec ? std::filesystem::current_path() : self.parent_path();
}

// The snapshot for tests: the test hook's JSON plus what only the desktop knows.
void write_snapshot(const std::string& path, const std::string& hook_json, nlohmann::json desktop) {
  nlohmann::json snapshot = nlohmann::json::parse(hook_json, nullptr, false);
  if (!snapshot.is_object()) return;
  snapshot["desktop"] = std::move(desktop);
  const std::string temporary = path + ".tmp";
  {
    std::ofstream out(temporary, std::ios::trunc);
    out << snapshot.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace);
    if (!out) return;
  }
  std::rename(temporary.c_str(), path.c_str());  // readers see the old snapshot or the new one
}

class Runner {
 public:
  Runner(GLFWwindow* window, const desktop::Options& options, std::filesystem::path assets)
      : window_(window), options_(options), assets_(std::move(assets)) {}

  void rebuild_fonts_if_needed() {
    float x = 1, y = 1;
    glfwGetWindowContentScale(window_, &x, &y);
    const float scale = std::max(x, y) * options_.text_scale;
    if (scale == font_scale_) return;
    font_scale_ = scale;
    shell::ui::load_fonts(assets_.string(), scale);
    shell::ui::apply_theme(scale);
    ImGui_ImplOpenGL3_DestroyFontsTexture();
    ImGui_ImplOpenGL3_CreateFontsTexture();
  }
  float scale() const { return font_scale_; }

 private:
  GLFWwindow* window_;
  const desktop::Options& options_;
  std::filesystem::path assets_;
  float font_scale_ = 0;
};

}  // namespace

int main(int argc, char** argv) {
  const auto started = Clock::now();
  std::string error;
  const auto parsed = desktop::parse_options(std::vector<std::string>(argv + 1, argv + argc), error);
  if (!parsed) {
    std::fprintf(stderr, "baton-desktop: %s\n%s", error.c_str(), desktop::usage());
    return 2;
  }
  const desktop::Options options = *parsed;
  if (options.help) {
    std::fputs(desktop::usage(), stdout);
    return 0;
  }
  desktop::ServerAddress server;
  if (!desktop::ServerAddress::parse(options.server, server, error)) {
    std::fprintf(stderr, "baton-desktop: %s\n", error.c_str());
    return 2;
  }
  const std::filesystem::path assets = options.assets.empty() ? executable_folder() / "assets" : std::filesystem::path(options.assets);
  if (!std::filesystem::exists(assets / "DejaVuSans.ttf"))
    std::fprintf(stderr, "baton-desktop: no fonts in %s (ImGui's own font is used)\n", assets.c_str());

  glfwSetErrorCallback([](int code, const char* text) { std::fprintf(stderr, "baton-desktop: GLFW %d: %s\n", code, text); });
  if (!glfwInit()) {
    std::fprintf(stderr, "baton-desktop: no display (is DISPLAY set?)\n");
    return 1;
  }
  glfwWindowHint(GLFW_CONTEXT_VERSION_MAJOR, 3);
  glfwWindowHint(GLFW_CONTEXT_VERSION_MINOR, 3);
  glfwWindowHint(GLFW_OPENGL_PROFILE, GLFW_OPENGL_CORE_PROFILE);
  glfwWindowHint(GLFW_OPENGL_FORWARD_COMPAT, GLFW_TRUE);
  glfwWindowHint(GLFW_SCALE_TO_MONITOR, GLFW_TRUE);  // a HiDPI monitor gets a proportionally larger window
  GLFWwindow* window = glfwCreateWindow(options.width, options.height, "Baton", nullptr, nullptr);
  if (!window) {
    std::fprintf(stderr, "baton-desktop: could not open an OpenGL 3.3 window\n");
    glfwTerminate();
    return 1;
  }
  glfwMakeContextCurrent(window);
  glfwSwapInterval(1);

  IMGUI_CHECKVERSION();
  ImGui::CreateContext();
  ImGui::GetIO().IniFilename = nullptr;  // the layout is the workspace's
  // A steady text cursor: frames are drawn only when something happens, so a blinking one would
  // freeze at random in its "off" phase between the once-a-second frames.
  ImGui::GetIO().ConfigInputTextCursorBlink = false;
  // Callbacks before the backend's, which chains to them: they only note that something happened.
  glfwSetFramebufferSizeCallback(window, [](GLFWwindow*, int, int) { input_seen = true; });
  glfwSetWindowRefreshCallback(window, [](GLFWwindow*) { input_seen = true; });  // exposed: draw again
  glfwSetWindowFocusCallback(window, [](GLFWwindow*, int) { input_seen = true; });
  ImGui_ImplGlfw_InitForOpenGL(window, true);
  ImGui_ImplOpenGL3_Init("#version 330");
  Runner runner(window, options, assets);
  runner.rebuild_fonts_if_needed();
  glfwSetWindowContentScaleCallback(window, [](GLFWwindow*, float, float) { input_seen = true; });

  {  // everything that talks to ImGui or GLFW ends before they do
    desktop::RunQueue queue;
    queue.set_wake([] { glfwPostEmptyEvent(); });  // thread-safe: the network thread wakes the loop
    desktop::StateFile state_file(options.state_file.empty() ? desktop::StateFile::default_path(server.host, server.port)
                                                             : std::filesystem::path(options.state_file));
    desktop::DesktopPlatform platform(window, state_file);
    desktop::BeastNetClient net(server, queue);
    shell::Workspace workspace(platform, net);
    desktop::DebugPanel panel(net);
    if (options.debug_panel) panel.toggle();
    net.tap = [&](bool incoming, const std::string& text) { panel.log().add(text, incoming, platform.now_ms()); };
    std::signal(SIGUSR1, on_sigusr1);

    if (!options.email.empty()) {  // a scripted start: log in now, whatever session was saved
      shell::AppState& state = workspace.app().state();
      state.login.email = options.email;
      state.login.password = options.password;
      workspace.app().handle({shell::intent::LogIn{}});
    } else {
      workspace.start();
    }
    platform.set_title("Baton - log in");

    double first_frame_ms = -1;
    auto last_activity = Clock::now();
    while (!glfwWindowShouldClose(window)) {
      // Sleep until an event, the network's wake-up, or the next timer check: briefly after recent
      // activity (a draft's last keystroke goes out within 50 ms), longer when nothing happens.
      const auto now = Clock::now();
      double timeout = now - last_activity < std::chrono::seconds(2) ? 0.05 : 0.25;
      if (const auto due = queue.next_due())
        timeout = std::clamp(std::chrono::duration<double>(*due - now).count(), 0.0, timeout);
      glfwWaitEventsTimeout(timeout);

      if (queue.drain() > 0) last_activity = Clock::now();
      const bool input = input_seen || !ImGui::GetCurrentContext()->InputEventsQueue.empty();
      input_seen = false;
      if (input) {
        last_activity = Clock::now();
        runner.rebuild_fonts_if_needed();
      }
      const bool draw = workspace.wants_frame(input);
      if (draw) {
        ImGui_ImplOpenGL3_NewFrame();
        ImGui_ImplGlfw_NewFrame();
        ImGui::NewFrame();
        if (ImGui::IsKeyPressed(ImGuiKey_F12, false)) panel.toggle();
        panel.reserve_space();
        workspace.draw();
        panel.draw(workspace.app().state(), platform.now_ms());
        ImGui::Render();
        int w = 0, h = 0;
        glfwGetFramebufferSize(window, &w, &h);
        glViewport(0, 0, w, h);
        glClearColor(246 / 255.f, 248 / 255.f, 250 / 255.f, 1.f);
        glClear(GL_COLOR_BUFFER_BIT);
        ImGui_ImplOpenGL3_RenderDrawData(ImGui::GetDrawData());
        glfwSwapBuffers(window);
        if (first_frame_ms < 0) {
          first_frame_ms = std::chrono::duration<double, std::milli>(Clock::now() - started).count();
          std::fprintf(stderr, "baton-desktop: first frame after %.0f ms\n", first_frame_ms);
        }
      }
      if (!options.snapshot_file.empty() && (draw || snapshot_requested.exchange(false))) {
        const shell::AppState& state = workspace.app().state();
        write_snapshot(options.snapshot_file, shell::hook::snapshot_json(1.0f),
                       {{"pid", getpid()},
                        {"title", platform.title()},
                        {"scale", runner.scale()},
                        {"frames_drawn", workspace.frames_drawn()},
                        {"first_frame_ms", first_frame_ms},
                        {"state_file", state_file.path().string()},
                        {"debug", panel.json(state, platform.now_ms())}});
      }
    }
  }

  ImGui_ImplOpenGL3_Shutdown();
  ImGui_ImplGlfw_Shutdown();
  ImGui::DestroyContext();
  glfwDestroyWindow(window);
  glfwTerminate();
  return 0;
}
