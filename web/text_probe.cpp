// The test hook's view of the text raster (window.baton.rasterProbe and textStats in page.js):
// draws a text as the workspace would and reads its texture back from the GPU, so a browser test
// checks the image the views would draw, not the canvas behind it.
#include <cstdlib>
#include <string>

#include <emscripten.h>

#include "host.hpp"

// The texture's pixels: the alpha channel (base64, rows from the top), the least red, green or
// blue of the inked pixels (white text: 255), and the ink's bounding box.
EM_JS(char*, js_text_read_texture, (int texture, int width, int height), {
  var gl = GLctx;
  var framebuffer = gl.createFramebuffer();
  var previous = gl.getParameter(gl.FRAMEBUFFER_BINDING);
  gl.bindFramebuffer(gl.FRAMEBUFFER, framebuffer);
  gl.framebufferTexture2D(gl.FRAMEBUFFER, gl.COLOR_ATTACHMENT0, gl.TEXTURE_2D, GL.textures[texture], 0);
  var rgba = new Uint8Array(width * height * 4);
  gl.readPixels(0, 0, width, height, gl.RGBA, gl.UNSIGNED_BYTE, rgba);
  gl.bindFramebuffer(gl.FRAMEBUFFER, previous);
  gl.deleteFramebuffer(framebuffer);
  var alpha = new Uint8Array(width * height), rgbMin = 255, ink = [width, height, -1, -1];
  for (var i = 0; i < width * height; i++) {
    alpha[i] = rgba[i * 4 + 3];
    if (alpha[i] >= 128) {
      rgbMin = Math.min(rgbMin, rgba[i * 4], rgba[i * 4 + 1], rgba[i * 4 + 2]);
      var x = i % width, y = (i / width) | 0;
      ink = [Math.min(ink[0], x), Math.min(ink[1], y), Math.max(ink[2], x), Math.max(ink[3], y)];
    }
  }
  var binary = "";
  for (var at = 0; at < alpha.length; at += 8192) binary += String.fromCharCode.apply(null, alpha.subarray(at, at + 8192));
  var json = JSON.stringify({alpha: btoa(binary), rgb_min: rgbMin, ink: ink});
  var size = lengthBytesUTF8(json) + 1;
  var pointer = _malloc(size);
  stringToUTF8(json, pointer, size);
  return pointer;
});

namespace {

baton::web::WebTextRaster& raster() { return baton::web::host().platform.raster(); }

std::string number(double value) { return std::to_string(value); }

}  // namespace

extern "C" {

// One text through the raster; {"ready":false} while its script or fonts are on their way. `read`:
// the texture's pixels too (costly: a GPU read-back).
EMSCRIPTEN_KEEPALIVE const char* baton_text_probe(const char* text, double px, int bold, double wrap, int read) {
  static std::string json;
  const auto image = raster().render(text, {static_cast<float>(px), bold != 0, static_cast<float>(wrap)});
  if (!image) return (json = R"({"ready":false})").c_str();
  json = R"({"ready":true,"texture":)" + std::to_string(image->texture) + R"(,"width":)" + number(image->width) +
         R"(,"height":)" + number(image->height) + R"(,"ascent":)" + number(image->ascent);
  if (!read) return (json += "}").c_str();
  char* pixels = js_text_read_texture(static_cast<int>(image->texture), static_cast<int>(image->width),
                                      static_cast<int>(image->height));
  json += R"(,"pixels":)" + std::string(pixels) + "}";
  std::free(pixels);
  return json.c_str();
}

// A frame's end, as the runner signals it after drawing (images unused for a while are freed).
EMSCRIPTEN_KEEPALIVE void baton_text_end_frame() { raster().end_frame(); }

EMSCRIPTEN_KEEPALIVE int baton_text_covers(int code_point) { return raster().covers(static_cast<char32_t>(code_point)); }

EMSCRIPTEN_KEEPALIVE const char* baton_text_stats() {
  static std::string json;
  const auto s = raster().stats();
  json = R"({"images":)" + std::to_string(s.images) + R"(,"bytes":)" + std::to_string(s.bytes) + R"(,"hits":)" +
         std::to_string(s.hits) + R"(,"drawn":)" + std::to_string(s.drawn) + R"(,"pending":)" +
         std::to_string(s.pending) + R"(,"evicted":)" + std::to_string(s.evicted) + R"(,"frame":)" +
         std::to_string(s.frame) + R"(,"budget":)" + std::to_string(baton::web::WebTextRaster::kBudgetBytes) + "}";
  return json.c_str();
}

}  // extern "C"
