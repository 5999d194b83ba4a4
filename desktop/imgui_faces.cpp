#include "imgui_faces.hpp"

#include "text_fonts.hpp"

namespace baton::desktop {

std::vector<shell::ui::ExtraFont> imgui_extra_fonts() {
  using text::Family;
  using Weight = shell::ui::ExtraFont::Weight;
  std::vector<shell::ui::ExtraFont> fonts;
  for (const auto& [family, bold, path, index] : text::debian_fonts()) {
    if (!std::filesystem::exists(path)) continue;
    if (family == Family::dejavu || family == Family::cjk)
      fonts.push_back({path, index, bold ? Weight::bold : Weight::regular});
    else if (family == Family::symbola)
      fonts.push_back({path, index, Weight::both});
  }
  return fonts;
}

std::filesystem::path assets_folder(const Options& options) {
  if (!options.assets.empty()) return options.assets;
  std::error_code ec;
  const auto self = std::filesystem::read_symlink("/proc/self/exe", ec);
  return (ec ? std::filesystem::current_path() : self.parent_path()) / "assets";
}

}  // namespace baton::desktop
