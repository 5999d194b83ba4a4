#include <memory>
#include "../i18n/words.hpp"
#include "app.hpp"

#include "../lock_requests.hpp"

namespace baton::shell {
namespace {
constexpr const char* kLanguageKey = "baton.lang";  // the agent's choice on this device
constexpr const char* kThemeKey = "baton.theme";    // the same for the theme
}  // namespace

App::App(Platform& platform, Storage& storage, NetClient& net)
    : platform_(platform), api_(net), context_{state_, edits_, api_, net, platform, storage} {
  api_.on_answer = [this] { context_.dirty = true; };
  api_.on_unauthorized = [this] { session_expired(); };
  session_.entered = [this] { live_.start(); };
  session_.preferences_known = [this](const api::Preferences& preferences) {
    state_.language_preference = preferences.lang.value_or("");
    if (state_.language_choice.empty()) apply_language();  // this device's choice wins
  };
  live_.logged_out = [this] { session_expired(); };
  live_.too_big = [this] { composer_.too_big(); };
  live_.caught_up = [this](bool reload) {
    // Fill the list (first time, or after a reload) and the open ticket; a resume needs neither.
    if (reload) list_.reload();
    if (state_.open.id) tickets_.fetch(state_.open.id);
    composer_.caught_up();
    list_.load_counts();
    session_.load_agents();  // who is online changed while we were away
    outbox_.caught_up();
  };
  live_.applied = [this](const Event& event) {
    composer_.event_applied(event);
    list_.events_arrived();
  };
  live_.seen = [this](const Event& event) { outbox_.event_seen(event); };
  tickets_.opened = [this](TicketId id) {
    if (state_.composer.ticket != id) composer_.load(id);
  };
  tickets_.fetched = [this](TicketId id) { composer_.ticket_fetched(id); };
  tickets_.commanded = [this] { list_.command_answered(); };
}

void App::start() {
  if (auto choice = context_.storage.load(kLanguageKey)) state_.language_choice = *choice;
  if (auto choice = context_.storage.load(kThemeKey)) state_.theme_choice = theme_from_name(*choice);
  apply_language();
  session_.start();
}

void App::apply_language() {
  const std::string code = i18n::choose(platform_.language_override(), state_.chosen_language(),
                                        platform_.preferred_languages(), i18n::languages());
  const i18n::Catalog* chosen = i18n::languages().find(code);
  context_.dirty = true;
  if (chosen && chosen->lazy()) {  // its words first (the words in use stay until they arrive)
    if (catalog_fetching_ != code) {
      catalog_fetching_ = code;
      platform_.fetch_asset("i18n/" + code + ".json", [this, code](bool ok) {
        if (catalog_fetching_ == code) catalog_fetching_.clear();
        context_.dirty = true;
        if (ok && i18n::complete(code)) apply_language();  // chosen still? then in use now
      });
    }
  } else {
    i18n::use(code);
  }
  if (state_.ui_fonts_ready || ui_fonts_fetching_ || !chosen || !chosen->beyond_latin()) return;
  ui_fonts_fetching_ = true;
  auto fetched = std::make_shared<int>(0);
  for (const char* name : {"ui-extra-regular.otf", "ui-extra-bold.otf"})
    platform_.fetch_asset(name, [this, fetched](bool ok) {
      if (ok && ++*fetched == 2) state_.ui_fonts_ready = true;
      if (!ok) ui_fonts_fetching_ = false;  // the next choice of such a language asks again
      context_.dirty = true;
    });
}

// Kept on this device and, for the agent's other devices, by the server (PUT /api/me/preferences).
void App::on(const intent::ChooseLanguage& i) {
  state_.language_choice = i.code;
  state_.language_preference = i.code;
  if (i.code.empty()) context_.storage.erase(kLanguageKey);
  else context_.storage.save(kLanguageKey, i.code);
  apply_language();
  if (api_.token().empty()) return;
  api::Preferences preferences{i.code.empty() ? std::nullopt : std::optional<std::string>(i.code)};
  api_.call(api::route::Preferences{}, preferences, [this](Reply<api::PreferencesAnswer> reply) {
    if (!reply.ok()) return context_.failed(reply, tr("doing.language"));
    state_.language_preference = reply.value->preferences.lang.value_or("");
  });
}

void App::on(const intent::ChooseTheme& i) {
  state_.theme_choice = i.theme;
  if (i.theme) context_.storage.save(kThemeKey, std::string(theme_name(*i.theme)));
  else context_.storage.erase(kThemeKey);
}

// Forgets the session (answers to its requests are dropped) and shows the login, the email kept
// for convenience. Unsent drafts stay in storage for the next login.
void App::back_to_login(const std::string& why) {
  const std::string email = edits_.email;
  live_.stop();
  api_.forget();
  session_.forget();
  platform_.place_editor({});
  const std::string language_choice = state_.language_choice, language_preference = state_.language_preference;
  const std::optional<Theme> theme_choice = state_.theme_choice;
  const bool ui_fonts_ready = state_.ui_fonts_ready;
  state_ = AppState{};
  state_.language_choice = language_choice;  // the device keeps its language, theme and fonts
  state_.language_preference = language_preference;  // the login stays in the language it was in
  state_.theme_choice = theme_choice;
  state_.ui_fonts_ready = ui_fonts_ready;
  edits_ = Edits{};
  edits_.email = email;
  state_.login.error = why;
  platform_.set_title(tr("title.login"));
  context_.dirty = true;
}

void App::tick() {
  const Time t = platform_.now_ms();
  if (state_.screen == Screen::login) {
    // A wait the server asked for: one frame each time its count of seconds changes, and one when
    // it ends (Log in is enabled again).
    const Time wait = state_.login.retry_at > t ? (state_.login.retry_at - t + kSecond - 1) / kSecond : 0;
    if (wait != login_wait_shown_) {
      login_wait_shown_ = wait;
      ticked_ = true;
    }
    return session_.tick(t);
  }
  if (t / 1000 != last_second_) {  // "19 secs ago" and countdowns move once a second
    last_second_ = t / 1000;
    ticked_ = true;
    prune_lock_requests(state_, t);
  }
  live_.tick(t);
  composer_.tick(t);
  tickets_.tick(t);
  list_.tick(t);
}

void App::handle(const Intents& intents) {
  for (const Intent& i : intents) {
    context_.dirty = true;
    std::visit([this](const auto& intent) { on(intent); }, i);
  }
}

void App::on(const intent::LogOut&) {
  session_.log_out();
  back_to_login({});
}

void App::on(const intent::Run& i) {
  std::function<void()> done;
  if (std::holds_alternative<cmd::UndoSend>(i.command))
    done = [this, id = i.ticket] { composer_.undone(id); };  // the reply is the draft again: into the editor
  tickets_.run(i.ticket, i.command, i.what, std::move(done));
  if (std::holds_alternative<cmd::RequestLock>(i.command)) edits_.ask_reason.clear();
  if (std::holds_alternative<cmd::AnswerLockRequest>(i.command)) edits_.keep_reason.clear();
}

void App::on(const intent::Copy& i) {
  platform_.copy_to_clipboard(i.text);
  context_.say(tr("status.copied"), false);
}

}  // namespace baton::shell
