#pragma once
// The fonts the desktop's text raster draws with, from Debian's font packages: for each file its
// FreeType face (which characters it has, the outlines) and its HarfBuzz font (shaping), and which
// face draws a character: the script's own font first, then DejaVu Sans, Noto Sans CJK, the other
// Noto faces and Symbola. Used on one thread (the UI thread; FreeType faces are not shareable).
#include <cstdint>
#include <string>
#include <vector>

#include <ft2build.h>
#include FT_FREETYPE_H
#include <hb.h>

namespace baton::desktop::text {

// A family of faces; the order is the fallback order after the script's own family.
enum class Family { dejavu, cjk, arabic, hebrew, devanagari, thai, symbola };

struct FontFile {
  Family family;
  bool bold;
  std::string path;
  int index = 0;  // the face in a .ttc (Noto Sans CJK: 0 is the Japanese one)
};

// Debian's paths: fonts-dejavu-core, fonts-noto-core, fonts-noto-cjk, fonts-symbola.
std::vector<FontFile> debian_fonts();

struct Face {
  FontFile file;
  FT_Face ft = nullptr;  // opened when first asked for (Noto Sans CJK takes FreeType some 7 ms)
  hb_font_t* hb = nullptr;
  float ascent = 0, descent = 0;  // per pixel of font size (descent positive, below the baseline)
  bool failed = false;            // unreadable: it has no glyphs
};

// Which face draws a character, and whether it must be made bold by the rasteriser (a family
// without a bold file, such as Symbola).
struct Pick {
  int face = -1;
  bool embolden = false;
  bool operator==(const Pick&) const = default;
};

class FontSet {
 public:
  // Files that are missing are skipped (said once on stderr): the others still draw. The files are
  // opened when a character first needs them.
  explicit FontSet(const std::vector<FontFile>& files = debian_fonts());
  ~FontSet();
  FontSet(const FontSet&) = delete;
  FontSet& operator=(const FontSet&) = delete;

  int size() const { return static_cast<int>(faces_.size()); }
  // Opens the file if it is not yet; pick() and weighted() give only faces that opened.
  const Face& face(int i) const;
  int find(Family family, bool bold) const;  // -1 when not there

  bool has_glyph(int face, char32_t cp) const;
  // Whether some face has a glyph for `cp`; private-use characters never count (DejaVu Sans has
  // some of its own there, which are not what a customer meant), characters that are drawn as
  // nothing by design (joiners, variation selectors, tags) always do.
  bool covers(char32_t cp) const;
  // The face for `cp` written in `script`: the script's family first, then the fallback order.
  // None (face -1) when no face has it.
  Pick pick(char32_t cp, hb_script_t script, bool bold) const;
  // The same family in the other weight: keeps a run in one family for bold text.
  Pick weighted(int face, bool bold) const;
  // Sets the size both FreeType and HarfBuzz use for `face` (device pixels; cheap when unchanged).
  void set_size(int face, float px);
  FT_Library library() const { return library_; }

 private:
  bool open(int i) const;

  FT_Library library_ = nullptr;
  mutable std::vector<Face> faces_;
  std::vector<float> size_;  // the size each face is set to
};

// Drawn as nothing: joiners, variation selectors, bidi controls, tags (Default_Ignorable_Code_Point).
bool default_ignorable(char32_t cp);
bool private_use(char32_t cp);

}  // namespace baton::desktop::text
