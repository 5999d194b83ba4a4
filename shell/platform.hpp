#pragma once
// What the workspace needs from the machine it runs on. web/ implements it for the browser,
// desktop/ natively, tests with a fake. Nothing in shell/ knows which one runs it. Storage is its
// own interface (storage.hpp), injected beside it.
#include <functional>
#include <optional>
#include <string>
#include <vector>

#include "appearance.hpp"
#include "baton/ids.hpp"
#include "semantics.hpp"
#include "text_raster.hpp"

namespace baton::shell {

// Where the reply editor goes this frame, in the window's pixels (ImGui's coordinates).
struct EditorPlacement {
  float x = 0, y = 0, w = 0, h = 0;
  bool visible = false;
  bool enabled = true;
  float font_size = 0;  // the workspace's text size there, in window pixels
  std::string placeholder;
  bool operator==(const EditorPlacement&) const = default;
};

// A one-line text field the platform lays over the rectangle a view reserved (the browser's
// <input>: input methods for Japanese, Chinese and Korean, paste, spell-check, screen readers).
struct FieldPlacement {
  std::string id;  // the view's stable id: "email", "search"
  float x = 0, y = 0, w = 0, h = 0;
  std::string value;  // the view's text: the platform shows it unless the person is typing into it
  std::string placeholder;
  std::string label;  // what it is, for screen readers
  bool password = false;
  bool enabled = true;
  bool focus = false;  // the view asks for the keyboard here (once)
  float font_size = 0, padding = 0;  // window pixels, as the workspace draws text in its frames
  bool operator==(const FieldPlacement&) const = default;
};

class Platform {
 public:
  virtual ~Platform() = default;
  virtual Time now_ms() = 0;  // wall clock, ms since the Unix epoch
  // Minutes east of UTC, for absolute times ("Oct 25, 5:17 PM") in the agent's zone.
  virtual int utc_offset_minutes(Time at) = 0;
  virtual void set_title(const std::string& title) = 0;
  virtual void copy_to_clipboard(const std::string& text) = 0;
  // Hands a file to the user (the browser's download, a file in the desktop's folder); returns
  // where it went, in words, or an empty string when it could not be saved.
  virtual std::string save_file(const std::string& name, const std::string& mime, const std::string& content) = 0;
  // The multi-line editor: true when the platform provides its own (a browser <textarea> laid over
  // the rectangle), false when the workspace should draw ImGui's.
  virtual bool has_native_editor() const = 0;
  virtual void place_editor(const EditorPlacement& placement) = 0;
  // Replaces the editor's text (opening another ticket, a sent reply, Undo of a send).
  virtual void set_editor_text(const std::string& text) = 0;
  // One-line fields: true when the platform lays its own over the views' rectangles (what is typed
  // comes back through Workspace::field_input / field_submit); false: ImGui's InputText.
  virtual bool has_native_fields() const { return false; }
  virtual void place_fields(const std::vector<FieldPlacement>& fields) { (void)fields; }
  // What the frame just drawn means (semantics.hpp), for a platform that mirrors it for screen
  // readers, the keyboard and find (the page's semantic DOM). Called after every pass.
  virtual void publish_semantics(const sem::Frame& frame) { (void)frame; }
  // Draws the text ImGui's fonts cannot (text_raster.hpp); null: everything is drawn by ImGui.
  virtual TextRaster* text_raster() { return nullptr; }
  // The languages the browser (or the system) prefers, best first ("ja-JP", "en"); and the one the
  // address asks for (the page's ?lang=ja), if any.
  virtual std::vector<std::string> preferred_languages() { return {}; }
  virtual std::string language_override() { return {}; }
  // Makes an asset that is not in the first download (`name` under the fonts folder's lazy/: the
  // Japanese UI's glyphs) available, then says whether it is. A desktop has it already.
  virtual void fetch_asset(const std::string& name, std::function<void(bool ok)> done) { done(true); (void)name; }
  // What the system asks of the workspace's looks (dark, more contrast, less motion); the agent's
  // own theme comes first. Asked every loop turn: keep it cheap.
  virtual SystemLook system_look() { return {}; }
  // The theme and motion the workspace is now drawn with, for what the platform draws around it
  // (the page's reply <textarea>).
  virtual void show_appearance(const Appearance& appearance) { (void)appearance; }
  // The system's text size against its default (the browser's default font size over 16 px): the
  // workspace's text grows with it. Asked every loop turn: keep it cheap.
  virtual float text_size() { return 1.0f; }
};

}  // namespace baton::shell
