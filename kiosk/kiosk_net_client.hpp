#pragma once
// The kiosk's NetClient: the workspace's requests and live socket answered by the in-process
// Engine in the API's own types (core/include/baton/api: the same routes, bodies and messages as
// serve.py, one codec), so the same App runs unchanged and nothing reaches a server. Answers and
// pushes are delivered on pump(), between frames, as a network would.
#include <deque>
#include <functional>
#include <string>

#include "baton/api/exchange.hpp"
#include "baton/api/live.hpp"
#include "engine.hpp"
#include "net_client.hpp"

namespace baton::kiosk {

class KioskNetClient : public shell::NetClient {
 public:
  KioskNetClient(Engine& engine, AgentId trainee);

  void request(const std::string& method, const std::string& path, const std::string& body, const std::string& token,
               shell::HttpCallback done) override;
  void open_socket(const std::string& path, shell::SocketHandlers handlers) override;
  void send(const std::string& text) override;
  void close_socket() override;

  // Delivers what is waiting; returns whether anything was delivered.
  bool pump(Time now);
  std::size_t requests_answered() const { return answered_; }

 private:
  shell::HttpResponse answer(const api::Route& route, const std::string& body);
  api::ListPage list(const api::ListQuery& query) const;
  api::ListEntry entry(const Ticket& ticket) const;
  void receive(const api::live::ClientMessage& message);
  void push(api::live::ServerMessage message);
  void push_event(const Event& event);

  Engine& engine_;
  AgentId trainee_;
  Time now_ = 0;
  std::deque<std::function<void()>> inbox_;
  shell::SocketHandlers socket_;
  bool socket_open_ = false;
  bool subscribed_ = false;  // after hello
  Seq sent_ = 0;             // the last seq pushed (the next event's prev)
  TicketId viewing_ = 0;
  std::size_t answered_ = 0;
  api::Preferences preferences_;  // the trainee's, for this session only
};

}  // namespace baton::kiosk
