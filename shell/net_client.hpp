#pragma once
// The network as the workspace sees it: fetch-like requests and one live socket. The browser
// implements it with emscripten fetch and WebSocket; the kiosk with an in-process engine; tests with
// a scripted fake. Every callback runs on the UI thread, between frames.
#include <cstdint>
#include <functional>
#include <string>

namespace baton::shell {

struct HttpResponse {
  int status = 0;  // 0: no answer (server down, connection refused)
  std::string body;
};

using HttpCallback = std::function<void(HttpResponse)>;

// How a live socket ended: the close frame's code and reason (1006 and none when it went away or
// never opened: the browser tells nothing more), and the wait a refused upgrade's 429 asked for
// (Retry-After, ms) where the platform can see that answer (the desktop; a browser cannot).
struct SocketClose {
  int code = 1006;
  std::string reason;
  std::int64_t retry_after_ms = 0;
};

struct SocketHandlers {
  std::function<void()> opened;
  std::function<void(std::string text)> message;
  std::function<void(const SocketClose& close)> closed;  // also when it never opened
};

class NetClient {
 public:
  virtual ~NetClient() = default;
  // `path` starts with /api; `token` goes in the Authorization header when not empty.
  virtual void request(const std::string& method, const std::string& path, const std::string& body,
                       const std::string& token, HttpCallback done) = 0;
  // One live socket at a time: opening again replaces the previous one (its handlers go quiet).
  virtual void open_socket(const std::string& path, SocketHandlers handlers) = 0;
  virtual void send(const std::string& text) = 0;
  virtual void close_socket() = 0;
};

}  // namespace baton::shell
