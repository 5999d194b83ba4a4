#pragma once
// One turn of the workspace, the same for every platform: run the timers, decide whether anything
// needs drawing, and draw: views -> intents -> App. A Scene, so any host's runner shows it.
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "announcer.hpp"
#include "app/app.hpp"
#include "scene.hpp"
#include "tour.hpp"
#include "views/ui.hpp"

namespace baton::shell {

class Workspace : public Scene {
 public:
  Workspace(Platform& platform, Storage& storage, NetClient& net)
      : platform_(platform), storage_(storage), app_(platform, storage, net) {}

  void start() { app_.start(); }
  int passes_wanted(bool input) override;
  void draw() override;
  // The frame a runner shows (its last pass) to the platform: what it means, for screen readers
  // and the page's mirror. Earlier passes are never published: their news rides with this one.
  void publish();
  Workspace& workspace() override { return *this; }
  // The last pass left a layout the next one still moves (the thread scrolling to its end as a
  // new message is measured): the runner lays out again before rendering.
  bool settling() const { return settling_; }
  std::vector<ui::ExtraFont> extra_fonts() const override;
  Appearance appearance() const override;  // the agent's theme, else the system's
  float text_scale() const override { return platform_.text_size(); }

  App& app() { return app_; }
  // What the person typed into the platform's field `id` (Platform::has_native_fields), and Enter
  // pressed in it: handed to the view that owns the field at the next frame.
  void field_input(const std::string& id, const std::string& text);
  void field_submit(const std::string& id);
  // A control of the last frame used by its semantic mirror (a screen reader's click, Enter or
  // Space on the page's element): pressed in the next frame as ImGui's keyboard would. False: no
  // such control on screen now.
  bool activate(const std::string& key);
  // A scrolling region of the last frame (the thread, History) scrolled by its mirror to `y` window
  // pixels from its top: the view scrolls it there in the next frame. False: no such region now.
  bool scroll_to(const std::string& key, float y);
  // The training tour drawn over the workspace (not owned); null: none.
  void set_tour(Tour* tour) { tour_ = tour; }

 private:
  Platform& platform_;
  Storage& storage_;
  App app_;
  Announcer announcer_;  // what changed, said to screen readers
  Tour* tour_ = nullptr;
  bool settling_ = false;
  std::optional<std::vector<std::string>> browser_languages_;
  std::map<std::string, ui::FieldInput> field_inputs_;
  std::optional<Appearance> shown_look_;  // what the platform was last told
};

}  // namespace baton::shell
