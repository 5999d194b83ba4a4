#include "options.hpp"

#include <cstdio>
#include <cstdlib>

namespace baton::desktop {

const char* usage() {
  return "usage: baton-desktop [--server http://127.0.0.1:8000] [--email EMAIL --password PASSWORD]\n"
         "                     [--snapshot-file PATH] [--state-file PATH] [--assets DIR]\n"
         "                     [--scale FACTOR] [--size WIDTHxHEIGHT] [--debug] [--kiosk [--idle SECONDS]]\n"
         "                     [--lang CODE] [--theme light|dark|contrast]\n"
         "  --server         the Baton server (serve.py) to work with\n"
         "  --email/--password  log in at start instead of showing the login (scripted starts)\n"
         "  --snapshot-file  write the test hook's snapshot (JSON) there after every drawn frame and on SIGUSR1\n"
         "  --state-file     where the session and unsent drafts are kept\n"
         "                   (default $XDG_STATE_HOME/baton or ~/.local/state/baton, one file per server)\n"
         "  --assets         the fonts folder (default: assets next to the executable)\n"
         "  --scale          zoom: text and layout size on top of the monitor's content scale (HiDPI), 0.5 to 4\n"
         "  --size           the window's size in screen coordinates (default 1400x860)\n"
         "  --debug          open the debug panel at start (F12 toggles it)\n"
         "  --kiosk          the training kiosk: an in-process helpdesk with simulated colleagues and a tour\n"
         "  --lang           the workspace's language (en, ja), whatever the agent's choice or $LANG say\n"
         "  --theme          light, dark or contrast (high contrast): the theme unless the agent chose one in the\n"
         "                   workspace (Theme in the menu); default: dark if $GTK_THEME ends in :dark, else light\n"
         "  --idle           the kiosk starts over after this many seconds without input (default 120)\n";
}

shell::SystemLook system_look(const std::string& theme, const char* gtk_theme) {
  shell::SystemLook look;
  const std::string gtk = gtk_theme ? gtk_theme : "";
  look.dark = theme == "dark" || (theme.empty() && gtk.size() >= 5 && gtk.compare(gtk.size() - 5, 5, ":dark") == 0);
  look.more_contrast = theme == "contrast";
  return look;
}

std::optional<Options> parse_options(const std::vector<std::string>& args, std::string& error) {
  Options options;
  for (std::size_t i = 0; i < args.size(); ++i) {
    const std::string& arg = args[i];
    std::string value;
    auto takes_value = [&](const char* name) {
      if (arg == name) {
        if (i + 1 >= args.size()) {
          error = std::string(name) + " needs a value";
          return false;
        }
        value = args[++i];
        return true;
      }
      const std::string prefix = std::string(name) + "=";
      if (arg.rfind(prefix, 0) == 0) {
        value = arg.substr(prefix.size());
        return true;
      }
      return false;
    };
    if (arg == "--help" || arg == "-h") options.help = true;
    else if (arg == "--debug") options.debug_panel = true;
    else if (arg == "--kiosk") options.kiosk = true;
    else if (takes_value("--server")) options.server = value;
    else if (takes_value("--email")) options.email = value;
    else if (takes_value("--password")) options.password = value;
    else if (takes_value("--snapshot-file")) options.snapshot_file = value;
    else if (takes_value("--state-file")) options.state_file = value;
    else if (takes_value("--assets")) options.assets = value;
    else if (takes_value("--lang")) options.language = value;
    else if (takes_value("--theme")) {
      options.theme = value;
      if (value != "light" && value != "dark" && value != "contrast") {
        error = "--theme must be light, dark or contrast";
        return std::nullopt;
      }
    }
    else if (takes_value("--scale")) {
      char* end = nullptr;
      options.text_scale = std::strtof(value.c_str(), &end);
      if (end == value.c_str() || *end || options.text_scale < 0.5f || options.text_scale > 4.0f) {
        error = "--scale must be a number from 0.5 to 4";
        return std::nullopt;
      }
    } else if (takes_value("--idle")) {
      char* end = nullptr;
      const long seconds = std::strtol(value.c_str(), &end, 10);
      if (end == value.c_str() || *end || seconds < 5 || seconds > 86400) {
        error = "--idle must be a number of seconds from 5 to 86400";
        return std::nullopt;
      }
      options.kiosk_idle_ms = seconds * 1000LL;
    } else if (takes_value("--size")) {
      if (std::sscanf(value.c_str(), "%dx%d", &options.width, &options.height) != 2 || options.width < 320 ||
          options.height < 240) {
        error = "--size must look like 1400x860 (at least 320x240)";
        return std::nullopt;
      }
    } else {
      if (error.empty()) error = "unknown argument: " + arg;
      return std::nullopt;
    }
    if (!error.empty()) return std::nullopt;
  }
  if (options.email.empty() != options.password.empty()) {
    error = "--email and --password go together";
    return std::nullopt;
  }
  return options;
}

}  // namespace baton::desktop
