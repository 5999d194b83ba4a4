#pragma once
// How the workspace looks: which theme, and whether it moves. The system says what it prefers (the
// browser's prefers-color-scheme, prefers-contrast, forced-colors and prefers-reduced-motion; the
// desktop's --theme); the agent's own choice in the workspace, kept on the device, comes first.
#include <optional>
#include <string>
#include <string_view>

namespace baton::shell {

enum class Theme { light, dark, contrast };

// What the system asks for (the Platform reads it; all false: a light theme that may move).
struct SystemLook {
  bool dark = false;           // prefers-color-scheme: dark
  bool more_contrast = false;  // prefers-contrast: more
  bool forced_colors = false;  // forced-colors: active (Windows High Contrast and the like)
  bool reduced_motion = false; // prefers-reduced-motion: reduce
  bool operator==(const SystemLook&) const = default;
};

// The theme and the motion the frame is drawn with.
struct Appearance {
  Theme theme = Theme::light;
  bool reduced_motion = false;
  bool operator==(const Appearance&) const = default;
};

// The agent's choice if any; else more contrast (or forced colours) before dark, before light.
Appearance choose_appearance(std::optional<Theme> choice, const SystemLook& system);

std::string_view theme_name(Theme theme);  // "light", "dark", "contrast": storage, --theme, the page
std::optional<Theme> theme_from_name(std::string_view name);

}  // namespace baton::shell
