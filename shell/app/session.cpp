#include "../i18n/words.hpp"
#include "session.hpp"

#include <algorithm>

#include "baton/text.hpp"

namespace baton::shell {
namespace {

constexpr const char* kTokenKey = "baton.token";
constexpr const char* kEmailKey = "baton.email";

}  // namespace

void SessionController::start() {
  if (auto email = c_.storage.load(kEmailKey)) c_.edits.email = *email;
  auto token = c_.storage.load(kTokenKey);
  if (!token || token->empty()) return;
  c_.api.set_token(*token);
  c_.state.login.busy = true;
  me_retry_at_ = 0;
  c_.api.call(api::route::Me{}, [this](Reply<api::Me> reply) {
    c_.state.login.busy = false;
    if (reply.ok()) return enter(reply.value->agent, reply.value->preferences);
    if (reply.status == 0) {
      c_.state.login.error = tr("login.unreachable_retrying");
      me_retry_at_ = c_.now() + 3 * kSecond;
      return;
    }
    c_.state.login.error = tr("login.restore_failed", {{"why", error_words(reply.error, reply.status)}});
  });
}

void SessionController::tick(Time now) {
  if (me_retry_at_ && now >= me_retry_at_ && !c_.api.token().empty() && !c_.state.login.busy) {
    me_retry_at_ = 0;
    start();
  }
}

void SessionController::log_in(const std::string& email, const std::string& password) {
  LoginForm& form = c_.state.login;
  if (form.busy || c_.now() < form.retry_at) return;  // the server asked to wait
  if (is_blank(email) || password.empty()) {
    form.error = tr("login.enter_both");
    return;
  }
  form.busy = true;
  form.error.clear();
  form.retry_at = 0;
  form.throttled = false;
  c_.api.call(api::route::Login{}, api::LoginRequest{email, password}, [this, email](Reply<api::Session> reply) {
    LoginForm& form = c_.state.login;
    form.busy = false;
    if (reply.ok()) {
      c_.api.set_token(reply.value->token);
      c_.storage.save(kTokenKey, reply.value->token);
      c_.storage.save(kEmailKey, email);
      c_.edits.password.clear();
      return enter(reply.value->agent, reply.value->preferences);
    }
    // Asked to wait: too many failed logins (429: the view counts down), or too many logins at
    // once (503: a moment). At least a second, whatever the answer said.
    if (reply.status == 429 || reply.status == 503) {
      form.retry_at = c_.now() + std::max<Time>(reply.retry_after, kSecond);
      form.throttled = reply.status == 429;
      if (!form.throttled) form.error = tr("login.server_busy");
      return;
    }
    if (reply.status == 401) form.error = tr("login.wrong");
    else if (reply.status == 0) form.error = tr("login.unreachable");
    else form.error = tr("login.failed", {{"why", error_words(reply.error, reply.status)}});
  });
}

void SessionController::log_out() { c_.api.call(api::route::Logout{}, [](Reply<api::Ok>) {}); }

void SessionController::forget() {
  c_.storage.erase(kTokenKey);
  me_retry_at_ = 0;
}

void SessionController::enter(const Agent& me, const api::Preferences& preferences) {
  AppState& state = c_.state;
  state.login = {};
  if (preferences_known) preferences_known(preferences);
  state.me = me;
  state.replica.emplace(me.id);
  state.screen = Screen::workspace;
  load_agents();
  load_settings();
  c_.platform.set_title(tr("title.workspace", {{"name", me.name}}));
  if (entered) entered();
}

void SessionController::load_agents() {
  c_.api.call(api::route::Agents{}, [this](Reply<api::AgentList> reply) {
    if (!reply.ok()) return c_.failed(reply, tr("doing.agents"));
    std::vector<Agent> agents;
    std::vector<AgentInfo> infos;
    for (const api::AgentEntry& entry : reply.value->agents) {
      agents.push_back(entry.agent);
      infos.push_back({entry.agent, entry.online});
    }
    c_.state.directory = Directory(std::move(agents));
    c_.state.agents = std::move(infos);
  });
}

void SessionController::load_settings() {
  c_.api.call(api::route::GetSettings{}, [this](Reply<api::SettingsAnswer> reply) {
    if (!reply.ok()) return c_.failed(reply, tr("doing.settings"));
    c_.state.settings = reply.value->settings;
  });
}

}  // namespace baton::shell
