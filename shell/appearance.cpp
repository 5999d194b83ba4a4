#include "appearance.hpp"

namespace baton::shell {

Appearance choose_appearance(std::optional<Theme> choice, const SystemLook& system) {
  Appearance look;
  look.reduced_motion = system.reduced_motion;
  if (choice) look.theme = *choice;
  else if (system.forced_colors || system.more_contrast) look.theme = Theme::contrast;
  else if (system.dark) look.theme = Theme::dark;
  return look;
}

std::string_view theme_name(Theme theme) {
  switch (theme) {
    case Theme::dark: return "dark";
    case Theme::contrast: return "contrast";
    default: return "light";
  }
}

std::optional<Theme> theme_from_name(std::string_view name) {
  for (Theme theme : {Theme::light, Theme::dark, Theme::contrast})
    if (theme_name(theme) == name) return theme;
  return std::nullopt;
}

}  // namespace baton::shell
