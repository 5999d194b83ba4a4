#include "../i18n/words.hpp"
#include "settings.hpp"

namespace baton::shell {

void SettingsController::open() {
  c_.state.settings_open = true;
  c_.edits.settings = c_.state.settings;
  c_.state.settings_notice.clear();
}

void SettingsController::save(const Settings& settings) {
  c_.state.settings_notice = tr("settings.saving");
  c_.api.call(api::route::PutSettings{}, settings, [this](Reply<api::SettingsAnswer> reply) {
    if (reply.ok()) {
      c_.state.settings = reply.value->settings;
      c_.edits.settings = reply.value->settings;
      c_.state.settings_notice = tr("settings.saved");
      return;
    }
    c_.state.settings_notice = reply.status == 0 ? tr("save.no_answer") : tr("save.not_saved", {{"why", error_words(reply.error, reply.status)}});
  });
}

}  // namespace baton::shell
