#pragma once
// Text that Dear ImGui cannot lay out by itself — right-to-left and shaped scripts (Arabic, Hebrew,
// Devanagari, Thai ...), emoji sequences, and in the page every script its own fonts do not carry —
// is drawn by the platform into an image that the views draw in its place: in the browser by the
// browser's own text engine (Canvas2D, with the fonts the page ships), on the desktop by HarfBuzz and
// FriBidi with FreeType. ImGui still lays out everything else. Called on the UI thread, inside a frame.
#include <cstddef>
#include <cstdint>
#include <functional>
#include <optional>
#include <string>

namespace baton::shell {

struct TextStyle {
  float px = 15.0f;         // the font size in device pixels
  bool bold = false;
  float wrap_width = 0.0f;  // device pixels; 0: one line, never wrapped
  bool operator==(const TextStyle&) const = default;
};

// What a platform's cache of drawn text is keyed by: the text and how it is drawn.
struct TextKey {
  std::string text;
  TextStyle style;
  bool operator==(const TextKey&) const = default;
};
struct TextKeyHash {
  std::size_t operator()(const TextKey& key) const {
    std::size_t h = std::hash<std::string>{}(key.text);
    for (float f : {key.style.px, key.style.wrap_width}) h = h * 1000003u ^ std::hash<float>{}(f);
    return h * 31u + (key.style.bold ? 1u : 0u);
  }
};

struct TextImage {
  std::uint64_t texture = 0;    // an ImTextureID: white text on transparent, tinted when drawn
  float width = 0, height = 0;  // device pixels
  float ascent = 0;             // from the top to the first line's baseline, device pixels
  bool operator==(const TextImage&) const = default;
};

class TextRaster {
 public:
  virtual ~TextRaster() = default;

  // The text shaped, in visual order, as an image; the same text and style give the same image
  // until it is evicted. None when it cannot be drawn yet (its font is still loading: the platform
  // asks for a frame when it has arrived) or at all.
  virtual std::optional<TextImage> render(const std::string& utf8, const TextStyle& style) = 0;
  // Whether the fonts this raster draws with have a glyph for `code_point` (the test hook's
  // missing-glyph count asks; a character neither ImGui's fonts nor these have is missing).
  virtual bool covers(char32_t code_point) const = 0;
  // Once per frame, after drawing: images unused for a while may be freed.
  virtual void end_frame() = 0;
};

}  // namespace baton::shell
