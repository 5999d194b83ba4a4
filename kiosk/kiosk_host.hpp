#pragma once
// The training kiosk as a Scene that any host shows (the page's ?kiosk, the static kiosk build,
// `baton-desktop --kiosk`): each run a fresh helpdesk, story and tour, and a workspace logged in as
// the trainee; a new run after the tour's Reset or `idle_ms` without a touch; larger text on request.
#include <memory>

#include "kiosk.hpp"
#include "kiosk_platform.hpp"
#include "scene.hpp"
#include "storage.hpp"
#include "workspace.hpp"

namespace baton::kiosk {

class KioskHost : public shell::Scene {
 public:
  KioskHost(shell::Platform& host, Time idle_ms);

  int passes_wanted(bool input) override;
  void draw() override { workspace_->draw(); }
  shell::Workspace& workspace() override { return *workspace_; }
  float text_scale() const override { return (kiosk_->tour().larger_text ? 1.3f : 1.0f) * workspace_->text_scale(); }
  shell::Appearance appearance() const override { return workspace_->appearance(); }
  bool touch() const override { return true; }

  const Kiosk& kiosk() const { return *kiosk_; }
  std::uint64_t runs() const { return runs_; }

 private:
  void start_run(Time now);

  KioskPlatform platform_;
  Time idle_ms_;
  shell::MemoryStorage storage_;  // a reset starts clean; the real workspace's session is untouched
  std::unique_ptr<Kiosk> kiosk_;
  std::unique_ptr<shell::Workspace> workspace_;
  std::uint64_t runs_ = 0;
  Time last_input_ = 0;
};

}  // namespace baton::kiosk
