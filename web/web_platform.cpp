#include "web_platform.hpp"

#include <cmath>
#include <cstdlib>

#include <emscripten.h>

// The JavaScript side of each call lives in web/page.js (window.batonPage); these are thin bridges.
EM_JS(double, js_now, (), { return Date.now(); });
EM_JS(int, js_utc_offset, (double at), { return -new Date(at).getTimezoneOffset(); });
EM_JS(void, js_set_title, (const char* title), { document.title = UTF8ToString(title); });
EM_JS(void, js_clipboard_write, (const char* text), { window.batonPage.copy(UTF8ToString(text)); });
EM_JS(void, js_download, (const char* name, const char* mime, const char* content), {
  window.batonPage.download(UTF8ToString(name), UTF8ToString(mime), UTF8ToString(content));
});
EM_JS(void, js_place_editor, (double x, double y, double w, double h, int visible, int enabled, double font_px,
                              const char* placeholder), {
  window.batonPage.placeEditor(x, y, w, h, !!visible, !!enabled, font_px, UTF8ToString(placeholder));
});
EM_JS(void, js_set_editor_text, (const char* text), { window.batonPage.setEditorText(UTF8ToString(text)); });

namespace baton::web {

Time WebPlatform::now_ms() { return static_cast<Time>(js_now()); }

int WebPlatform::utc_offset_minutes(Time at) { return js_utc_offset(static_cast<double>(at)); }

void WebPlatform::set_title(const std::string& title) {
  if (title == title_) return;
  title_ = title;
  js_set_title(title.c_str());
}

void WebPlatform::copy_to_clipboard(const std::string& text) { js_clipboard_write(text.c_str()); }

std::string WebPlatform::save_file(const std::string& name, const std::string& mime, const std::string& content) {
  js_download(name.c_str(), mime.c_str(), content.c_str());
  return "your browser's downloads";
}

void WebPlatform::place_editor(const shell::EditorPlacement& placement) {
  if (placement == placed_) return;  // the DOM is touched only when something moved
  placed_ = placement;
  js_place_editor(placement.x / scale_, placement.y / scale_, placement.w / scale_, placement.h / scale_,
                  placement.visible, placement.enabled, placement.font_size / scale_, placement.placeholder.c_str());
}

void WebPlatform::set_editor_text(const std::string& text) { js_set_editor_text(text.c_str()); }

}  // namespace baton::web
