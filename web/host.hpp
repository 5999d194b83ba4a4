#pragma once
// The page's host, for the bridges web/page.js calls: the runner, the platform, and the screen
// (the workspace, or the kiosk around it).
#include <memory>
#include <string>

#include "runner.hpp"
#include "web_platform.hpp"

namespace baton::web {

struct Host {
  WebPlatform platform;
  std::unique_ptr<runner::Runner> runner;
  std::unique_ptr<shell::Scene> screen;
  std::string clipboard;  // what the page last pasted or the workspace last copied
  double css_w = 0, css_h = 0;
};

Host& host();

}  // namespace baton::web
