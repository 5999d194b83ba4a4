#pragma once
// The network as the workspace sees it: fetch-like requests and one live socket. The browser
// implements it with emscripten fetch and WebSocket; the kiosk with an in-process engine; tests with
// a scripted fake. Every callback runs on the UI thread, between frames.
#include <functional>
#include <string>

namespace baton::shell {

struct HttpResponse {
  int status = 0;  // 0: no answer (server down, connection refused)
  std::string body;
};

using HttpCallback = std::function<void(HttpResponse)>;

struct SocketHandlers {
  std::function<void()> opened;
  std::function<void(std::string text)> message;
  std::function<void(int code)> closed;  // also when it never opened
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
