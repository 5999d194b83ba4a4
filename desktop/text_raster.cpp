#include "text_raster.hpp"

#include <algorithm>
#include <vector>

#include "text_layout.hpp"

namespace baton::desktop {

DesktopTextRaster::DesktopTextRaster(text::FontSet& fonts, TextureStore& textures, Limits limits)
    : fonts_(fonts), textures_(textures), limits_(limits) {}

DesktopTextRaster::~DesktopTextRaster() {
  for (auto& [key, entry] : images_) textures_.release(entry.image.texture);
}

std::optional<shell::TextImage> DesktopTextRaster::render(const std::string& utf8, const shell::TextStyle& style) {
  Key key{utf8, style};
  if (auto it = images_.find(key); it != images_.end()) {
    ++stats_.hits;
    it->second.used = frame_;
    return it->second.image;
  }
  ++stats_.misses;
  const text::Bitmap bitmap = text::rasterize(fonts_, text::lay_out(fonts_, utf8, style), glyphs_);
  if (bitmap.width == 0 || bitmap.height == 0) return std::nullopt;
  const std::uint64_t texture = textures_.upload(bitmap);
  if (texture == 0) return std::nullopt;
  const shell::TextImage image{texture, static_cast<float>(bitmap.width), static_cast<float>(bitmap.height),
                               bitmap.ascent};
  images_.emplace(std::move(key), Entry{image, bitmap.bytes(), frame_});
  stats_.bytes += bitmap.bytes();
  stats_.images = images_.size();
  return image;
}

void DesktopTextRaster::evict(std::unordered_map<Key, Entry, KeyHash>::iterator it) {
  textures_.release(it->second.image.texture);
  stats_.bytes -= it->second.bytes;
  ++stats_.evicted;
  images_.erase(it);
}

void DesktopTextRaster::end_frame() {
  for (auto it = images_.begin(); it != images_.end();) {
    auto next = std::next(it);
    if (frame_ - it->second.used >= static_cast<std::uint64_t>(limits_.unused_frames)) evict(it);
    it = next;
  }
  if (stats_.bytes > limits_.max_bytes) {  // too much: the least recently drawn first, never this frame's
    std::vector<std::pair<std::uint64_t, const Key*>> by_age;
    for (const auto& [key, entry] : images_)
      if (entry.used < frame_) by_age.emplace_back(entry.used, &key);
    std::sort(by_age.begin(), by_age.end(), [](const auto& a, const auto& b) { return a.first < b.first; });
    std::vector<Key> doomed;
    std::size_t bytes = stats_.bytes;
    for (const auto& [used, key] : by_age) {
      if (bytes <= limits_.max_bytes) break;
      bytes -= images_.find(*key)->second.bytes;
      doomed.push_back(*key);
    }
    for (const Key& key : doomed) evict(images_.find(key));
  }
  stats_.images = images_.size();
  ++frame_;
}

}  // namespace baton::desktop
