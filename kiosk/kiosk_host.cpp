#include "kiosk_host.hpp"

namespace baton::kiosk {

KioskHost::KioskHost(shell::Platform& host, Time idle_ms) : platform_(host), idle_ms_(idle_ms) {
  start_run(platform_.now_ms());
}

void KioskHost::start_run(Time now) {
  workspace_.reset();  // before the kiosk its network belongs to
  kiosk_ = std::make_unique<Kiosk>(7212 + runs_++, now);
  storage_.values = {{"baton.token", "kiosk"}};  // starts logged in as the trainee
  platform_.set_editor_text("");
  workspace_ = std::make_unique<shell::Workspace>(platform_, storage_, kiosk_->net());
  workspace_->set_tour(&kiosk_->tour());
  workspace_->start();
  last_input_ = now;
}

int KioskHost::passes_wanted(bool input) {
  const Time now = platform_.now_ms();
  if (input) last_input_ = now;
  if (kiosk_->tour().reset_requested || now - last_input_ > idle_ms_) {
    start_run(now);
    input = true;
  }
  kiosk_->pump(now);
  return workspace_->passes_wanted(input);
}

}  // namespace baton::kiosk
