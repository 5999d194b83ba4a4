// The desktop text raster's CPU cost, native, without a window: loading the fonts (once, at start),
// and for texts in each script the layout (FriBidi, HarfBuzz, line breaks) and the pixels
// (FreeType): what a frame pays for a text it draws for the first time; a text already drawn is a
// hash lookup. "pixels" draws each glyph anew (a fresh glyph cache); "warm" with its glyphs already
// drawn (the raster keeps one glyph cache). Medians of repeated runs.
//   ./build/release/bench/desktop/baton_text_raster_bench
#include <algorithm>
#include <chrono>
#include <cstdio>
#include <string>
#include <vector>

#include "text_bitmap.hpp"
#include "text_fonts.hpp"
#include "text_layout.hpp"

using namespace baton::desktop::text;
using Clock = std::chrono::steady_clock;

namespace {

double ms_since(Clock::time_point start) {
  return std::chrono::duration<double, std::milli>(Clock::now() - start).count();
}

template <typename F>
double median_ms(int runs, F&& f) {
  std::vector<double> times;
  for (int i = 0; i < runs; ++i) {
    const auto start = Clock::now();
    f();
    times.push_back(ms_since(start));
  }
  std::sort(times.begin(), times.end());
  return times[times.size() / 2];
}

std::string repeat(const std::string& s, int n) {
  std::string out;
  for (int i = 0; i < n; ++i) out += s;
  return out;
}

}  // namespace

int main() {
  const double start = median_ms(5, [] { FontSet fonts; });
  const double open_all = median_ms(5, [] {
    FontSet fonts;
    for (int i = 0; i < fonts.size(); ++i) fonts.face(i);
  });
  const int cjk = FontSet().find(Family::cjk, false);
  const double open_cjk = median_ms(5, [cjk] { FontSet().face(cjk); });
  std::printf("fonts: %.2f ms at start (files found), %.1f ms to open all %zu when first used (Noto Sans CJK: %.1f ms)\n",
              start, open_all, debian_fonts().size(), open_cjk);
  FontSet fonts;
  struct Case {
    const char* what;
    std::string text;
    baton::shell::TextStyle style;
  };
  const std::vector<Case> cases = {
      {"Latin label", "Complaint with Water Heater", {15, false, 0}},
      {"Japanese subject", "ボイラーから異音がします", {15, true, 0}},
      {"Arabic subject", "طلب رقم 4521: الغلاية لا تعمل", {15, true, 0}},
      {"mixed Latin/Arabic", "Order #4521 — طلب رقم 4521", {15, false, 0}},
      {"Devanagari", "क्षत्रिय हिन्दी में सहायता", {15, false, 0}},
      {"Thai", "ที่นี่มีปัญหากับเครื่องทำน้ำอุ่น", {15, false, 0}},
      {"emoji sequences", "👍🏽 🇯🇵 👨‍👩‍👧", {15, false, 0}},
      {"Arabic body, 1,000 chars wrapped at 600 px", repeat("مرحبا، الغلاية لا تعمل منذ الصباح. ", 29), {15, false, 600}},
      {"Japanese body, 1,000 chars wrapped at 600 px", repeat("今朝からボイラーから異音がします。点検をお願いできますか。", 36), {15, false, 600}},
  };
  std::printf("%-46s %10s %10s %10s %14s\n", "text (15 px)", "layout", "pixels", "warm", "image");
  for (const Case& c : cases) {
    Layout layout;
    const double lay = median_ms(31, [&] { layout = lay_out(fonts, c.text, c.style); });
    Bitmap bitmap;
    const double draw = median_ms(31, [&] { bitmap = rasterize(fonts, layout); });
    GlyphCache glyphs;
    const double warm = median_ms(31, [&] { bitmap = rasterize(fonts, layout, glyphs); });
    std::printf("%-46s %7.3f ms %7.3f ms %7.3f ms %5dx%-4d %3zu KB\n", c.what, lay, draw, warm, bitmap.width,
                bitmap.height, bitmap.bytes() / 1024);
  }
  return 0;
}
