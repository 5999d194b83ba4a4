#include "web_text_raster.hpp"

#include <algorithm>
#include <functional>
#include <vector>

#include <GLES3/gl3.h>
#include <emscripten.h>

// web/text.js is loaded the first time text needs the raster: an English-only session never
// fetches it. Until it has arrived (and then its fonts), render() answers "not yet"; each arrival
// asks the workspace for a frame. The texts asked for meanwhile are noted, so that the time from
// the first CJK text to its glyphs counts from the very first request.
EM_JS(void, js_text_load_script, (const char* text), {
  window.batonTextEarly = [{at: performance.now(), text: UTF8ToString(text)}];
  // The fonts' manifest, fetched beside the script rather than after it.
  window.batonTextManifest = fetch("fonts/fonts.json").then(function(response) {
    if (!response.ok) throw new Error("fonts/fonts.json: HTTP " + response.status);
    return response.json();
  });
  window.batonTextManifest.catch(function() {});  // reported by text.js
  var script = document.createElement('script');
  script.src = 'text.js';
  script.onload = function() { if (Module._baton_activity) Module._baton_activity(); };
  script.onerror = function() { console.warn('baton: text.js could not be loaded; some text is not shown'); };
  document.body.appendChild(script);
});
EM_JS(int, js_text_script_loaded, (const char* text), {
  if (window.batonText) return 1;
  if (window.batonTextEarly.length < 100) window.batonTextEarly.push({at: performance.now(), text: UTF8ToString(text)});
  return 0;
});
// The raster reuses the wasm's own DejaVu Sans cut (already downloaded) for the Latin in mixed text.
EM_JS(void, js_text_start, (const char* folder), {
  var base = UTF8ToString(folder);
  window.batonText.start(function(name) {
    try { return FS.readFile(base + '/' + name).slice().buffer; } catch (e) { return null; }
  });
});
EM_JS(int, js_text_draw, (const char* text, float px, int bold, float wrap, int max_size, float* out), {
  return window.batonText.draw(UTF8ToString(text), px, !!bold, wrap, max_size, HEAPF32.subarray(out >> 2, (out >> 2) + 4));
});
// The covered code points as [first, last] pairs, once the fonts' manifest is read: their count
// (0 before), then the pairs into the wasm's memory.
EM_JS(int, js_text_coverage_count, (), {
  var covered = window.batonText && window.batonText.coverage();
  return covered ? covered.length / 2 : 0;
});
EM_JS(void, js_text_coverage_copy, (std::uint32_t* out), {
  HEAPU32.set(window.batonText.coverage(), out >> 2);
});
// The canvas just drawn, into the bound texture: white on transparent, not premultiplied (as the
// OpenGL3 backend blends). The unpack state a DOM source obeys is set and put back.
EM_JS(void, js_text_upload, (), {
  var gl = GLctx;
  var saved = [[gl.UNPACK_SKIP_PIXELS, 0], [gl.UNPACK_SKIP_ROWS, 0], [gl.UNPACK_FLIP_Y_WEBGL, false],
               [gl.UNPACK_PREMULTIPLY_ALPHA_WEBGL, false]].map(function(p) { return [p[0], gl.getParameter(p[0]), p[1]]; });
  saved.forEach(function(p) { if (p[1] !== p[2]) gl.pixelStorei(p[0], p[2]); });
  var buffer = gl.getParameter(gl.PIXEL_UNPACK_BUFFER_BINDING);
  if (buffer) gl.bindBuffer(gl.PIXEL_UNPACK_BUFFER, null);
  gl.texImage2D(gl.TEXTURE_2D, 0, gl.RGBA, gl.RGBA, gl.UNSIGNED_BYTE, window.batonText.canvas());
  if (buffer) gl.bindBuffer(gl.PIXEL_UNPACK_BUFFER, buffer);
  saved.forEach(function(p) { if (p[1] !== p[2]) gl.pixelStorei(p[0], p[1]); });
});

namespace baton::web {

WebTextRaster::~WebTextRaster() {
  for (const auto& [key, entry] : cache_) free(entry);
}

void WebTextRaster::free(const Entry& entry) {
  const auto name = static_cast<GLuint>(entry.image.texture);
  glDeleteTextures(1, &name);
  bytes_ -= entry.bytes;
}

bool WebTextRaster::ready_to_draw(const std::string& utf8) {
  switch (script_) {
    case Script::absent:
      js_text_load_script(utf8.c_str());
      script_ = Script::requested;
      return false;
    case Script::requested:
      if (!js_text_script_loaded(utf8.c_str())) return false;
      js_text_start(fonts_folder_.c_str());
      script_ = Script::started;
      return true;
    case Script::started:
      return true;
  }
  return false;
}

std::optional<shell::TextImage> WebTextRaster::render(const std::string& utf8, const shell::TextStyle& style) {
  if (utf8.empty() || style.px <= 0) return std::nullopt;
  Key key{utf8, style};
  if (auto found = cache_.find(key); found != cache_.end()) {
    found->second.used = frame_;
    ++hits_;
    return found->second.image;
  }
  if (!ready_to_draw(utf8)) {
    ++pending_;
    return std::nullopt;
  }
  if (max_texture_ == 0) glGetIntegerv(GL_MAX_TEXTURE_SIZE, &max_texture_);
  float out[4] = {};
  const int state = js_text_draw(utf8.c_str(), style.px, style.bold, style.wrap_width, max_texture_, out);
  if (state == 0) ++pending_;
  if (state != 1) return std::nullopt;

  GLuint name = 0;
  glGenTextures(1, &name);
  GLint bound = 0;
  glGetIntegerv(GL_TEXTURE_BINDING_2D, &bound);
  glBindTexture(GL_TEXTURE_2D, name);
  glTexParameteri(GL_TEXTURE_2D, GL_TEXTURE_MIN_FILTER, GL_LINEAR);
  glTexParameteri(GL_TEXTURE_2D, GL_TEXTURE_MAG_FILTER, GL_LINEAR);
  glTexParameteri(GL_TEXTURE_2D, GL_TEXTURE_WRAP_S, GL_CLAMP_TO_EDGE);
  glTexParameteri(GL_TEXTURE_2D, GL_TEXTURE_WRAP_T, GL_CLAMP_TO_EDGE);
  js_text_upload();
  glBindTexture(GL_TEXTURE_2D, static_cast<GLuint>(bound));

  Entry entry;
  entry.image = {name, out[0], out[1], out[2]};
  entry.used = frame_;
  entry.bytes = static_cast<std::size_t>(out[0]) * static_cast<std::size_t>(out[1]) * 4;
  bytes_ += entry.bytes;
  ++drawn_;
  return cache_.emplace(std::move(key), entry).first->second.image;
}

bool WebTextRaster::covers(char32_t code_point) const {
  if (covered_.empty() && script_ == Script::started) {  // the manifest may have arrived since
    if (const int count = js_text_coverage_count(); count > 0) {
      std::vector<std::uint32_t> pairs(static_cast<std::size_t>(count) * 2);
      js_text_coverage_copy(pairs.data());
      for (std::size_t i = 0; i < pairs.size(); i += 2) covered_.emplace_back(pairs[i], pairs[i + 1]);
    }
  }
  auto after = std::upper_bound(covered_.begin(), covered_.end(), code_point,
                                [](char32_t c, const auto& range) { return c < range.first; });
  return after != covered_.begin() && code_point <= std::prev(after)->second;
}

void WebTextRaster::end_frame() {
  const bool sweep = frame_ % 30 == 0;  // idle images are looked for now and then, not every frame
  if (sweep || bytes_ > kBudgetBytes) {
    std::vector<std::pair<std::uint64_t, const Key*>> idle;  // least recently used first
    for (const auto& [key, entry] : cache_)
      if (entry.used < frame_) idle.emplace_back(entry.used, &key);
    std::sort(idle.begin(), idle.end(), [](const auto& a, const auto& b) { return a.first < b.first; });
    for (const auto& [used, key] : idle) {
      if (used + kIdleFrames >= frame_ && bytes_ <= kBudgetBytes) break;
      auto found = cache_.find(*key);
      free(found->second);
      cache_.erase(found);
      ++evicted_;
    }
  }
  ++frame_;
}

WebTextRaster::Stats WebTextRaster::stats() const {
  return {cache_.size(), bytes_, hits_, drawn_, pending_, evicted_, frame_};
}

}  // namespace baton::web
