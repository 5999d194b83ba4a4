// UI CPU per frame (NewFrame -> Render) of the real workspace views, headless and native, with the
// replica holding N tickets: the list scrolls through all of them while a ticket is open.
//   ./build/release/bench/shell/baton_frame_bench [--frames F] [N ...]   (default: 300 frames; 10000 100000)
#include <algorithm>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <string>
#include <vector>

#include "baton/protocol.hpp"
#include "fakes.hpp"
#include "samples.hpp"

using namespace baton;
using namespace baton::shell;
using namespace baton::shell::testing;

namespace {

double measure(int count, int frames) {
  FakeNet net;
  FakePlatform platform;
  Headless ui;
  Workspace ws(platform, platform.store, net);
  ws.start();
  ws.app().handle({intent::LogIn{"marcus@baton.test", "x"}});
  net.answer("POST", "/api/login", 200,
             {{"token", "t"}, {"agent", {{"id", 2}, {"name", "Marcus Lindqvist"}, {"email", "m@b.test"},
                                         {"role", "agent"}, {"departments", {"support"}}}}});
  net.socket.opened();
  net.push({{"type", "live"}, {"seq", 1}});
  // The whole list as one page from the server (no next page): the replica holds every ticket.
  std::vector<Ticket> tickets;
  for (int i = 1; i <= count; ++i) {
    Ticket t;
    t.id = i;
    t.ref = "TCKT-" + std::to_string(1000 + i % 9000) + "-ABCD";
    t.subject = "Printer " + std::to_string(i) + " jams on page two";
    t.requester = {"Customer " + std::to_string(i), "c@example.com"};
    t.department = "support";
    t.urgency = 1 + i % 10;
    t.version = 1;
    t.updated_at = platform.now - i * 1000;
    if (i % 7 == 0) t.lock = Lock{1, t.updated_at, t.updated_at, std::nullopt};
    tickets.push_back(std::move(t));
  }
  net.answer("GET", "/api/tickets?view=all", 200, list_page(tickets));
  ws.app().handle({intent::Open{1}});
  Ticket open = tickets.front();  // the open ticket with a thread, as its fetch brings it
  for (int m = 1; m <= 6; ++m)
    open.messages.push_back(Message{m, m % 2 ? MessageKind::customer : MessageKind::reply,
                                    m % 2 ? std::nullopt : std::optional<AgentId>(2),
                                    "Message " + std::to_string(m) + ": the printer jams on page two again.", open.updated_at});
  open.message_count = 6;
  open.version = 2;
  net.answer("GET", "/api/tickets/1", 200, {{"ticket", protocol::to_json(open)}});
  ImGuiIO& io = ImGui::GetIO();
  io.AddMousePosEvent(200, 400);
  std::vector<double> ms;
  for (int frame = 0; frame < frames; ++frame) {
    io.AddMouseWheelEvent(0, frame % 100 == 99 ? 10000.0f : -8.0f);  // scroll down, jump back now and then
    ws.passes_wanted(true);
    const auto started = std::chrono::steady_clock::now();
    Headless::pass(ws);
    ws.publish();
    ms.push_back(std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - started).count());
  }
  std::size_t rows = 0;
  for (const auto& w : hook::widgets()) rows += w.name.rfind("row", 0) == 0;
  std::sort(ms.begin(), ms.end());
  std::printf("  (%zu list rows on screen, %zu texts)\n", rows, hook::texts().size());
  std::printf("%7d tickets: UI CPU per frame p50 %.3f ms, p99 %.3f ms (%zu frames)\n", count, ms[ms.size() / 2],
              ms[ms.size() * 99 / 100], ms.size());
  return ms[ms.size() / 2];
}

}  // namespace

int main(int argc, char** argv) {
  std::vector<int> sizes;
  int frames = 300;
  for (int i = 1; i < argc; ++i) {
    if (std::string(argv[i]) == "--frames" && i + 1 < argc) frames = std::atoi(argv[++i]);
    else sizes.push_back(std::atoi(argv[i]));
  }
  if (sizes.empty()) sizes = {10000, 100000};
  std::vector<double> p50;
  for (int n : sizes) p50.push_back(measure(n, frames));
  if (p50.size() >= 2) std::printf("ratio %d / %d tickets: %.2fx\n", sizes.back(), sizes.front(), p50.back() / p50.front());
  return 0;
}
