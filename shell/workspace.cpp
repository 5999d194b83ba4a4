#include "views/ui.hpp"
#include "i18n/words.hpp"
#include "workspace.hpp"


#include <algorithm>

#include "imgui_internal.h"
#include "semantics.hpp"
#include "test_hook.hpp"
#include "views/views.hpp"

namespace baton::shell {

std::vector<ui::ExtraFont> Workspace::extra_fonts() const {
  if (!app_.state().ui_fonts_ready || !i18n::current().beyond_latin()) return {};
  return {{"lazy/ui-extra-regular.otf", 0, ui::ExtraFont::regular}, {"lazy/ui-extra-bold.otf", 0, ui::ExtraFont::bold}};
}

Appearance Workspace::appearance() const {
  return choose_appearance(app_.state().theme_choice, platform_.system_look());
}

int Workspace::passes_wanted(bool input) {
  app_.tick();
  bool tour_moved = false;
  if (tour_ && !tour_->free_play()) {  // a step may have been done by what just arrived
    const bool was_done = tour_->step_done();
    const std::size_t was = tour_->index();
    tour_->update(app_.state(), platform_.now_ms());
    tour_moved = tour_->step_done() != was_done || tour_->index() != was;
  }
  // Input: a click's press and release, the intents it emits and a popup it opens (auto-sized
  // windows are measured in the pass after they appear) settle in three passes. News: tables and
  // auto-sized panels take a second pass to lay out. The clock alone: one.
  if (input) return 3;
  if (app_.dirty()) return 2;
  if (app_.ticked() || tour_moved) return 1;
  return 0;
}

void Workspace::draw() {
  ViewContext context;
  context.now = platform_.now_ms();
  context.utc_offset = platform_.utc_offset_minutes(context.now);
  context.native_editor = platform_.has_native_editor();
  context.drafts_kept = storage_.where();
  if (!browser_languages_) browser_languages_ = platform_.preferred_languages();  // asked once
  context.browser_languages = *browser_languages_;
  context.system_theme = choose_appearance(std::nullopt, platform_.system_look()).theme;
  ui::set_text_raster(platform_.text_raster());
  context.tour = tour_;
  if (shown_look_ != ui::appearance()) {  // the theme the runner applied: the page's editor follows it
    shown_look_ = ui::appearance();
    platform_.show_appearance(*shown_look_);
  }
  ViewOutput out;
  // Escape closes the menu or the small dialog that is open (dialogs that are modal close themselves).
  if (ImGui::IsKeyPressed(ImGuiKey_Escape, false)) ImGui::ClosePopupsExceptModals();
  const bool native_fields = platform_.has_native_fields();
  ui::begin_fields(native_fields, &field_inputs_);
  draw_app(app_.state(), app_.edits(), context, out);
  app_.drawn();
  settling_ = out.settling;
  for (Announcement& said : announcer_.next(observe(app_.state(), app_.edits(), context.now), app_.state())) sem::announce(std::move(said));
  hook::set_applied_at(app_.state().live_applied_at);
  if (TextRaster* raster = platform_.text_raster()) raster->end_frame();
  // Under a modal dialog the page's reply editor hides: it lies over the canvas, so it would cover
  // the dialog, and nothing behind a modal dialog can be typed into.
  if (ImGui::GetTopMostPopupModal()) out.editor.visible = false;
  if (context.native_editor) platform_.place_editor(out.editor);
  std::vector<FieldPlacement> fields = ui::end_fields();
  if (native_fields) platform_.place_fields(fields);
  field_inputs_.clear();  // typed into a field no view drew: it is gone
  app_.edits().scroll_to = {};  // for a region no view drew: it is gone
  for (const Intent& intent : out.intents)
    if (const auto* action = std::get_if<intent::TourAction>(&intent); action && tour_) {
      switch (action->kind) {
        case intent::TourAction::next: tour_->next(); break;
        case intent::TourAction::back: tour_->back(); break;
        case intent::TourAction::reset: tour_->reset_requested = true; break;
        case intent::TourAction::larger_text: tour_->larger_text = !tour_->larger_text; break;
      }
    }
  app_.handle(out.intents);  // the tour notices what they did at the next passes_wanted()
}

void Workspace::publish() {
  platform_.publish_semantics(sem::last_frame());
  sem::published();
}

void Workspace::field_input(const std::string& id, const std::string& text) {
  ui::FieldInput& input = field_inputs_[id];
  input.text = text;
  input.changed = true;
}

bool Workspace::activate(const std::string& key) {
  for (const sem::Node& node : sem::last_frame().nodes)
    if (node.id && node.key == key) {
      if (!node.enabled) return false;
      ImGui::ActivateItemByID(node.id);
      return true;
    }
  return false;
}

bool Workspace::scroll_to(const std::string& key, float y) {
  for (const sem::Node& node : sem::last_frame().nodes)
    if (node.scrolls && node.key == key) {
      app_.edits().scroll_to = {key, y};
      return true;
    }
  return false;
}

void Workspace::field_submit(const std::string& id) { field_inputs_[id].submitted = true; }

}  // namespace baton::shell
