#pragma once
// What the controllers share: the state they change, the views' edit buffers, the typed API, the
// live socket, the machine and its storage. The App routes what happens between controllers; one
// that needs another's action (the composer runs commands) gets it at construction, one way only.
#include <string>

#include "../app_state.hpp"
#include "../edits.hpp"
#include "../net_client.hpp"
#include "../platform.hpp"
#include "../storage.hpp"
#include "api_client.hpp"
#include "baton/api/live.hpp"

namespace baton::shell {

struct Context {
  AppState& state;
  Edits& edits;
  ApiClient& api;
  NetClient& net;  // the live socket (opened by LiveSync); the requests go through `api`
  Platform& platform;
  Storage& storage;
  bool dirty = true;  // something changed that the screen does not show yet

  Time now() const { return platform.now_ms(); }
  bool live() const { return state.sync.state() == Link::live; }
  void send_live(const api::live::ClientMessage& message) { net.send(api::live::encode(message)); }
  // The status line: the latest thing that went wrong (or right), in words.
  void say(std::string text, bool error) {
    state.status = std::move(text);
    state.status_is_error = error;
    state.status_at = now();
    dirty = true;
  }
  template <typename T>
  void failed(const Reply<T>& reply, const std::string& doing) {
    say(failure_words(reply, doing), true);
  }
};

}  // namespace baton::shell
