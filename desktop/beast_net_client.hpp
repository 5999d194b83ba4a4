#pragma once
// The desktop's NetClient: HTTP and one WebSocket with Boost.Beast, on a worker thread running its
// own io_context. Results travel to the UI thread through the RunQueue, so the App's callbacks run
// only there, between frames. It also serves the debug panel: every live message in and out, the
// socket's state, requests in flight, and switches that drop the socket or slow it down.
#include <atomic>
#include <cstdint>
#include <functional>
#include <map>
#include <memory>
#include <string>
#include <thread>

#include "baton/ids.hpp"
#include "net_client.hpp"
#include "run_queue.hpp"

namespace baton::desktop {

// "http://127.0.0.1:8000" -> host 127.0.0.1, port 8000. Only plain http (the server is local).
struct ServerAddress {
  std::string host;
  std::string port = "80";
  static bool parse(const std::string& url, ServerAddress& out, std::string& error);
  std::string host_header() const { return port == "80" ? host : host + ":" + port; }
};

enum class SocketPhase { closed, connecting, open };
const char* phase_name(SocketPhase phase);

// What the debug panel shows about the network. UI thread only.
struct NetStats {
  SocketPhase phase = SocketPhase::closed;
  Time phase_since = 0;
  int last_close_code = 0;
  std::uint64_t sockets_opened = 0;
  std::uint64_t messages_in = 0, messages_out = 0, bytes_in = 0, bytes_out = 0;
  std::uint64_t requests_done = 0;
  struct InFlight {
    std::string method, path;
    Time started = 0;
  };
  std::map<std::uint64_t, InFlight> in_flight;  // requests sent and not answered yet
};

class BeastNetClient : public shell::NetClient {
 public:
  BeastNetClient(ServerAddress server, RunQueue& ui);
  ~BeastNetClient() override;
  BeastNetClient(const BeastNetClient&) = delete;
  BeastNetClient& operator=(const BeastNetClient&) = delete;

  void request(const std::string& method, const std::string& path, const std::string& body,
               const std::string& token, shell::HttpCallback done) override;
  void open_socket(const std::string& path, shell::SocketHandlers handlers) override;
  void send(const std::string& text) override;
  void close_socket() override;

  // ---- the debug panel's switches (UI thread) ----
  // Cuts the live socket as a network failure would (close code 1006): the App reconnects and resumes.
  void drop_socket();
  // Drops the socket and refuses to connect for `ms`: events pile up, then the resume catches up.
  void go_offline(Time ms);
  Time offline_until() const { return offline_until_; }
  // Every answer and live message reaches the App `ms` later (order kept).
  void set_delay(int ms) { delay_ms_ = ms; }
  int delay() const { return delay_ms_; }
  // Sees every live message: incoming when the App gets it, outgoing when the App sends it.
  std::function<void(bool incoming, const std::string& text)> tap;
  const NetStats& stats() const { return stats_; }
  // The last ping -> pong on the network thread itself, in microseconds (-1: none yet): the socket's
  // own round trip, without the UI loop's turn that the App's measurement includes.
  std::int64_t socket_rtt_us() const { return socket_rtt_us_.load(); }

 private:
  struct Impl;  // the io_context side (Boost headers stay out of this header)
  void set_phase(SocketPhase phase);
  RunQueue::Clock::time_point due() const;

  ServerAddress server_;
  RunQueue& ui_;
  std::unique_ptr<Impl> impl_;
  // UI thread
  shell::SocketHandlers handlers_;
  std::uint32_t generation_ = 0;  // of the current socket; reports from older ones are ignored
  bool open_ = false;
  bool have_socket_ = false;
  std::uint64_t next_request_ = 0;
  Time offline_until_ = 0;
  NetStats stats_;
  std::atomic<int> delay_ms_{0};
  std::atomic<std::int64_t> socket_rtt_us_{-1};
};

}  // namespace baton::desktop
