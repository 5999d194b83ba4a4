// The agents' page (baton.wasm): the workspace against the server (fetch + WebSocket). The
// training kiosk is its own program, kiosk_main.cpp.
#include "local_storage.hpp"
#include "page_main.hpp"
#include "web_net_client.hpp"
#include "workspace.hpp"

int main() {
  using namespace baton;
  static web::LocalStorage storage;
  static web::WebNetClient net;
  net.delivered = web::news;
  return web::run_page([](web::Host& h) {
    auto workspace = std::make_unique<shell::Workspace>(h.platform, storage, net);
    workspace->start();
    return workspace;
  });
}
