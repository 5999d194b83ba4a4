#pragma once
// What Dear ImGui's own faces carry on the desktop, and where the window's assets are.
#include <filesystem>
#include <vector>

#include "options.hpp"
#include "views/ui.hpp"

namespace baton::desktop {

// Every script ImGui can draw one glyph per character, so that a field typed into (search, login,
// reasons) and a plain label need no raster: the whole of DejaVu Sans (the assets' cut has Latin-1
// only: Greek, Cyrillic, Vietnamese), Noto Sans CJK's Japanese face and Symbola, each weight in its
// face; the files Debian has. ImGui 1.92 bakes only the glyphs drawn, though it keeps a copy of
// each file in memory (measured in README.md).
std::vector<shell::ui::ExtraFont> imgui_extra_fonts();

// --assets, else the assets/ folder beside the executable.
std::filesystem::path assets_folder(const Options& options);

}  // namespace baton::desktop
