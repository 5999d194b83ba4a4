#pragma once
// The size at which a font merged into another draws its glyphs at the same scale. Dear ImGui's
// rasteriser (stb_truetype) sizes a face so that its line, hhea ascent + descent, is the size in
// pixels, so two fonts at one size have different em squares when their lines are not the same
// share of the em: DejaVu Sans's line is 1.164 em, Noto Sans CJK's 1.448 em, and an ideograph
// merged at the Latin face's size came out about a fifth smaller than the letters beside it.
// Merged at size × (its line per em) / (the main face's line per em), both em squares are the same
// number of pixels, which is how browsers and the desktop's own text raster (FreeType, one em for
// every face) draw mixed scripts. ImGui puts every merged glyph on the first face's baseline, so
// baselines stay aligned. Read from the files' own tables at load time. Pure but for the file read.
#include <cstddef>
#include <functional>
#include <optional>
#include <string>
#include <string_view>

namespace baton::shell::font {

struct Metrics {
  int units_per_em = 0;  // head.unitsPerEm
  int ascent = 0;        // hhea.ascender (above the baseline, positive)
  int descent = 0;       // hhea.descender (below the baseline, negative)
  // The line stb_truetype sizes a face by, in ems: (ascent - descent) / units per em.
  float line_per_em() const;
  bool operator==(const Metrics&) const = default;
};

// `length` bytes at `offset` of a font file, or fewer when the file ends before.
using ReadAt = std::function<std::string(std::size_t offset, std::size_t length)>;
// The metrics of face `face` (its index in a .ttc collection; 0 for a .ttf or .otf); none when the
// data is not a font, the face does not exist or a table is missing or malformed.
std::optional<Metrics> read_metrics(const ReadAt& read, int face = 0);
std::optional<Metrics> read_metrics(std::string_view file_bytes, int face = 0);
// Reads only the headers and the two tables (a 19 MB .ttc costs a few small reads).
std::optional<Metrics> read_metrics_of_file(const std::string& path, int face = 0);

// The size to merge a font at so that its em is the main face's em at `size`; `size` itself when
// either font's metrics are unknown.
float merged_size(float size, const std::optional<Metrics>& main, const std::optional<Metrics>& merged);

}  // namespace baton::shell::font
