#pragma once
// baton-desktop's command line.
#include <optional>
#include <string>
#include <vector>

#include "appearance.hpp"

namespace baton::desktop {

struct Options {
  std::string server = "http://127.0.0.1:8000";
  std::string email, password;  // both given: log in at start (scripted starts), skipping a saved session
  std::string snapshot_file;    // the test hook's snapshot, rewritten after every drawn frame and on SIGUSR1
  std::string state_file;       // empty: $XDG_STATE_HOME/baton/desktop-HOST-PORT.json
  std::string assets;           // the fonts folder; empty: "assets" next to the executable
  float text_scale = 1.0f;      // on top of the monitor's content scale
  int width = 1400, height = 860;
  bool debug_panel = false;     // open the F12 panel at start
  bool kiosk = false;           // the training kiosk (in process, no server) instead of the workspace
  std::string language;         // --lang ja: the workspace's language, whatever the agent or the system says
  std::string theme;            // --theme dark: what this desktop prefers (the agent's choice in the workspace comes first)
  long long kiosk_idle_ms = 120'000;  // the kiosk starts over after this long without input
  bool help = false;
};

// Reads argv (without argv[0]). On a mistake, `error` says what and the result is empty.
std::optional<Options> parse_options(const std::vector<std::string>& args, std::string& error);
const char* usage();
// What this desktop prefers for the workspace's looks: --theme, else GTK's theme ("Adwaita:dark").
shell::SystemLook system_look(const std::string& theme, const char* gtk_theme);

}  // namespace baton::desktop
