#pragma once
// The test hook: what the last drawn frame showed, for tests and tools (window.baton.snapshot()).
// Every interactive item reaches it through Dear ImGui's test-engine item hooks (no test engine:
// test_hook.cpp defines the hooks); visible text through ui::text(). Both are recorded into the
// frame's semantics (semantics.hpp); the hook is the tests' view of it. Read-only for its readers.
#include <string>
#include <string_view>
#include <vector>

#include "baton/ids.hpp"

namespace baton::shell::hook {

struct Widget {
  unsigned id = 0;       // ImGui's id
  std::string name;      // the stable id: what follows "##" in the label, else the label
  std::string label;     // the visible label
  float x = 0, y = 0, w = 0, h = 0;  // window pixels
  bool enabled = true;
  bool label_drawn = false;  // ImGui draws the label with its glyphs (not a name the view gave)
};

void begin_frame();
void end_frame(const char* screen);
// A visible piece of text (the last item); `part_of_item`: drawn inside an item (a list row's
// lines), whose name already says it.
void text(const std::string& text, bool part_of_item = false);
// Gives the last item a stable id and label (list rows, the composer's rectangle).
void name_last_item(const std::string& name, const std::string& label, bool enabled = true);

// When the last live message was applied, and when the frame showing the last pass was on screen
// (set by the host after rendering): the benchmark's receive -> applied -> drawn split.
void set_applied_at(Time at);
void set_drawn_at(Time at);

// What a person reads on a label: without leading icon glyphs or a trailing menu arrow.
std::string readable(std::string_view label);

// Characters of the last frame's visible text drawn without a real glyph (the fallback glyph): each
// text and each label ImGui draws, asked of the fonts themselves (ui::has_glyph).
int missing_glyphs();

// The last complete frame as the contract's JSON; `scale` turns window pixels into CSS pixels.
std::string snapshot_json(float scale);
int frames_drawn();
const std::vector<Widget>& widgets();       // of the last complete frame
const std::vector<std::string>& texts();    // of the last complete frame
const std::string& screen();

}  // namespace baton::shell::hook
