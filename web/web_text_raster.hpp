#pragma once
// shell::TextRaster in the browser: the browser's own text engine (Canvas2D, web/text.js) shapes,
// orders and wraps the text with the fonts the page ships, and the image becomes a WebGL texture
// in emscripten's GL table, so its GL name is the ImTextureID the OpenGL3 backend binds. Images
// are cached by (text, style) and freed when unused for a while or over a memory budget.
#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>
#include <unordered_map>
#include <utility>
#include <vector>

#include "text_raster.hpp"  // shell/text_raster.hpp

namespace baton::web {

class WebTextRaster : public shell::TextRaster {
 public:
  // Images not used for this many frames are freed; beyond the budget (RGBA bytes), the least
  // recently used ones are, except those of the frame being drawn.
  static constexpr std::uint64_t kIdleFrames = 300;
  static constexpr std::size_t kBudgetBytes = 48u << 20;

  // `fonts_folder`: where the wasm's own font files are (its DejaVu Sans cut, reused by the raster).
  explicit WebTextRaster(std::string fonts_folder = "/assets") : fonts_folder_(std::move(fonts_folder)) {}
  ~WebTextRaster() override;
  WebTextRaster(const WebTextRaster&) = delete;
  WebTextRaster& operator=(const WebTextRaster&) = delete;

  std::optional<shell::TextImage> render(const std::string& utf8, const shell::TextStyle& style) override;
  // From the fonts' manifest (fonts/fonts.json): false for everything until the raster has been
  // asked for text and the manifest has arrived, as nothing is drawn by it before. Private use,
  // controls and what only the last-resort box draws are never covered; the default-ignorable
  // characters (ZWJ, ZWNJ, variation selectors, tags) and TAB, LF, CR always are (laid out, not drawn).
  bool covers(char32_t code_point) const override;
  void end_frame() override;

  struct Stats {
    std::size_t images = 0, bytes = 0;
    std::uint64_t hits = 0, drawn = 0, pending = 0, evicted = 0, frame = 0;
  };
  Stats stats() const;

 private:
  using Key = shell::TextKey;
  using KeyHash = shell::TextKeyHash;
  struct Entry {
    shell::TextImage image;
    std::uint64_t used = 0;  // the frame it was last drawn in
    std::size_t bytes = 0;
  };
  enum class Script { absent, requested, started };

  bool ready_to_draw(const std::string& utf8);
  void free(const Entry& entry);

  std::string fonts_folder_;
  Script script_ = Script::absent;
  std::unordered_map<Key, Entry, KeyHash> cache_;
  std::size_t bytes_ = 0;
  std::uint64_t frame_ = 0, hits_ = 0, drawn_ = 0, pending_ = 0, evicted_ = 0;
  int max_texture_ = 0;
  mutable std::vector<std::pair<char32_t, char32_t>> covered_;  // sorted, merged ranges
};

}  // namespace baton::web
