#pragma once
// The network in the browser: emscripten fetch for requests, emscripten's WebSocket for the live
// stream. Emscripten 3.1.6 must never close an in-flight fetch (it writes into freed memory), so a
// request's context lives until its callback, and a replaced socket's callbacks are ignored by
// generation instead of being torn down mid-flight.
#include <cstdint>
#include <functional>

#include "net_client.hpp"

namespace baton::web {

class WebNetClient : public shell::NetClient {
 public:
  void request(const std::string& method, const std::string& path, const std::string& body, const std::string& token,
               shell::HttpCallback done) override;
  void open_socket(const std::string& path, shell::SocketHandlers handlers) override;
  void send(const std::string& text) override;
  void close_socket() override;

  // Runs after every answer and live message has been handed over (the host draws the news now).
  std::function<void()> delivered;

  // Called from emscripten's socket callbacks.
  void socket_opened(std::uint32_t generation);
  void socket_message(std::uint32_t generation, std::string text);
  void socket_closed(std::uint32_t generation, const shell::SocketClose& close);

 private:
  int socket_ = 0;
  bool open_ = false;
  std::uint32_t generation_ = 0;
  shell::SocketHandlers handlers_;
};

}  // namespace baton::web
