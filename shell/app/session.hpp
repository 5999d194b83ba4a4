#pragma once
// The session: restoring it after a reload, logging in and out, and what a session loads once
// (who I am, the agents and the automations). The App goes back to the login when it ends.
#include <functional>
#include <string>

#include "context.hpp"

namespace baton::shell {

class SessionController {
 public:
  explicit SessionController(Context& context) : c_(context) {}

  std::function<void()> entered;  // logged in or restored: the App starts the live connection
  // The agent's own preferences as the server keeps them (login, restore): the App applies the language.
  std::function<void(const api::Preferences&)> preferences_known;

  void start();  // a saved session is asked for; else the login shows
  void log_in(const std::string& email, const std::string& password);
  void log_out();  // tells the server; the App forgets the session
  void forget();   // the session ended: no longer restored after a reload
  void tick(Time now);  // asks again while the server is unreachable
  void load_agents();   // also when live again: who is online changed while we were away
  void load_settings();

 private:
  void enter(const Agent& me, const api::Preferences& preferences);

  Context& c_;
  Time me_retry_at_ = 0;
};

}  // namespace baton::shell
