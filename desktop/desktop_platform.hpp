#pragma once
// The workspace's Platform on a desktop: the system clock and time zone, the GLFW window's title and
// clipboard, files saved into the working folder, Dear ImGui's own reply editor, and the text raster
// for the scripts ImGui cannot lay out (text_raster.hpp). (Storage is the state file, state_file.hpp.)
#include <string>

#include "platform.hpp"

struct GLFWwindow;

namespace baton::desktop {

class DesktopPlatform : public shell::Platform {
 public:
  // `assets`: the fonts folder (its lazy/ part is here already); `language`: --lang, if given;
  // `raster` draws with the window's GL context (null in tests: ImGui draws everything).
  explicit DesktopPlatform(GLFWwindow* window, std::string assets = {}, std::string language = {},
                           shell::TextRaster* raster = nullptr)
      : window_(window), assets_(std::move(assets)), language_(std::move(language)), text_raster_(raster) {}

  Time now_ms() override;
  int utc_offset_minutes(Time at) override;
  void set_title(const std::string& title) override;
  void copy_to_clipboard(const std::string& text) override;
  std::string save_file(const std::string& name, const std::string& mime, const std::string& content) override;
  bool has_native_editor() const override { return false; }  // the composer draws ImGui's InputTextMultiline
  void place_editor(const shell::EditorPlacement&) override {}
  void set_editor_text(const std::string& text) override;
  shell::TextRaster* text_raster() override { return text_raster_; }

  std::vector<std::string> preferred_languages() override;  // $LANGUAGE, else $LC_ALL / $LC_MESSAGES / $LANG
  std::string language_override() override { return language_; }
  void fetch_asset(const std::string& name, std::function<void(bool ok)> done) override;
  shell::SystemLook system_look() override { return look_; }
  void set_system_look(const shell::SystemLook& look) { look_ = look; }  // --theme, GTK's theme

  const std::string& title() const { return title_; }

 private:
  GLFWwindow* window_;  // null in tests: no window, no clipboard
  std::string assets_, language_;
  std::string title_;
  shell::TextRaster* text_raster_;
  shell::SystemLook look_;
};

}  // namespace baton::desktop
