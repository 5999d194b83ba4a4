#pragma once
// What both of the page's programs do in main(): a GLFW window on the page's canvas, the shared
// runner, the screen `make` gives (the workspace in baton.wasm, the training kiosk in
// baton-kiosk.wasm), and requestAnimationFrame driving the runner. Two programs so the agents'
// page does not carry the kiosk's in-process helpdesk, its story and its simulated colleagues.
#include <functional>
#include <memory>

#include "host.hpp"

namespace baton::web {

int run_page(const std::function<std::unique_ptr<shell::Scene>(Host&)>& make);

// An answer or a live message was just applied: draw it now (the workspace's NetClient calls it).
void news();

}  // namespace baton::web
