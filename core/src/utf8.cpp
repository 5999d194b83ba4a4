#include "baton/utf8.hpp"

namespace baton {

char32_t next_code_point(std::string_view s, std::size_t& i) {
  const auto b = static_cast<unsigned char>(s[i]);
  int extra = 0;
  char32_t c = b;
  if (b < 0x80) extra = 0;
  else if ((b & 0xE0) == 0xC0) extra = 1, c = b & 0x1F;
  else if ((b & 0xF0) == 0xE0) extra = 2, c = b & 0x0F;
  else if ((b & 0xF8) == 0xF0) extra = 3, c = b & 0x07;
  else extra = -1;
  bool valid = extra >= 0 && i + extra < s.size();
  for (int k = 1; valid && k <= extra; ++k) {
    const auto next = static_cast<unsigned char>(s[i + k]);
    valid = (next & 0xC0) == 0x80;
    c = (c << 6) | (next & 0x3F);
  }
  if (!valid) {
    ++i;
    return 0xFFFD;
  }
  i += extra + 1;
  return c;
}

}  // namespace baton
