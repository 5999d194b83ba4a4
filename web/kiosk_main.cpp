// The training kiosk's page (baton-kiosk.wasm: the served page's ?kiosk, and the static
// build/wasm/kiosk): the workspace against the kiosk's in-process helpdesk, no server.
#include <algorithm>
#include <cstdlib>
#include <cstring>

#include "kiosk_host.hpp"
#include "page_main.hpp"

int main(int argc, char** argv) {
  using namespace baton;
  Time idle_ms = 120'000;  // the kiosk starts over after this long without a touch
  for (int i = 1; i < argc; ++i)
    if (std::strcmp(argv[i], "--idle") == 0 && i + 1 < argc) idle_ms = std::max(5, std::atoi(argv[++i])) * 1000LL;
  return web::run_page([idle_ms](web::Host& h) { return std::make_unique<kiosk::KioskHost>(h.platform, idle_ms); });
}
