#include "beast_net_client.hpp"

#include <utility>  // before Asio's awaitable.hpp, which uses std::exchange without including it

#include <boost/asio/co_spawn.hpp>
#include <boost/asio/detached.hpp>
#include <boost/asio/executor_work_guard.hpp>
#include <boost/asio/io_context.hpp>
#include <boost/asio/ip/tcp.hpp>
#include <boost/asio/use_awaitable.hpp>
#include <boost/beast/core.hpp>
#include <boost/beast/http.hpp>
#include <boost/beast/websocket.hpp>
#include <algorithm>
#include <chrono>
#include <cstdlib>
#include <deque>

namespace baton::desktop {
namespace {

namespace asio = boost::asio;
namespace beast = boost::beast;
namespace http = beast::http;
namespace websocket = beast::websocket;
using asio::use_awaitable;
using tcp = asio::ip::tcp;

Time wall_ms() {
  return std::chrono::duration_cast<std::chrono::milliseconds>(std::chrono::system_clock::now().time_since_epoch()).count();
}

constexpr auto kConnectTimeout = std::chrono::seconds(10);
constexpr auto kRequestTimeout = std::chrono::seconds(30);
constexpr int kAbnormalClose = 1006;  // the socket went away without a close frame

}  // namespace

bool ServerAddress::parse(const std::string& url, ServerAddress& out, std::string& error) {
  const std::string scheme = "http://";
  if (url.rfind(scheme, 0) != 0) {
    error = "the server must be an http:// address (for example http://127.0.0.1:8000)";
    return false;
  }
  std::string rest = url.substr(scheme.size());
  rest = rest.substr(0, rest.find('/'));
  if (rest.empty()) {
    error = "the server address has no host";
    return false;
  }
  ServerAddress address;
  const auto colon = rest.rfind(':');
  if (colon != std::string::npos && rest.find(']') == std::string::npos) {
    address.host = rest.substr(0, colon);
    address.port = rest.substr(colon + 1);
    if (address.port.empty() || address.port.find_first_not_of("0123456789") != std::string::npos) {
      error = "the server's port is not a number";
      return false;
    }
  } else {
    address.host = rest;
  }
  out = address;
  return true;
}

const char* phase_name(SocketPhase phase) {
  switch (phase) {
    case SocketPhase::connecting: return "connecting";
    case SocketPhase::open: return "open";
    default: return "closed";
  }
}

// Everything here runs on the network thread, except the constructor and destructor.
struct BeastNetClient::Impl {
  struct Socket {
    explicit Socket(asio::io_context& io, std::uint32_t generation) : ws(io), generation(generation) {}
    websocket::stream<beast::tcp_stream> ws;
    std::uint32_t generation;
    std::deque<std::string> outbox;
    bool writing = false;
    bool open = false;
    bool cancelled = false;  // closed by the workspace while still connecting
    std::chrono::steady_clock::time_point ping_written;  // for the socket's own round trip
  };

  static bool is_type(const std::string& text, const char* type) {  // cheap: {"type":"ping"} as the App writes it
    return text.find(std::string("\"type\":\"") + type + "\"") != std::string::npos && text.size() < 40;
  }

  asio::io_context io;
  asio::executor_work_guard<asio::io_context::executor_type> work = asio::make_work_guard(io);
  std::shared_ptr<Socket> socket;  // the current one
  std::thread thread;

  asio::awaitable<shell::HttpResponse> fetch(ServerAddress server, http::verb verb, std::string path, std::string body,
                                             std::string token) {
    shell::HttpResponse response;
    try {
      tcp::resolver resolver(io);
      beast::tcp_stream stream(io);
      const auto endpoints = co_await resolver.async_resolve(server.host, server.port, use_awaitable);
      stream.expires_after(kConnectTimeout);
      co_await stream.async_connect(endpoints, use_awaitable);
      stream.socket().set_option(tcp::no_delay(true));
      http::request<http::string_body> request{verb, path, 11};
      request.set(http::field::host, server.host_header());
      request.set(http::field::user_agent, "baton-desktop");
      request.set(http::field::accept, "application/json");
      if (!token.empty()) request.set(http::field::authorization, "Bearer " + token);
      if (!body.empty() || verb == http::verb::post || verb == http::verb::put) {
        request.set(http::field::content_type, "application/json");
        request.body() = std::move(body);
      }
      request.prepare_payload();
      stream.expires_after(kRequestTimeout);
      co_await http::async_write(stream, request, use_awaitable);
      beast::flat_buffer buffer;
      http::response<http::string_body> answer;
      co_await http::async_read(stream, buffer, answer, use_awaitable);
      response.status = static_cast<int>(answer.result_int());
      response.body = std::move(answer.body());
      beast::error_code ignored;
      stream.socket().shutdown(tcp::socket::shutdown_both, ignored);
    } catch (const std::exception&) {
      response = {};  // status 0: no answer
    }
    co_return response;
  }

  // One writer per socket (Beast allows one write at a time): whoever sets `writing` spawns it.
  void start_flush(const std::shared_ptr<Socket>& s) {
    if (!s->open || s->writing || s->outbox.empty()) return;
    s->writing = true;
    asio::co_spawn(io, flush(s), asio::detached);
  }

  asio::awaitable<void> flush(std::shared_ptr<Socket> s) {
    try {
      while (!s->outbox.empty() && s->open) {
        s->ws.text(true);
        if (is_type(s->outbox.front(), "ping")) s->ping_written = std::chrono::steady_clock::now();
        co_await s->ws.async_write(asio::buffer(s->outbox.front()), use_awaitable);
        s->outbox.pop_front();
      }
    } catch (const std::exception&) {
      s->outbox.clear();  // the read loop reports the close
    }
    s->writing = false;
  }
};

BeastNetClient::BeastNetClient(ServerAddress server, RunQueue& ui)
    : server_(std::move(server)), ui_(ui), impl_(std::make_unique<Impl>()) {
  impl_->thread = std::thread([impl = impl_.get()] { impl->io.run(); });
}

BeastNetClient::~BeastNetClient() {
  impl_->work.reset();
  impl_->io.stop();
  impl_->thread.join();
}

RunQueue::Clock::time_point BeastNetClient::due() const {
  const int delay = delay_ms_.load();
  return delay > 0 ? RunQueue::Clock::now() + std::chrono::milliseconds(delay) : RunQueue::Clock::time_point{};
}

void BeastNetClient::set_phase(SocketPhase phase) {
  stats_.phase = phase;
  stats_.phase_since = wall_ms();
}

void BeastNetClient::request(const std::string& method, const std::string& path, const std::string& body,
                             const std::string& token, shell::HttpCallback done) {
  const std::uint64_t id = ++next_request_;
  stats_.in_flight[id] = {method, path, wall_ms()};
  const http::verb verb = http::string_to_verb(method);
  asio::co_spawn(
      impl_->io,
      [this, id, verb, path, body, token, done = std::move(done)]() mutable -> asio::awaitable<void> {
        shell::HttpResponse response = co_await impl_->fetch(server_, verb, path, body, token);
        ui_.post(
            [this, id, done = std::move(done), response = std::move(response)]() mutable {
              stats_.in_flight.erase(id);
              ++stats_.requests_done;
              done(std::move(response));
            },
            due());
      },
      asio::detached);
}

void BeastNetClient::open_socket(const std::string& path, shell::SocketHandlers handlers) {
  close_socket();
  handlers_ = std::move(handlers);
  const std::uint32_t generation = ++generation_;
  have_socket_ = true;
  set_phase(SocketPhase::connecting);
  ++stats_.sockets_opened;
  // Closed and opened are reported through the queue, never from inside this call.
  auto closed = [this, generation](const shell::SocketClose& close) {
    if (generation != generation_) return;
    open_ = have_socket_ = false;
    stats_.last_close_code = close.code;
    set_phase(SocketPhase::closed);
    if (handlers_.closed) handlers_.closed(close);
  };
  if (wall_ms() < offline_until_) {  // the debug panel's "offline" switch
    ui_.post([closed] { closed({kAbnormalClose, {}, 0}); });
    return;
  }
  auto opened = [this, generation] {
    if (generation != generation_) return;
    open_ = true;
    set_phase(SocketPhase::open);
    if (handlers_.opened) handlers_.opened();
  };
  auto message = [this, generation](std::string text) {
    if (generation != generation_) return;
    ++stats_.messages_in;
    stats_.bytes_in += text.size();
    if (tap) tap(true, text);
    if (handlers_.message) handlers_.message(std::move(text));
  };
  asio::co_spawn(
      impl_->io,
      [this, path, generation, opened, message, closed]() -> asio::awaitable<void> {
        auto s = std::make_shared<Impl::Socket>(impl_->io, generation);
        impl_->socket = s;
        shell::SocketClose close{kAbnormalClose, {}, 0};
        websocket::response_type upgrade;  // the server's answer to the upgrade (a 429 when refused)
        try {
          // A socket closed while connecting must not come alive afterwards (the server would count
          // a viewer nobody reads): after each step, stop if the workspace has let go of it.
          auto let_go = [&] {
            if (s->cancelled) throw boost::system::system_error(asio::error::operation_aborted);
          };
          tcp::resolver resolver(impl_->io);
          const auto endpoints = co_await resolver.async_resolve(server_.host, server_.port, use_awaitable);
          let_go();
          beast::get_lowest_layer(s->ws).expires_after(kConnectTimeout);
          co_await beast::get_lowest_layer(s->ws).async_connect(endpoints, use_awaitable);
          let_go();
          // Small frames (a keystroke's draft) go at once: without this, Nagle's algorithm holds one
          // back until the previous is acknowledged, up to the peer's 40 ms delayed ACK.
          beast::get_lowest_layer(s->ws).socket().set_option(tcp::no_delay(true));
          beast::get_lowest_layer(s->ws).expires_never();  // the websocket keeps its own timeouts
          s->ws.set_option(websocket::stream_base::timeout::suggested(beast::role_type::client));
          s->ws.set_option(websocket::stream_base::decorator(
              [](websocket::request_type& request) { request.set(http::field::user_agent, "baton-desktop"); }));
          co_await s->ws.async_handshake(upgrade, server_.host_header(), path, use_awaitable);
          if (s->cancelled) {
            co_await s->ws.async_close(websocket::close_code::normal, use_awaitable);
            let_go();
          }
          s->open = true;
          ui_.post(opened, due());
          impl_->start_flush(s);
          for (;;) {
            beast::flat_buffer buffer;
            co_await s->ws.async_read(buffer, use_awaitable);
            std::string text = beast::buffers_to_string(buffer.data());
            if (Impl::is_type(text, "pong") && s->ping_written != std::chrono::steady_clock::time_point{})
              socket_rtt_us_ = std::chrono::duration_cast<std::chrono::microseconds>(std::chrono::steady_clock::now() -
                                                                                     s->ping_written).count();
            ui_.post([message, text = std::move(text)]() mutable { message(std::move(text)); }, due());
          }
        } catch (const boost::system::system_error& error) {
          if (error.code() == websocket::error::closed) {
            close.code = s->ws.reason().code;
            close.reason = std::string(s->ws.reason().reason.data(), s->ws.reason().reason.size());
          } else if (error.code() == websocket::error::upgrade_declined &&
                     upgrade.result() == http::status::too_many_requests) {
            // Refused before the handshake for the agent's rate: its Retry-After says how long.
            const auto header = upgrade.find(http::field::retry_after);
            const std::string seconds = header == upgrade.end() ? std::string("1") : std::string(header->value());
            close.retry_after_ms = std::max(1L, std::strtol(seconds.c_str(), nullptr, 10)) * 1000;
          }
        } catch (const std::exception&) {
        }
        s->open = false;
        if (impl_->socket == s) impl_->socket.reset();
        ui_.post([closed, close] { closed(close); }, due());
      },
      asio::detached);
}

void BeastNetClient::send(const std::string& text) {
  if (!open_) return;
  ++stats_.messages_out;
  stats_.bytes_out += text.size();
  if (tap) tap(false, text);
  asio::post(impl_->io, [impl = impl_.get(), generation = generation_, text] {
    auto s = impl->socket;
    if (!s || s->generation != generation) return;
    s->outbox.push_back(text);
    impl->start_flush(s);
  });
}

void BeastNetClient::close_socket() {
  if (!have_socket_) return;
  const std::uint32_t generation = generation_;
  ++generation_;  // whatever the old socket still reports is ignored
  open_ = have_socket_ = false;
  set_phase(SocketPhase::closed);
  stats_.last_close_code = 1000;
  asio::post(impl_->io, [impl = impl_.get(), generation] {
    auto s = impl->socket;
    if (!s || s->generation != generation) return;
    impl->socket.reset();
    if (!s->open) {  // still connecting: stop it
      s->cancelled = true;
      // Close, not cancel: cancel() stops only the operation in flight, and the handshake's next
      // read would then wait for its 30 s timeout. The flag keeps a later connect from reopening it.
      beast::get_lowest_layer(s->ws).close();
      return;
    }
    asio::co_spawn(
        impl->io,
        [s]() -> asio::awaitable<void> {
          try {
            co_await s->ws.async_close(websocket::close_code::normal, use_awaitable);
          } catch (const std::exception&) {
          }
        },
        asio::detached);
  });
}

void BeastNetClient::drop_socket() {
  if (!have_socket_) return;
  asio::post(impl_->io, [impl = impl_.get(), generation = generation_] {
    auto s = impl->socket;
    if (!s || s->generation != generation) return;
    beast::error_code ignored;
    beast::get_lowest_layer(s->ws).socket().shutdown(tcp::socket::shutdown_both, ignored);
    beast::get_lowest_layer(s->ws).close();  // the read loop ends with an error: reported as 1006
  });
}

void BeastNetClient::go_offline(Time ms) {
  offline_until_ = wall_ms() + ms;
  drop_socket();
}

}  // namespace baton::desktop
