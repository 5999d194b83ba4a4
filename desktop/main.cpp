// The desktop entry point: a GLFW window, the shared runner, the workspace against a server over
// Boost.Beast (or, with --kiosk, the training kiosk in process), and the F12 debug panel. The loop
// sleeps in glfwWaitEventsTimeout and draws only when the screen wants a frame; the network thread
// wakes it with glfwPostEmptyEvent.
#include <atomic>
#include <chrono>
#include <csignal>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <memory>
#include <unistd.h>

#define GLFW_INCLUDE_NONE
#include <GLFW/glfw3.h>

#include "beast_net_client.hpp"
#include "debug_panel.hpp"
#include "desktop_platform.hpp"
#include "gl_textures.hpp"
#include "imgui_faces.hpp"
#include "imgui.h"
#include "imgui_internal.h"
#include "kiosk_host.hpp"
#include "options.hpp"
#include "run_queue.hpp"
#include "runner.hpp"
#include "snapshot.hpp"
#include "state_file.hpp"
#include "test_hook.hpp"
#include "text_raster.hpp"
#include "window.hpp"
#include "workspace.hpp"

namespace {

using namespace baton;
using Clock = std::chrono::steady_clock;

std::atomic<bool> snapshot_requested{false};
void on_sigusr1(int) { snapshot_requested = true; }

}  // namespace

int main(int argc, char** argv) {
  const auto started = Clock::now();
  std::string error;
  const auto parsed = desktop::parse_options(std::vector<std::string>(argv + 1, argv + argc), error);
  desktop::ServerAddress server;
  if (!parsed || (!parsed->help && !desktop::ServerAddress::parse(parsed->server, server, error))) {
    std::fprintf(stderr, "baton-desktop: %s\n%s", error.c_str(), parsed ? "" : desktop::usage());
    return 2;
  }
  const desktop::Options options = *parsed;
  if (options.help) return std::fputs(desktop::usage(), stdout), 0;
  const std::filesystem::path assets = desktop::assets_folder(options);
  if (!std::filesystem::exists(assets / "DejaVuSans.ttf"))
    std::fprintf(stderr, "baton-desktop: no fonts in %s (ImGui's own font is used)\n", assets.c_str());
  GLFWwindow* window = desktop::open_window(options.width, options.height);
  if (!window) return 1;

  {  // everything that talks to ImGui or GLFW ends before they do
    runner::Runner runner(window, assets.string(), "#version 330", desktop::imgui_extra_fonts());
    // Keyboard only: Tab walks the controls with a visible cursor, Enter/Space press, Escape
    // backs out (the page has its DOM mirror for this; the window has ImGui's own navigation).
    ImGui::GetIO().ConfigFlags |= ImGuiConfigFlags_NavEnableKeyboard;
    // Text ImGui cannot lay out (right to left, shaped scripts, emoji sequences), drawn by
    // HarfBuzz, FriBidi and FreeType into textures of this window's GL context.
    desktop::text::FontSet text_fonts;
    desktop::GlTextures text_textures;
    desktop::DesktopTextRaster text_raster(text_fonts, text_textures);
    desktop::poke_on_events(window, runner);
    desktop::RunQueue queue;
    queue.set_wake([] { glfwPostEmptyEvent(); });  // thread-safe: the network thread wakes the loop
    desktop::StateFile state_file(options.state_file.empty() ? desktop::StateFile::default_path(server.host, server.port)
                                                             : std::filesystem::path(options.state_file));
    desktop::DesktopPlatform platform(window, assets.string(), options.language, &text_raster);
    platform.set_system_look(desktop::system_look(options.theme, std::getenv("GTK_THEME")));
    desktop::BeastNetClient net(server, queue);
    std::unique_ptr<shell::Scene> screen;
    if (options.kiosk) {
      screen = std::make_unique<kiosk::KioskHost>(platform, options.kiosk_idle_ms);
    } else {
      auto workspace = std::make_unique<shell::Workspace>(platform, state_file, net);
      if (!options.email.empty()) workspace->app().handle({shell::intent::LogIn{options.email, options.password}});
      else workspace->start();  // a scripted start logs in now, whatever session was saved
      screen = std::move(workspace);
    }
    runner.show(*screen);
    desktop::DebugPanel panel(net);
    if (options.debug_panel) panel.toggle();
    net.tap = [&](bool incoming, const std::string& text) { panel.log().add(text, incoming, platform.now_ms()); };
    std::signal(SIGUSR1, on_sigusr1);
    platform.set_title(options.kiosk ? "Baton training kiosk" : "Baton - log in");

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
      if (queue.drain() > 0 || !ImGui::GetCurrentContext()->InputEventsQueue.empty()) last_activity = Clock::now();
      runner.set_scale(desktop::content_scale(window) * options.text_scale);
      const bool drew = runner.turn(
          [&] {
            if (ImGui::IsKeyPressed(ImGuiKey_F12, false)) panel.toggle();
            panel.reserve_space();
          },
          [&] { panel.draw(screen->workspace().app().state(), platform.now_ms()); });
      if (drew) {
        glfwSwapBuffers(window);
        shell::hook::set_drawn_at(platform.now_ms());
        if (first_frame_ms < 0) {
          first_frame_ms = std::chrono::duration<double, std::milli>(Clock::now() - started).count();
          std::fprintf(stderr, "baton-desktop: first frame after %.0f ms\n", first_frame_ms);
        }
      }
      if (!options.snapshot_file.empty() && (drew || snapshot_requested.exchange(false)))
        desktop::write_snapshot(options.snapshot_file, shell::hook::snapshot_json(1.0f),
                                {{"pid", getpid()},
                                 {"title", platform.title()},
                                 {"scale", runner.scale()},
                                 {"frames_drawn", runner.frames()},
                                 {"first_frame_ms", first_frame_ms},
                                 {"state_file", state_file.path().string()},
                                 {"debug", panel.json(screen->workspace().app().state(), platform.now_ms())},
                                 {"keyboard", desktop::keyboard_part(screen->workspace().app().state())}});
    }
  }
  glfwDestroyWindow(window);
  glfwTerminate();
  return 0;
}
