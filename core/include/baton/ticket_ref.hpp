#pragma once
// Ticket references such as CDOB-7212-OJRK: short to read aloud, hard to guess.
#include <cstdint>
#include <string>

namespace baton {

// Four letters, four digits, four letters, from 64 random bits supplied by the host.
std::string make_ref(std::uint64_t random_bits);
bool is_valid_ref(const std::string& ref);

}  // namespace baton
