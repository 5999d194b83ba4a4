// The tour's panel (bottom right): step n of N with a progress bar, what to do and why, Back /
// Next, Reset and larger text; and an outline around the widget the step is about.
#include <optional>

#include "../i18n/words.hpp"
#include "imgui.h"
#include "../test_hook.hpp"
#include "../semantics.hpp"
#include "../tour.hpp"
#include "icons.hpp"
#include "ui.hpp"
#include "views.hpp"

namespace baton::shell {

void draw_tour(Tour& tour, ViewOutput& out) {
  const float s = ui::scale();
  const ImGuiViewport* viewport = ImGui::GetMainViewport();
  // Bottom left, over the end of the list: the ticket pane and its composer stay free to use.
  const float width = std::min(std::max(viewport->WorkSize.x * 0.34f - 8 * s, 300.0f * s), viewport->WorkSize.x - 24 * s);
  ImGui::SetNextWindowPos(ImVec2(viewport->WorkPos.x + 16 * s, viewport->WorkPos.y + viewport->WorkSize.y - 44 * s),
                          ImGuiCond_Always, ImVec2(0, 1));
  ImGui::SetNextWindowSize(ImVec2(width, 0));
  ImGui::PushStyleColor(ImGuiCol_WindowBg, ui::palette().surface);
  ImGui::PushStyleColor(ImGuiCol_Border, ui::palette().accent);
  ImGui::PushStyleVar(ImGuiStyleVar_WindowBorderSize, 2.0f * s);
  ImGui::PushStyleVar(ImGuiStyleVar_WindowRounding, 8.0f * s);
  ImGui::PushStyleVar(ImGuiStyleVar_WindowPadding, ImVec2(18 * s, 14 * s));
  const ImGuiWindowFlags flags = ImGuiWindowFlags_NoDecoration | ImGuiWindowFlags_NoMove |
                                 ImGuiWindowFlags_NoSavedSettings | ImGuiWindowFlags_AlwaysAutoResize |
                                 ImGuiWindowFlags_NoFocusOnAppearing;
  ImGui::Begin((tr("tour.title") + "###tour").c_str(), nullptr, flags);
  std::optional<sem::Scope> dialog(std::in_place, sem::Role::dialog, "tour", tr("tour.title"));
  ImGui::PushTextWrapPos(width - 18 * s);
  if (tour.free_play()) {
    ui::push_font(ui::fonts().bold);
    ui::text_colored(ui::palette().accent, ICON_CHECK " " + tr("tour.complete"));
    ImGui::PopFont();
    ui::text(tr("tour.free_play"));
  } else {
    const TourStep& step = tour.step();
    ui::text_muted(tr("tour.step", {{"n", static_cast<std::int64_t>(tour.index() + 1)}, {"total", static_cast<std::int64_t>(tour.size())}}));
    ImGui::ProgressBar(static_cast<float>(tour.index() + (tour.step_done() ? 1 : 0)) / tour.size(), ImVec2(-1, 6 * s), "");
    ui::push_font(ui::fonts().bold);
    ui::text(tr(step.title));
    ImGui::PopFont();
    ui::text(tr(step.text));
    if (tour.step_done()) ui::text_colored(ui::palette().live, ICON_CHECK " " + tr("tour.done"));
  }
  ImGui::PopTextWrapPos();
  ImGui::Spacing();
  if (ui::button(tr("tour.back") + "##tour-back", tour.index() == 0 ? tr("tour.first_step") : ""))
    out.intents.push_back(intent::TourAction{intent::TourAction::back});
  ImGui::SameLine();
  if (!tour.free_play() && ui::primary_button(tr(tour.index() + 1 == tour.size() ? "tour.finish" : "tour.next") + "##tour-next"))
    out.intents.push_back(intent::TourAction{intent::TourAction::next});
  ImGui::SameLine();
  if (ui::button(ICON_REFRESH " " + tr("tour.reset") + "##tour-reset")) out.intents.push_back(intent::TourAction{intent::TourAction::reset});
  bool larger = tour.larger_text;
  if (ImGui::Checkbox((tr("tour.larger_text") + "##tour-larger").c_str(), &larger))
    out.intents.push_back(intent::TourAction{intent::TourAction::larger_text});
  dialog.reset();
  ImGui::End();
  ImGui::PopStyleVar(3);
  ImGui::PopStyleColor(2);
  // Point at the widget the step is about (as laid out in the last frame).
  if (!tour.free_play() && !tour.step().target.empty()) {
    for (const hook::Widget& w : hook::widgets()) {
      if (w.name != tour.step().target) continue;
      const float pulse = ui::reduced_motion() ? 1.0f : 0.6f + 0.4f * static_cast<float>(ImGui::GetTime() - static_cast<int>(ImGui::GetTime()));
      const ImU32 outline = (ui::palette().highlight & ~IM_COL32_A_MASK) | (static_cast<ImU32>(255 * pulse) << IM_COL32_A_SHIFT);
      ImGui::GetForegroundDrawList()->AddRect(ImVec2(w.x - 4 * s, w.y - 4 * s), ImVec2(w.x + w.w + 4 * s, w.y + w.h + 4 * s),
                                              outline, 6 * s, 0, 3 * s);
      break;
    }
  }
}

}  // namespace baton::shell
