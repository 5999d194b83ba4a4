#include "../i18n/words.hpp"
#include "session.hpp"

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
    if (reply.ok()) return enter(reply.value->agent);
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
  if (form.busy) return;
  if (is_blank(email) || password.empty()) {
    form.error = tr("login.enter_both");
    return;
  }
  form.busy = true;
  form.error.clear();
  c_.api.call(api::route::Login{}, api::LoginRequest{email, password}, [this, email](Reply<api::Session> reply) {
    LoginForm& form = c_.state.login;
    form.busy = false;
    if (reply.ok()) {
      c_.api.set_token(reply.value->token);
      c_.storage.save(kTokenKey, reply.value->token);
      c_.storage.save(kEmailKey, email);
      c_.edits.password.clear();
      return enter(reply.value->agent);
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

void SessionController::enter(const Agent& me) {
  AppState& state = c_.state;
  state.me = me;
  state.replica.emplace(me.id);
  state.screen = Screen::workspace;
  state.login.error.clear();
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
