#pragma once
// The automations' settings dialog: shown to everyone, saved by an admin.
#include "context.hpp"

namespace baton::shell {

class SettingsController {
 public:
  explicit SettingsController(Context& context) : c_(context) {}

  void open();
  void close() { c_.state.settings_open = false; }
  void save(const Settings& settings);

 private:
  Context& c_;
};

}  // namespace baton::shell
