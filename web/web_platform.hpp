#pragma once
// The browser as the workspace's Platform: Date.now(), the page title, the clipboard, downloads and
// a real <textarea> laid over the composer's rectangle and real <input>s over the one-line fields'
// (web/page.js owns the elements), and the browser's text engine for text ImGui cannot lay out
// (web_text_raster.hpp).
#include <map>
#include <string>

#include "platform.hpp"
#include "web_text_raster.hpp"

namespace baton::web {

class WebPlatform : public shell::Platform {
 public:
  void set_scale(float scale) { scale_ = scale; }
  float scale() const { return scale_; }

  Time now_ms() override;
  int utc_offset_minutes(Time at) override;
  void set_title(const std::string& title) override;
  void copy_to_clipboard(const std::string& text) override;
  std::string save_file(const std::string& name, const std::string& mime, const std::string& content) override;
  bool has_native_editor() const override { return true; }
  void place_editor(const shell::EditorPlacement& placement) override;
  void set_editor_text(const std::string& text) override;
  bool has_native_fields() const override { return true; }
  void place_fields(const std::vector<shell::FieldPlacement>& fields) override;
  void publish_semantics(const shell::sem::Frame& frame) override;
  void resend_semantics() { semantics_sent_.clear(); }  // the next frame's, even if unchanged
  std::vector<std::string> preferred_languages() override;
  std::string language_override() override;
  void fetch_asset(const std::string& name, std::function<void(bool ok)> done) override;
  void asset_fetched(int id, bool ok);  // page.js's answer
  shell::TextRaster* text_raster() override { return &raster_; }
  WebTextRaster& raster() { return raster_; }
  shell::SystemLook system_look() override;  // the page's media queries
  void show_appearance(const shell::Appearance& appearance) override;  // <html data-theme>: the editor's and fields' colours
  float text_size() override;  // the browser's default font size over 16 px

 private:
  float scale_ = 1.0f;  // device pixels per CSS pixel
  shell::EditorPlacement placed_;
  std::vector<shell::FieldPlacement> fields_placed_;
  std::string semantics_sent_;  // the last frame's semantics as sent: most frames mean the same
  // What the mirror holds of each kept subtree (a message, a History line): its nodes as last sent.
  std::map<std::string, std::string> subtrees_sent_;
  std::string title_;
  int next_fetch_ = 0;
  std::map<int, std::function<void(bool)>> fetching_;
  WebTextRaster raster_;
};

}  // namespace baton::web
