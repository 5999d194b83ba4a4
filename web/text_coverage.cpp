#include "text_coverage.hpp"

#include <algorithm>
#include <cstdint>
#include <utility>
#include <vector>

namespace baton::web {
namespace {

// Ranges as LEB128 varints (gap from the previous range's end, length - 1): 2.7 KB gzip instead
// of 4.4 KB as pairs of 32-bit numbers.
constexpr std::uint8_t kPacked[] = {
#include "text_coverage.inc"
};

std::vector<std::pair<char32_t, char32_t>> decode() {
  std::vector<std::pair<char32_t, char32_t>> ranges;
  std::size_t at = 0;
  auto next = [&] {
    std::uint32_t value = 0;
    for (int shift = 0; at < sizeof kPacked; shift += 7) {
      const std::uint8_t byte = kPacked[at++];
      value |= static_cast<std::uint32_t>(byte & 0x7F) << shift;
      if (!(byte & 0x80)) break;
    }
    return value;
  };
  std::int64_t last = -1;
  while (at < sizeof kPacked) {
    const auto first = static_cast<char32_t>(last + 1 + next());
    const auto end = static_cast<char32_t>(first + next());
    ranges.emplace_back(first, end);
    last = end;
  }
  return ranges;
}

}  // namespace

bool text_covered(char32_t code_point) {
  static const auto ranges = decode();
  auto after = std::upper_bound(ranges.begin(), ranges.end(), code_point,
                                [](char32_t c, const auto& range) { return c < range.first; });
  return after != ranges.begin() && code_point <= std::prev(after)->second;
}

}  // namespace baton::web
