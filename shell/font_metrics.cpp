#include "font_metrics.hpp"

#include <climits>
#include <cstdint>
#include <cstdio>

namespace baton::shell::font {
namespace {

// Big-endian integers at `at` of `bytes`; none when they run past its end.
std::optional<std::uint32_t> u32(const std::string& bytes, std::size_t at) {
  if (bytes.size() < at + 4) return std::nullopt;
  const auto b = [&](std::size_t i) { return static_cast<std::uint32_t>(static_cast<unsigned char>(bytes[at + i])); };
  return (b(0) << 24) | (b(1) << 16) | (b(2) << 8) | b(3);
}
std::optional<std::uint16_t> u16(const std::string& bytes, std::size_t at) {
  if (bytes.size() < at + 2) return std::nullopt;
  return static_cast<std::uint16_t>((static_cast<unsigned char>(bytes[at]) << 8) | static_cast<unsigned char>(bytes[at + 1]));
}
std::optional<int> i16(const std::string& bytes, std::size_t at) {
  const auto v = u16(bytes, at);
  if (!v) return std::nullopt;
  return static_cast<int>(static_cast<std::int16_t>(*v));
}

constexpr std::uint32_t tag(const char (&t)[5]) {
  return (std::uint32_t(std::uint8_t(t[0])) << 24) | (std::uint32_t(std::uint8_t(t[1])) << 16) |
         (std::uint32_t(std::uint8_t(t[2])) << 8) | std::uint32_t(std::uint8_t(t[3]));
}

constexpr std::uint16_t kMaxTables = 512;  // far more than any font has; bounds a corrupt count

}  // namespace

float Metrics::line_per_em() const {
  return units_per_em > 0 ? static_cast<float>(ascent - descent) / static_cast<float>(units_per_em) : 0.0f;
}

std::optional<Metrics> read_metrics(const ReadAt& read, int face) {
  if (face < 0) return std::nullopt;
  std::size_t start = 0;  // where the face's table directory is
  const std::string header = read(0, 12);
  const auto version = u32(header, 0);
  if (!version) return std::nullopt;
  if (*version == tag("ttcf")) {  // a collection: a list of the faces' offsets
    const auto count = u32(header, 8);
    if (!count || static_cast<std::uint32_t>(face) >= *count) return std::nullopt;
    const auto offset = u32(read(12 + 4 * static_cast<std::size_t>(face), 4), 0);
    if (!offset) return std::nullopt;
    start = *offset;
  } else if (face != 0) {
    return std::nullopt;
  }
  const std::string sfnt = start == 0 ? header : read(start, 12);
  const auto flavour = u32(sfnt, 0);
  const auto tables = u16(sfnt, 4);
  if (!flavour || !tables || *tables > kMaxTables ||
      (*flavour != 0x00010000 && *flavour != tag("OTTO") && *flavour != tag("true")))
    return std::nullopt;
  const std::string directory = read(start + 12, 16 * std::size_t{*tables});
  std::optional<std::uint32_t> head, hhea;
  for (std::size_t i = 0; i < *tables; ++i) {
    const auto name = u32(directory, 16 * i), offset = u32(directory, 16 * i + 8);
    if (!name || !offset) return std::nullopt;
    if (*name == tag("head")) head = offset;
    if (*name == tag("hhea")) hhea = offset;
  }
  if (!head || !hhea) return std::nullopt;
  const auto units = u16(read(*head + 18, 2), 0);                 // head.unitsPerEm
  const std::string line = read(*hhea + 4, 4);                     // hhea.ascender, hhea.descender
  const auto ascent = i16(line, 0), descent = i16(line, 2);
  if (!units || *units == 0 || !ascent || !descent || *ascent - *descent <= 0) return std::nullopt;
  return Metrics{*units, *ascent, *descent};
}

std::optional<Metrics> read_metrics(std::string_view bytes, int face) {
  return read_metrics(
      [bytes](std::size_t offset, std::size_t length) {
        return offset >= bytes.size() ? std::string() : std::string(bytes.substr(offset, length));
      },
      face);
}

std::optional<Metrics> read_metrics_of_file(const std::string& path, int face) {
  // C's stdio, not <fstream>: iostreams would add about 70 KB to the page's WebAssembly.
  std::FILE* file = std::fopen(path.c_str(), "rb");
  if (!file) return std::nullopt;
  auto metrics = read_metrics(
      [file](std::size_t offset, std::size_t length) {
        std::string out(length, '\0');
        if (offset > static_cast<std::size_t>(LONG_MAX) || std::fseek(file, static_cast<long>(offset), SEEK_SET) != 0) return std::string();
        out.resize(std::fread(out.data(), 1, length, file));
        return out;
      },
      face);
  std::fclose(file);
  return metrics;
}

float merged_size(float size, const std::optional<Metrics>& main, const std::optional<Metrics>& merged) {
  if (!main || !merged || main->line_per_em() <= 0 || merged->line_per_em() <= 0) return size;
  return size * merged->line_per_em() / main->line_per_em();
}

}  // namespace baton::shell::font
