#include "web_net_client.hpp"

#include <cstring>
#include <memory>
#include <vector>

#include <emscripten.h>
#include <emscripten/fetch.h>
#include <emscripten/websocket.h>

EM_JS(char*, js_socket_base, (), {
  var base = (location.protocol === 'https:' ? 'wss://' : 'ws://') + location.host;
  var size = lengthBytesUTF8(base) + 1;
  var out = _malloc(size);
  stringToUTF8(base, out, size);
  return out;
});

namespace baton::web {
namespace {

// Everything a request needs until its callback: emscripten reads headers and body from here.
struct Pending {
  WebNetClient* client;
  shell::HttpCallback done;
  std::string body;
  std::string authorization;
  std::vector<const char*> headers;
};

void finished(emscripten_fetch_t* fetch) {
  std::unique_ptr<Pending> pending(static_cast<Pending*>(fetch->userData));
  shell::HttpResponse response;
  response.status = fetch->status;
  if (fetch->data && fetch->numBytes > 0) response.body.assign(fetch->data, static_cast<std::size_t>(fetch->numBytes));
  emscripten_fetch_close(fetch);  // complete: safe to close now
  pending->done(std::move(response));
  if (pending->client->delivered) pending->client->delivered();
}

struct SocketTag {
  WebNetClient* client;
  std::uint32_t generation;
};

EM_BOOL on_open(int, const EmscriptenWebSocketOpenEvent*, void* user) {
  auto* tag = static_cast<SocketTag*>(user);
  tag->client->socket_opened(tag->generation);
  return EM_TRUE;
}

EM_BOOL on_message(int, const EmscriptenWebSocketMessageEvent* event, void* user) {
  auto* tag = static_cast<SocketTag*>(user);
  if (!event->isText) return EM_TRUE;
  std::size_t size = event->numBytes;
  if (size && event->data[size - 1] == 0) --size;  // text frames count a trailing NUL
  tag->client->socket_message(tag->generation, std::string(reinterpret_cast<const char*>(event->data), size));
  return EM_TRUE;
}

EM_BOOL on_close(int, const EmscriptenWebSocketCloseEvent* event, void* user) {
  auto* tag = static_cast<SocketTag*>(user);
  tag->client->socket_closed(tag->generation, {event->code, event->reason, 0});
  delete tag;  // the last callback of this socket
  return EM_TRUE;
}

EM_BOOL on_error(int, const EmscriptenWebSocketErrorEvent*, void*) { return EM_TRUE; }  // a close follows

}  // namespace

void WebNetClient::request(const std::string& method, const std::string& path, const std::string& body,
                           const std::string& token, shell::HttpCallback done) {
  auto* pending = new Pending{this, std::move(done), body, token.empty() ? std::string() : "Bearer " + token, {}};
  pending->headers = {"Content-Type", "application/json"};
  if (!pending->authorization.empty()) {
    pending->headers.push_back("Authorization");
    pending->headers.push_back(pending->authorization.c_str());
  }
  pending->headers.push_back(nullptr);
  emscripten_fetch_attr_t attr;
  emscripten_fetch_attr_init(&attr);
  std::strncpy(attr.requestMethod, method.c_str(), sizeof attr.requestMethod - 1);
  attr.attributes = EMSCRIPTEN_FETCH_LOAD_TO_MEMORY;
  attr.requestHeaders = pending->headers.data();
  if (!pending->body.empty()) {
    attr.requestData = pending->body.data();
    attr.requestDataSize = pending->body.size();
  }
  attr.userData = pending;
  attr.onsuccess = finished;
  attr.onerror = finished;  // 4xx, 5xx and "no answer" (status 0) alike: the app reads the status
  emscripten_fetch(&attr, path.c_str());
}

void WebNetClient::open_socket(const std::string& path, shell::SocketHandlers handlers) {
  close_socket();
  handlers_ = std::move(handlers);
  char* base = js_socket_base();
  const std::string url = std::string(base) + path;
  std::free(base);
  EmscriptenWebSocketCreateAttributes attr;
  emscripten_websocket_init_create_attributes(&attr);
  attr.url = url.c_str();
  attr.createOnMainThread = EM_TRUE;
  const int socket = emscripten_websocket_new(&attr);
  if (socket <= 0) {
    if (handlers_.closed) handlers_.closed({});
    return;
  }
  socket_ = socket;
  auto* tag = new SocketTag{this, ++generation_};
  emscripten_websocket_set_onopen_callback(socket, tag, on_open);
  emscripten_websocket_set_onmessage_callback(socket, tag, on_message);
  emscripten_websocket_set_onerror_callback(socket, tag, on_error);
  emscripten_websocket_set_onclose_callback(socket, tag, on_close);
}

void WebNetClient::send(const std::string& text) {
  if (socket_ && open_) emscripten_websocket_send_utf8_text(socket_, text.c_str());
}

void WebNetClient::close_socket() {
  if (!socket_) return;
  ++generation_;  // whatever the old socket still reports is ignored
  emscripten_websocket_close(socket_, 1000, "closed by the workspace");
  socket_ = 0;
  open_ = false;
}

void WebNetClient::socket_opened(std::uint32_t generation) {
  if (generation != generation_) return;
  open_ = true;
  if (handlers_.opened) handlers_.opened();
}

void WebNetClient::socket_message(std::uint32_t generation, std::string text) {
  if (generation != generation_ || !handlers_.message) return;
  handlers_.message(std::move(text));
  if (delivered) delivered();
}

void WebNetClient::socket_closed(std::uint32_t generation, const shell::SocketClose& close) {
  if (generation != generation_) return;
  open_ = false;
  socket_ = 0;
  if (handlers_.closed) handlers_.closed(close);
}

}  // namespace baton::web
