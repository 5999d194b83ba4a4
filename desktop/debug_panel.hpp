#pragma once
// The developer panel (F12), docked at the window's right: the live stream with raw JSON, the
// replica's state, the socket's state and round-trip time, the core's decide() answer for every
// action on the open ticket, switches that drop or slow the socket, and ImGui's metrics window.
// It only reads the App's state; its switches act on the network client, never on the App.
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "app_state.hpp"
#include "beast_net_client.hpp"
#include "live_log.hpp"

namespace baton::desktop {

// One action on the open ticket as the core rules on it now, for the signed-in agent.
struct ActionVerdict {
  std::string action;                // "Lock"
  bool allowed = false;
  std::string code;                  // the rejection's code ("locked"), empty when allowed
  std::string message;               // the rejection's words ("Locked by Marcus Lindqvist")
  std::vector<std::string> events;   // what it would record when allowed ("locked")
  std::string line() const;          // "Lock: rejected (locked) Locked by Marcus Lindqvist"
};
std::vector<ActionVerdict> decide_open_ticket(const shell::AppState& state, Time now);

// The replica in numbers: tickets held, last seq, held-back events, tickets to fetch, view sizes.
nlohmann::json replica_json(const shell::AppState& state);

class DebugPanel {
 public:
  explicit DebugPanel(BeastNetClient& net) : net_(net) {}

  bool open() const { return open_; }
  void toggle() { open_ = !open_; }
  LiveLog& log() { return log_; }

  // Before the workspace draws (after NewFrame): the workspace's area leaves room for the panel.
  void reserve_space();
  void draw(const shell::AppState& state, Time now);
  // What the panel shows, for the snapshot file (tests) — and its buttons, where they are.
  nlohmann::json json(const shell::AppState& state, Time now) const;

 private:
  void draw_socket(const shell::AppState& state, Time now);
  void draw_decide(const shell::AppState& state, Time now);
  void draw_replica(const shell::AppState& state);
  void draw_stream(const shell::AppState& state);
  bool button(const char* label, const char* name);
  void place_last(const char* name);  // where the last item is, for the snapshot

  BeastNetClient& net_;
  LiveLog log_;
  bool open_ = false;
  bool metrics_ = false;
  bool hide_chatter_ = false;  // pings, pongs and digests
  bool follow_ = true;         // keep the newest message in view
  int delay_ms_ = 0;
  char filter_[64] = "";
  float width_ = 0;
  struct Placed {
    std::string name;
    float x = 0, y = 0, w = 0, h = 0;
  };
  std::vector<Placed> buttons_;  // buttons and tabs of the last drawn frame
};

}  // namespace baton::desktop
