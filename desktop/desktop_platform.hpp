#pragma once
// The workspace's Platform on a desktop: the system clock and time zone, the GLFW window's title and
// clipboard, a JSON state file for the session and unsent drafts, and Dear ImGui's own reply editor.
#include <string>

#include "platform.hpp"
#include "state_file.hpp"

struct GLFWwindow;

namespace baton::desktop {

class DesktopPlatform : public shell::Platform {
 public:
  DesktopPlatform(GLFWwindow* window, StateFile& state) : window_(window), state_(state) {}

  Time now_ms() override;
  int utc_offset_minutes(Time at) override;
  void set_title(const std::string& title) override;
  std::optional<std::string> load(const std::string& key) override { return state_.load(key); }
  void save(const std::string& key, const std::string& value) override { state_.save(key, value); }
  void erase(const std::string& key) override { state_.erase(key); }
  void copy_to_clipboard(const std::string& text) override;
  std::string save_file(const std::string& name, const std::string& mime, const std::string& content) override;
  bool has_native_editor() const override { return false; }  // the composer draws ImGui's InputTextMultiline
  void place_editor(const shell::EditorPlacement&) override {}
  void set_editor_text(const std::string& text) override;

  const std::string& title() const { return title_; }

 private:
  GLFWwindow* window_;  // null in tests: no window, no clipboard
  StateFile& state_;
  std::string title_;
};

}  // namespace baton::desktop
