#include "text_layout.hpp"

#include <algorithm>
#include <cmath>
#include <memory>

#include <fribidi.h>

namespace baton::desktop::text {
namespace {

hb_unicode_funcs_t* unicode() { return hb_unicode_funcs_get_default(); }

// Spaces a line may break after (not the no-break ones: U+00A0, U+2007, U+202F).
bool is_space(char32_t c) {
  return c == ' ' || c == '\t' || c == 0x1680 || (c >= 0x2000 && c <= 0x2006) || (c >= 0x2008 && c <= 0x200A) ||
         c == 0x205F || c == 0x3000;
}

bool is_mark(char32_t c) {
  const auto category = hb_unicode_general_category(unicode(), c);
  return category == HB_UNICODE_GENERAL_CATEGORY_NON_SPACING_MARK ||
         category == HB_UNICODE_GENERAL_CATEGORY_SPACING_MARK || category == HB_UNICODE_GENERAL_CATEGORY_ENCLOSING_MARK;
}

bool emoji_modifier(char32_t c) { return c >= 0x1F3FB && c <= 0x1F3FF; }

// Belongs to the character before it: drawn by the same font, never the start of a line.
bool attaches(char32_t c) { return is_mark(c) || default_ignorable(c) || emoji_modifier(c); }

bool no_script(hb_script_t s) {
  return s == HB_SCRIPT_COMMON || s == HB_SCRIPT_INHERITED || s == HB_SCRIPT_UNKNOWN || s == HB_SCRIPT_INVALID;
}

// Characters a line may break before and after (UAX #14's ID class, roughly): CJK ideographs,
// kana, Hangul, fullwidth forms, emoji.
bool ideographic(char32_t c) {
  switch (hb_unicode_script(unicode(), c)) {
    case HB_SCRIPT_HAN:
    case HB_SCRIPT_HIRAGANA:
    case HB_SCRIPT_KATAKANA:
    case HB_SCRIPT_HANGUL:
    case HB_SCRIPT_BOPOMOFO: return true;
    default: break;
  }
  return (c >= 0x3000 && c <= 0x303F) || (c >= 0xFF01 && c <= 0xFF60) || (c >= 0x1F000 && c <= 0x1FAFF) ||
         (c >= 0x2600 && c <= 0x27BF);
}

// Closing punctuation and the like: never at the start of a line (kinsoku).
bool no_break_before(char32_t c) {
  static constexpr std::u32string_view kClosing =
      U")]}>,.:;!?%\u00BB\u2019\u201D\u2026\u3001\u3002\u3009\u300B\u300D\u300F\u3011\u3015\u3017\u3019\u301B"
      U"\u30FC\u30FD\u30FE\u309D\u309E\u3005\u30FB\uFF09\uFF0C\uFF0E\uFF1A\uFF1B\uFF1F\uFF01\uFF3D\uFF5D\uFF60\uFF63";
  return kClosing.find(c) != std::u32string_view::npos;
}

// Opening punctuation: never at the end of a line.
bool no_break_after(char32_t c) {
  static constexpr std::u32string_view kOpening =
      U"([{<\u00AB\u2018\u201C\u3008\u300A\u300C\u300E\u3010\u3014\u3016\u3018\u301A\uFF08\uFF3B\uFF5B\uFF5F\uFF62";
  return kOpening.find(c) != std::u32string_view::npos;
}

// A line may start at text[i] (0 < i): after spaces, around ideographs, after a hyphen between
// words. Thai and Lao have no spaces between words and no dictionary here: they break at spaces,
// and inside a too long word as any word does.
bool break_before(const std::u32string& t, std::size_t i) {
  const char32_t prev = t[i - 1], cur = t[i];
  if (is_space(cur) || attaches(cur) || prev == 0x200D || prev == 0x2060 || cur == 0x2060) return false;
  if (no_break_before(cur)) return false;
  if (prev == 0x200B || is_space(prev)) return true;
  if (no_break_after(prev)) return false;
  if (ideographic(prev) || ideographic(cur)) return true;
  const bool hyphen = prev == '-' || prev == 0x2010 || prev == 0x2013 || prev == 0x2014;
  return hyphen && i >= 2 && !is_space(t[i - 2]);
}

// The script each character is written in: common characters (spaces, digits, punctuation) and
// marks take their neighbour's, the one before or else the one after.
std::vector<hb_script_t> resolve_scripts(const std::u32string& t, std::size_t start, std::size_t end) {
  std::vector<hb_script_t> scripts(end - start, HB_SCRIPT_INVALID);
  hb_script_t last = HB_SCRIPT_INVALID;
  for (std::size_t i = start; i < end; ++i) {
    const hb_script_t own = hb_unicode_script(unicode(), t[i]);
    if (!no_script(own)) last = own;
    scripts[i - start] = no_script(own) ? last : own;
  }
  hb_script_t next = HB_SCRIPT_COMMON;
  for (std::size_t k = scripts.size(); k-- > 0;) {
    if (scripts[k] == HB_SCRIPT_INVALID) scripts[k] = next;
    else next = scripts[k];
  }
  return scripts;
}

struct Item {
  std::uint32_t start, end;
  int level;
  Pick pick;
  hb_script_t script;
};

struct Shaper {
  FontSet& fonts;
  const std::u32string& text;
  float em;
  std::unique_ptr<hb_buffer_t, decltype(&hb_buffer_destroy)> buffer{hb_buffer_create(), &hb_buffer_destroy};

  // Shapes text[start, end) in its context (Arabic joins across the edges of a run of a line).
  // Glyphs come in visual order: right to left runs reversed.
  void shape(const Item& item, std::uint32_t start, std::uint32_t end) {
    hb_buffer_t* b = buffer.get();
    hb_buffer_clear_contents(b);
    hb_buffer_add_utf32(b, reinterpret_cast<const std::uint32_t*>(text.data()), static_cast<int>(text.size()), start,
                        static_cast<int>(end - start));
    hb_buffer_set_direction(b, item.level % 2 ? HB_DIRECTION_RTL : HB_DIRECTION_LTR);
    if (!no_script(item.script)) hb_buffer_set_script(b, item.script);
    hb_buffer_guess_segment_properties(b);
    fonts.set_size(item.pick.face, em);
    hb_shape(fonts.face(item.pick.face).hb, b, nullptr, 0);
  }
  unsigned count() const { return hb_buffer_get_length(buffer.get()); }
  const hb_glyph_info_t* info() const { return hb_buffer_get_glyph_infos(buffer.get(), nullptr); }
  const hb_glyph_position_t* pos() const { return hb_buffer_get_glyph_positions(buffer.get(), nullptr); }
};

constexpr float k26_6 = 1.0f / 64.0f;

// The paragraph text[start, end) cut into items: bidi level, font and script constant in each.
std::vector<Item> itemize(FontSet& fonts, const std::u32string& t, std::uint32_t start, std::uint32_t end, bool bold,
                          Pick primary, bool& rtl) {
  const std::size_t n = end - start;
  std::vector<FriBidiChar> chars(t.begin() + start, t.begin() + end);
  std::vector<FriBidiCharType> types(n);
  std::vector<FriBidiBracketType> brackets(n);
  std::vector<FriBidiLevel> levels(n);
  rtl = false;
  if (n == 0) return {};
  fribidi_get_bidi_types(chars.data(), static_cast<FriBidiStrIndex>(n), types.data());
  fribidi_get_bracket_types(chars.data(), static_cast<FriBidiStrIndex>(n), types.data(), brackets.data());
  FriBidiParType direction = FRIBIDI_PAR_ON;  // from the first strong character, else left to right
  if (fribidi_get_par_embedding_levels_ex(types.data(), brackets.data(), static_cast<FriBidiStrIndex>(n), &direction,
                                          levels.data()) == 0)
    std::fill(levels.begin(), levels.end(), FriBidiLevel{0});
  rtl = FRIBIDI_IS_RTL(direction);

  const std::vector<hb_script_t> scripts = resolve_scripts(t, start, end);
  std::vector<Item> items;
  Pick prev{};
  for (std::uint32_t i = start; i < end; ++i) {
    const char32_t c = t[i];
    const hb_script_t own = hb_unicode_script(unicode(), c);
    Pick pick;
    // Marks, joiners and neutral characters stay in the font before them when it has them: one
    // cluster, one font; spaces and digits inside Arabic shape with the Arabic words.
    if (prev.face >= 0 && (default_ignorable(c) || ((attaches(c) || no_script(own)) && fonts.has_glyph(prev.face, c))))
      pick = prev;
    else
      pick = fonts.pick(c, scripts[i - start], bold);
    if (pick.face < 0) pick = prev.face >= 0 ? prev : primary;  // none has it: a box
    const Item item{i, i + 1, levels[i - start], pick, scripts[i - start]};
    if (!items.empty() && items.back().level == item.level && items.back().pick == item.pick &&
        items.back().script == item.script)
      items.back().end = i + 1;
    else
      items.push_back(item);
    prev = pick;
  }
  return items;
}

// Where the lines of a paragraph start and end: greedy, at break opportunities, a word wider than
// the line cut between its clusters.
std::vector<std::pair<std::uint32_t, std::uint32_t>> break_lines(const std::u32string& t, std::uint32_t start,
                                                                 std::uint32_t end, const std::vector<float>& advance,
                                                                 const std::vector<bool>& cluster_start, float wrap) {
  std::vector<std::pair<std::uint32_t, std::uint32_t>> lines;
  if (wrap <= 0) return {{start, end}};
  std::uint32_t s = start;
  while (s < end) {
    float width = 0;
    std::uint32_t opportunity = s, stop = end;
    for (std::uint32_t i = s; i < end; ++i) {
      if (i > s && cluster_start[i] && break_before(t, i)) opportunity = i;
      width += advance[i];
      if (i > s && !is_space(t[i]) && width > wrap + 0.01f) {
        if (opportunity > s) {
          stop = opportunity;
        } else {  // one word wider than the line: cut before the cluster that overflows
          std::uint32_t c = i;
          while (c > s && !cluster_start[c]) --c;
          if (c == s) {
            c = i + 1;
            while (c < end && !cluster_start[c]) ++c;
          }
          stop = c;
        }
        break;
      }
    }
    lines.emplace_back(s, stop);
    s = stop;
  }
  return lines;
}

// Unicode's rule L2: from the highest level down to the lowest odd one, reverse every run of
// items at that level or higher.
void reorder(std::vector<Item>& items) {
  if (items.empty()) return;
  int highest = 0, lowest_odd = 1 << 30;
  for (const Item& item : items) {
    highest = std::max(highest, item.level);
    if (item.level % 2) lowest_odd = std::min(lowest_odd, item.level);
  }
  for (int level = highest; level >= lowest_odd; --level) {
    for (std::size_t i = 0; i < items.size();) {
      if (items[i].level < level) {
        ++i;
        continue;
      }
      std::size_t j = i;
      while (j < items.size() && items[j].level >= level) ++j;
      std::reverse(items.begin() + static_cast<std::ptrdiff_t>(i), items.begin() + static_cast<std::ptrdiff_t>(j));
      i = j;
    }
  }
}

}  // namespace

std::u32string decode_utf8(std::string_view s) {
  std::u32string out;
  out.reserve(s.size());
  for (std::size_t i = 0; i < s.size();) {
    const auto b = static_cast<unsigned char>(s[i]);
    int length = b < 0x80 ? 1 : (b >> 5) == 0x6 ? 2 : (b >> 4) == 0xE ? 3 : (b >> 3) == 0x1E ? 4 : 0;
    char32_t cp = length == 1 ? b : length == 2 ? (b & 0x1F) : length == 3 ? (b & 0x0F) : (b & 0x07);
    bool ok = length > 0 && i + static_cast<std::size_t>(length) <= s.size();
    for (int k = 1; ok && k < length; ++k) {
      const auto next = static_cast<unsigned char>(s[i + static_cast<std::size_t>(k)]);
      ok = (next & 0xC0) == 0x80;
      cp = (cp << 6) | (next & 0x3F);
    }
    static constexpr char32_t kMin[] = {0, 0, 0x80, 0x800, 0x10000};
    ok = ok && cp >= kMin[length] && cp <= 0x10FFFF && !(cp >= 0xD800 && cp <= 0xDFFF);
    out.push_back(ok ? cp : U'\uFFFD');
    i += ok ? static_cast<std::size_t>(length) : 1;
  }
  return out;
}

Layout lay_out(FontSet& fonts, std::string_view utf8, const shell::TextStyle& style) {
  Layout layout;
  layout.text = decode_utf8(utf8);
  std::u32string& t = layout.text;
  if (style.px <= 0) return layout;
  for (char32_t& c : t)  // controls drawn as spaces (a tab too: no tab stops in a label)
    if (c < 0x20 && c != '\n') c = ' ';

  // The size is Dear ImGui's: the primary face's line height (ascent + descent), not its em.
  Pick primary = fonts.weighted(fonts.find(Family::dejavu, false), style.bold);
  for (int i = 0; i < fonts.size() && primary.face < 0; ++i) primary = fonts.weighted(i, style.bold);
  if (primary.face < 0) return layout;
  const Face& main = fonts.face(primary.face);
  const float em = layout.em = style.px / (main.ascent + main.descent);
  const float line_ascent = std::ceil(main.ascent * em), line_height = style.px;

  Shaper shaper{fonts, t, em};
  const auto n = static_cast<std::uint32_t>(t.size());
  std::vector<float> advance(n, 0.0f);
  std::vector<bool> cluster_start(n, false);
  std::uint32_t para_start = 0;
  while (para_start <= n) {
    std::uint32_t para_end = para_start;
    while (para_end < n && t[para_end] != '\n' && t[para_end] != 0x2029) ++para_end;
    bool rtl = false;
    std::vector<Item> items = itemize(fonts, t, para_start, para_end, style.bold, primary, rtl);
    for (const Item& item : items) {  // advances per character, to find where lines end
      shaper.shape(item, item.start, item.end);
      for (unsigned g = 0; g < shaper.count(); ++g) {
        advance[shaper.info()[g].cluster] += static_cast<float>(shaper.pos()[g].x_advance) * k26_6;
        cluster_start[shaper.info()[g].cluster] = true;
      }
    }
    for (auto [line_start, line_end] : break_lines(t, para_start, para_end, advance, cluster_start, style.wrap_width)) {
      Line line;
      line.rtl = rtl;
      line.start = line_start;
      while (line_end > line_start && is_space(t[line_end - 1])) --line_end;  // spaces hang past the edge
      line.end = line_end;
      std::vector<Item> pieces;
      for (const Item& item : items) {
        const std::uint32_t s = std::max(item.start, line_start), e = std::min(item.end, line_end);
        if (s < e) pieces.push_back({s, e, item.level, item.pick, item.script});
      }
      reorder(pieces);
      float pen = 0, ink_top = line_ascent, ink_bottom = line_height - line_ascent;
      for (const Item& piece : pieces) {
        shaper.shape(piece, piece.start, piece.end);
        Run run{piece.pick.face, piece.level % 2 == 1, piece.script, piece.start, piece.end, pen, 0};
        hb_font_t* font = fonts.face(piece.pick.face).hb;
        for (unsigned g = 0; g < shaper.count(); ++g) {
          const hb_glyph_info_t& info = shaper.info()[g];
          const hb_glyph_position_t& pos = shaper.pos()[g];
          Glyph glyph{piece.pick.face, piece.pick.embolden, info.codepoint, pen + static_cast<float>(pos.x_offset) * k26_6,
                      -static_cast<float>(pos.y_offset) * k26_6, info.cluster};
          hb_glyph_extents_t ink{};
          if (hb_font_get_glyph_extents(font, info.codepoint, &ink) && ink.height != 0) {
            const float bold = piece.pick.embolden ? em / 24 : 0;
            ink_top = std::max(ink_top, static_cast<float>(ink.y_bearing) * k26_6 - glyph.y + bold);
            ink_bottom = std::max(ink_bottom, -static_cast<float>(ink.y_bearing + ink.height) * k26_6 + glyph.y + bold);
          }
          line.glyphs.push_back(glyph);
          pen += static_cast<float>(pos.x_advance) * k26_6;
        }
        run.width = pen - run.x;
        line.runs.push_back(run);
      }
      line.width = pen;
      line.ascent = std::ceil(ink_top);
      line.descent = std::ceil(ink_bottom);
      layout.lines.push_back(std::move(line));
    }
    para_start = para_end + 1;
  }

  float y = 0;
  bool any_rtl = false;
  for (Line& line : layout.lines) {
    line.baseline = y + line.ascent;
    y += line.ascent + line.descent;
    layout.width = std::max(layout.width, line.width);
    any_rtl = any_rtl || line.rtl;
  }
  if (any_rtl && style.wrap_width > 0) layout.width = std::max(layout.width, style.wrap_width);
  for (Line& line : layout.lines)
    if (line.rtl) line.x = layout.width - line.width;
  layout.height = y;
  return layout;
}

}  // namespace baton::desktop::text
