#include "baton/ticket_ref.hpp"

#include <cctype>

namespace baton {

std::string make_ref(std::uint64_t bits) {
  // 26^8 * 10^4 ≈ 2^51 references: collisions are rare, and the host retries on one.
  std::string ref;
  auto letters = [&](int n) {
    for (int i = 0; i < n; ++i, bits /= 26) ref += static_cast<char>('A' + bits % 26);
  };
  auto digits = [&](int n) {
    for (int i = 0; i < n; ++i, bits /= 10) ref += static_cast<char>('0' + bits % 10);
  };
  letters(4);
  ref += '-';
  digits(4);
  ref += '-';
  letters(4);
  return ref;
}

bool is_valid_ref(const std::string& ref) {
  if (ref.size() != 14 || ref[4] != '-' || ref[9] != '-') return false;
  for (std::size_t i = 0; i < ref.size(); ++i) {
    const unsigned char ch = static_cast<unsigned char>(ref[i]);
    if (i == 4 || i == 9) continue;
    const bool digit_slot = i > 4 && i < 9;
    if (digit_slot ? !std::isdigit(ch) : !(ch >= 'A' && ch <= 'Z')) return false;
  }
  return true;
}

}  // namespace baton
