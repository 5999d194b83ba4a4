#include "text_fonts.hpp"

#include <cmath>
#include <cstdio>
#include <filesystem>

namespace baton::desktop::text {
namespace {

// The family that writes a script natively; dejavu for everything else (Latin, Greek, Cyrillic,
// symbols, and scripts none of our fonts has, which then fall back in order).
Family family_of(hb_script_t script) {
  switch (script) {
    case HB_SCRIPT_ARABIC: return Family::arabic;
    case HB_SCRIPT_HEBREW: return Family::hebrew;
    case HB_SCRIPT_DEVANAGARI: return Family::devanagari;
    case HB_SCRIPT_THAI: return Family::thai;
    case HB_SCRIPT_HAN:
    case HB_SCRIPT_HIRAGANA:
    case HB_SCRIPT_KATAKANA:
    case HB_SCRIPT_HANGUL:
    case HB_SCRIPT_BOPOMOFO: return Family::cjk;
    default: return Family::dejavu;
  }
}

constexpr Family kFallback[] = {Family::dejavu, Family::cjk, Family::arabic, Family::hebrew,
                                Family::devanagari, Family::thai, Family::symbola};

}  // namespace

std::vector<FontFile> debian_fonts() {
  const std::string dejavu = "/usr/share/fonts/truetype/dejavu/", noto = "/usr/share/fonts/truetype/noto/",
                    cjk = "/usr/share/fonts/opentype/noto/";
  return {
      {Family::dejavu, false, dejavu + "DejaVuSans.ttf"},
      {Family::dejavu, true, dejavu + "DejaVuSans-Bold.ttf"},
      {Family::cjk, false, cjk + "NotoSansCJK-Regular.ttc", 0},
      {Family::cjk, true, cjk + "NotoSansCJK-Bold.ttc", 0},
      {Family::arabic, false, noto + "NotoSansArabic-Regular.ttf"},
      {Family::arabic, true, noto + "NotoSansArabic-Bold.ttf"},
      {Family::hebrew, false, noto + "NotoSansHebrew-Regular.ttf"},
      {Family::hebrew, true, noto + "NotoSansHebrew-Bold.ttf"},
      {Family::devanagari, false, noto + "NotoSansDevanagari-Regular.ttf"},
      {Family::devanagari, true, noto + "NotoSansDevanagari-Bold.ttf"},
      {Family::thai, false, noto + "NotoSansThai-Regular.ttf"},
      {Family::thai, true, noto + "NotoSansThai-Bold.ttf"},
      {Family::symbola, false, "/usr/share/fonts/truetype/ancient-scripts/Symbola_hint.ttf"},
  };
}

bool private_use(char32_t cp) {
  return (cp >= 0xE000 && cp <= 0xF8FF) || (cp >= 0xF0000 && cp <= 0xFFFFD) || (cp >= 0x100000 && cp <= 0x10FFFD);
}

bool default_ignorable(char32_t cp) {
  return cp == 0x00AD || cp == 0x034F || cp == 0x061C || (cp >= 0x115F && cp <= 0x1160) ||
         (cp >= 0x17B4 && cp <= 0x17B5) || (cp >= 0x180B && cp <= 0x180F) || (cp >= 0x200B && cp <= 0x200F) ||
         (cp >= 0x202A && cp <= 0x202E) || (cp >= 0x2060 && cp <= 0x206F) || cp == 0x3164 ||
         (cp >= 0xFE00 && cp <= 0xFE0F) || cp == 0xFEFF || cp == 0xFFA0 || (cp >= 0xFFF0 && cp <= 0xFFF8) ||
         (cp >= 0x1BCA0 && cp <= 0x1BCA3) || (cp >= 0x1D173 && cp <= 0x1D17A) || (cp >= 0xE0000 && cp <= 0xE0FFF);
}

FontSet::FontSet(const std::vector<FontFile>& files) {
  if (FT_Init_FreeType(&library_) != 0) {
    std::fprintf(stderr, "baton-desktop: FreeType did not start; shaped text is not drawn\n");
    library_ = nullptr;
    return;
  }
  for (const FontFile& file : files) {
    std::error_code ec;
    if (std::filesystem::is_regular_file(file.path, ec)) {
      faces_.push_back({file});
      size_.push_back(0);
    } else {
      std::fprintf(stderr, "baton-desktop: font %s missing (its scripts fall back to other fonts)\n", file.path.c_str());
    }
  }
}

bool FontSet::open(int i) const {
  Face& face = faces_[static_cast<std::size_t>(i)];
  if (face.ft || face.failed) return face.ft != nullptr;
  hb_blob_t* blob = hb_blob_create_from_file_or_fail(face.file.path.c_str());  // mapped, not read
  if (!blob || FT_New_Face(library_, face.file.path.c_str(), face.file.index, &face.ft) != 0) {
    std::fprintf(stderr, "baton-desktop: font %s unreadable (its scripts fall back to other fonts)\n", face.file.path.c_str());
    hb_blob_destroy(blob);
    face.ft = nullptr;
    face.failed = true;
    return false;
  }
  hb_face_t* hb_face = hb_face_create(blob, static_cast<unsigned>(face.file.index));
  hb_blob_destroy(blob);
  face.hb = hb_font_create(hb_face);
  hb_face_destroy(hb_face);
  hb_font_extents_t extents{};
  hb_font_set_scale(face.hb, 1 << 16, 1 << 16);
  hb_font_get_h_extents(face.hb, &extents);
  face.ascent = static_cast<float>(extents.ascender) / (1 << 16);
  face.descent = static_cast<float>(-extents.descender) / (1 << 16);
  return true;
}

const Face& FontSet::face(int i) const {
  open(i);
  return faces_[static_cast<std::size_t>(i)];
}

FontSet::~FontSet() {
  for (Face& face : faces_) {
    if (face.hb) hb_font_destroy(face.hb);
    if (face.ft) FT_Done_Face(face.ft);
  }
  if (library_) FT_Done_FreeType(library_);
}

int FontSet::find(Family family, bool bold) const {
  for (int i = 0; i < size(); ++i) {
    const FontFile& file = faces_[static_cast<std::size_t>(i)].file;
    if (file.family == family && file.bold == bold) return i;
  }
  return -1;
}

bool FontSet::has_glyph(int face, char32_t cp) const {
  return face >= 0 && face < size() && open(face) && FT_Get_Char_Index(faces_[static_cast<std::size_t>(face)].ft, cp) != 0;
}

bool FontSet::covers(char32_t cp) const {
  if (private_use(cp)) return false;
  if (default_ignorable(cp)) return true;
  for (int i = 0; i < size(); ++i)
    if (has_glyph(i, cp)) return true;
  return false;
}

Pick FontSet::weighted(int face, bool bold) const {
  if (face < 0) return {};
  const Family family = faces_[static_cast<std::size_t>(face)].file.family;
  if (const int same = find(family, bold); same >= 0 && open(same)) return {same, false};
  const int other = find(family, !bold);  // only a regular file: the rasteriser emboldens it
  return other >= 0 && open(other) ? Pick{other, bold} : Pick{};
}

Pick FontSet::pick(char32_t cp, hb_script_t script, bool bold) const {
  auto try_family = [&](Family family) -> Pick {
    const int regular = find(family, false) >= 0 ? find(family, false) : find(family, true);
    if (!has_glyph(regular, cp)) return {};
    return weighted(regular, bold);
  };
  if (const Pick own = try_family(family_of(script)); own.face >= 0) return own;
  for (Family family : kFallback)
    if (const Pick other = try_family(family); other.face >= 0) return other;
  return {};
}

void FontSet::set_size(int face, float px) {
  float& current = size_[static_cast<std::size_t>(face)];
  if (current == px) return;
  current = px;
  const Face& f = this->face(face);
  const auto scale = static_cast<int>(std::lround(px * 64));  // 26.6 fixed point, like FreeType
  hb_font_set_scale(f.hb, scale, scale);
  FT_Set_Char_Size(f.ft, 0, scale, 72, 72);  // at 72 dpi a point is a pixel
}

}  // namespace baton::desktop::text
