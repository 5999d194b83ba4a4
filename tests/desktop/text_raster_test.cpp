// The desktop's TextRaster without a window: images kept by text and style, freed when unused or
// when they take too much memory. Its images go to a TextureStore that keeps them in memory here
// (on the desktop, OpenGL: the pytest in Xvfb draws them in the real window).
#include <map>

#include <gtest/gtest.h>

#include "text_raster.hpp"

namespace {

using namespace baton::desktop;
using baton::shell::TextImage;
using baton::shell::TextStyle;

text::FontSet& fonts() {
  static text::FontSet set;
  return set;
}

// Textures as bitmaps in memory, numbered like GL names.
class MemoryTextures : public TextureStore {
 public:
  std::uint64_t upload(const text::Bitmap& bitmap) override {
    ++uploads;
    live[++last] = bitmap;
    return last;
  }
  void release(std::uint64_t texture) override {
    EXPECT_EQ(live.erase(texture), 1u) << "released twice or never made: " << texture;
  }
  std::map<std::uint64_t, text::Bitmap> live;
  std::uint64_t last = 0;
  int uploads = 0;
};

const TextStyle kText{15.0f, false, 0.0f};

TEST(DesktopTextRaster, TheSameTextAndStyleIsDrawnOnce) {
  MemoryTextures textures;
  DesktopTextRaster raster(fonts(), textures);
  const auto first = raster.render("مرحبا بكم", kText);
  ASSERT_TRUE(first);
  EXPECT_NE(first->texture, 0u);
  EXPECT_EQ(first->width, static_cast<float>(textures.live.at(first->texture).width));
  EXPECT_EQ(first->height, static_cast<float>(textures.live.at(first->texture).height));
  EXPECT_EQ(first->ascent, textures.live.at(first->texture).ascent);
  EXPECT_EQ(raster.render("مرحبا بكم", kText), first);
  EXPECT_EQ(textures.uploads, 1);
  EXPECT_EQ(raster.stats().hits, 1u);
  EXPECT_EQ(raster.stats().misses, 1u);

  // Another size, weight or wrap width is another image.
  const auto bold = raster.render("مرحبا بكم", TextStyle{15.0f, true, 0.0f});
  const auto larger = raster.render("مرحبا بكم", TextStyle{30.0f, false, 0.0f});
  const auto wrapped = raster.render("مرحبا بكم", TextStyle{15.0f, false, 40.0f});
  ASSERT_TRUE(bold && larger && wrapped);
  EXPECT_NE(bold->texture, first->texture);
  EXPECT_GT(larger->width, first->width * 1.8f);
  EXPECT_GT(wrapped->height, first->height * 1.8f) << "two lines";
  EXPECT_EQ(textures.uploads, 4);
  EXPECT_EQ(raster.stats().images, 4u);
}

TEST(DesktopTextRaster, NothingToDrawIsNoImage) {
  MemoryTextures textures;
  DesktopTextRaster raster(fonts(), textures);
  EXPECT_FALSE(raster.render("", kText));
  EXPECT_FALSE(raster.render("   ", kText));
  EXPECT_EQ(textures.uploads, 0);
}

TEST(DesktopTextRaster, ImagesUnusedForSomeFramesAreFreed) {
  MemoryTextures textures;
  DesktopTextRaster raster(fonts(), textures, {.unused_frames = 3});
  const auto subject = raster.render("ボイラーから異音がします", kText);
  const auto name = raster.render("田中 花子", kText);
  ASSERT_TRUE(subject && name);
  raster.end_frame();
  for (int frame = 0; frame < 2; ++frame) {  // the subject stays on screen, the name has gone
    EXPECT_EQ(raster.render("ボイラーから異音がします", kText), subject);
    raster.end_frame();
  }
  EXPECT_EQ(textures.live.size(), 2u) << "unused for two frames: kept";
  EXPECT_EQ(raster.render("ボイラーから異音がします", kText), subject);
  raster.end_frame();
  EXPECT_EQ(textures.live.size(), 1u) << "unused for three frames: freed";
  EXPECT_TRUE(textures.live.count(subject->texture));
  EXPECT_EQ(raster.stats().evicted, 1u);
  const auto again = raster.render("田中 花子", kText);  // drawn anew when it comes back
  ASSERT_TRUE(again);
  EXPECT_EQ(textures.uploads, 3);
}

TEST(DesktopTextRaster, AMemoryBudgetFreesTheLeastRecentlyDrawnFirst) {
  MemoryTextures textures;
  const std::size_t one = text::rasterize(fonts(), text::lay_out(fonts(), "שלום 1", kText)).bytes();
  DesktopTextRaster raster(fonts(), textures, {.unused_frames = 1000, .max_bytes = one * 5 / 2});
  ASSERT_TRUE(raster.render("שלום 1", kText));
  raster.end_frame();
  ASSERT_TRUE(raster.render("שלום 2", kText));
  raster.end_frame();
  ASSERT_TRUE(raster.render("שלום 3", kText));
  ASSERT_TRUE(raster.render("שלום 4", kText));
  raster.end_frame();  // four images over a budget of two and a half: the two oldest go
  EXPECT_EQ(raster.stats().images, 2u);
  EXPECT_EQ(raster.stats().evicted, 2u);
  EXPECT_LE(raster.stats().bytes, one * 5 / 2);
  EXPECT_EQ(raster.render("שלום 3", kText)->texture, 3u) << "this frame's images stay";
  EXPECT_EQ(raster.render("שלום 4", kText)->texture, 4u);

  // Images drawn in the current frame stay even over the budget.
  for (int i = 5; i < 9; ++i) ASSERT_TRUE(raster.render("שלום " + std::to_string(i), kText));
  raster.end_frame();
  EXPECT_EQ(raster.stats().images, 6u);
}

TEST(DesktopTextRaster, FreesEverythingItMadeWhenDestroyed) {
  MemoryTextures textures;
  {
    DesktopTextRaster raster(fonts(), textures);
    raster.render("हिन्दी", kText);
    raster.render("👨‍👩‍👧 🇯🇵", kText);
    EXPECT_EQ(textures.live.size(), 2u);
  }
  EXPECT_TRUE(textures.live.empty());
}

TEST(DesktopTextRaster, CoversWhatItsFontsHave) {
  MemoryTextures textures;
  DesktopTextRaster raster(fonts(), textures);
  EXPECT_TRUE(raster.covers(U'異'));
  EXPECT_TRUE(raster.covers(U'👍'));
  EXPECT_FALSE(raster.covers(U'\uE000'));
}

}  // namespace
