#pragma once
// UTF-8 read a code point at a time: one decoder for the core (the script a customer wrote in) and
// the workspace (which characters its fonts draw, which its text raster must). Pure.
#include <cstddef>
#include <string_view>

namespace baton {

// The code point of UTF-8 text starting at `at`, which moves past it; a malformed byte becomes
// U+FFFD (and is passed alone). For loops run every frame: nothing is allocated.
char32_t next_code_point(std::string_view utf8, std::size_t& at);

}  // namespace baton
