#pragma once
// The host's platform as the kiosk uses it: everything as the host does it (clock, clipboard, the
// editor), except the window title, which always names the kiosk.
#include "platform.hpp"

namespace baton::kiosk {

class KioskPlatform : public shell::Platform {
 public:
  explicit KioskPlatform(shell::Platform& host) : host_(host) {}

  Time now_ms() override { return host_.now_ms(); }
  int utc_offset_minutes(Time at) override { return host_.utc_offset_minutes(at); }
  void set_title(const std::string&) override { host_.set_title("Baton training kiosk"); }
  void copy_to_clipboard(const std::string& text) override { host_.copy_to_clipboard(text); }
  std::string save_file(const std::string& name, const std::string& mime, const std::string& content) override {
    return host_.save_file(name, mime, content);
  }
  bool has_native_editor() const override { return host_.has_native_editor(); }
  void place_editor(const shell::EditorPlacement& placement) override { host_.place_editor(placement); }
  void set_editor_text(const std::string& text) override { host_.set_editor_text(text); }
  shell::TextRaster* text_raster() override { return host_.text_raster(); }
  std::vector<std::string> preferred_languages() override { return host_.preferred_languages(); }
  std::string language_override() override { return host_.language_override(); }
  void fetch_asset(const std::string& name, std::function<void(bool ok)> done) override {
    host_.fetch_asset(name, std::move(done));
  }
  shell::SystemLook system_look() override { return host_.system_look(); }
  void show_appearance(const shell::Appearance& appearance) override { host_.show_appearance(appearance); }
  float text_size() override { return host_.text_size(); }

 private:
  shell::Platform& host_;
};

}  // namespace baton::kiosk
