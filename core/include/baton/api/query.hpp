#pragma once
// Query strings as the API writes and reads them: percent-encoding, and one parameter's value.
#include <optional>
#include <string>
#include <string_view>

namespace baton::api {

// Everything but letters, digits and -_.~ is percent-encoded (UTF-8 bytes included).
std::string url_encode(std::string_view text);
// '+' is a space; a malformed escape is kept as written.
std::string url_decode(std::string_view text);
// The decoded value of `name` in "a=1&b=2" (the part after '?'); none when it is absent.
std::optional<std::string> query_param(std::string_view query, std::string_view name);

}  // namespace baton::api
