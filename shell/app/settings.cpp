#include "settings.hpp"

namespace baton::shell {

void SettingsController::open() {
  c_.state.settings_open = true;
  c_.edits.settings = c_.state.settings;
  c_.state.settings_notice.clear();
}

void SettingsController::save(const Settings& settings) {
  c_.state.settings_notice = "Saving...";
  c_.api.call(api::route::PutSettings{}, settings, [this](Reply<api::SettingsAnswer> reply) {
    if (reply.ok()) {
      c_.state.settings = reply.value->settings;
      c_.edits.settings = reply.value->settings;
      c_.state.settings_notice = "Saved.";
      return;
    }
    c_.state.settings_notice = reply.status == 0 ? "Not saved: the server did not answer." : "Not saved: " + reply.error.message;
  });
}

}  // namespace baton::shell
