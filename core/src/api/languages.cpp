// The languages the workspace speaks: an agent's preferred `lang` must be one of these codes
// (docs/API.md). Adding a language: its code here and its catalog in the workspace.
#include "baton/api/bodies.hpp"

namespace baton::api {

namespace {
constexpr std::string_view kLanguages[] = {"en", "ja"};
}

std::span<const std::string_view> languages() { return kLanguages; }

}  // namespace baton::api
