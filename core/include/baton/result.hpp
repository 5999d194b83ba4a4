#pragma once
// A value or the rejection that explains why there is none. Errors are values in the core.
#include <variant>

#include "baton/rejection.hpp"

namespace baton {

template <typename T>
using Result = std::variant<T, Rejection>;

template <typename T>
bool ok(const Result<T>& r) { return std::holds_alternative<T>(r); }

}  // namespace baton
