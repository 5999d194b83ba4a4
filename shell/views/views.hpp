#pragma once
// The workspace's views. Each draws from the (const) state and emits intents; none calls the
// network. What they type into is theirs: Edits.
#include "../app_state.hpp"
#include "../edits.hpp"
#include "../intents.hpp"
#include "../platform.hpp"

namespace baton::shell {

// What drawing a frame produced besides pixels.
struct ViewOutput {
  Intents intents;
  EditorPlacement editor;  // where the platform's reply editor goes (hidden unless the composer shows)
  bool settling = false;   // the layout still moves in the next pass (the thread following its end)
};

class Tour;

struct ViewContext {
  Tour* tour = nullptr;        // the training tour, when one runs
  Time now = 0;
  int utc_offset = 0;          // minutes east of UTC
  bool native_editor = false;  // the platform lays its own editor over the composer's rectangle
  std::string drafts_kept;     // where an unsent draft waits offline, in words ("in this browser")
  std::vector<std::string> browser_languages;  // what the browser prefers (the Language menu's "as the browser")
  Theme system_theme = Theme::light;           // what the system asks for (the Theme menu's "as the system")
};

// Draws the whole window: the login, or the workspace (top bar, list, ticket pane, settings).
void draw_app(const AppState& state, Edits& edits, const ViewContext& context, ViewOutput& out);

void draw_login(const AppState& state, Edits& edits, const ViewContext& context, ViewOutput& out);
void draw_top_bar(const AppState& state, Edits& edits, const ViewContext& context, ViewOutput& out);
void draw_ticket_list(const AppState& state, Edits& edits, const ViewContext& context, ViewOutput& out);
void draw_ticket_pane(const AppState& state, Edits& edits, const ViewContext& context, ViewOutput& out);
// The Conversation's thread in `height` pixels: messages and live drafts kept at the newest end while
// the agent is there; the "new below" marker and pinned drafts under it when they have scrolled up.
void draw_thread(const AppState& state, Edits& edits, const Ticket& ticket, const ViewContext& context, ViewOutput& out,
                 float height);
void draw_composer(const AppState& state, Edits& edits, const Ticket& ticket, const ViewContext& context, ViewOutput& out);
void draw_history(const AppState& state, const ViewContext& context);
void draw_settings(const AppState& state, Edits& edits, ViewOutput& out);
void draw_report(const AppState& state, ViewOutput& out);  // the admin's collision report
void draw_outbox(const AppState& state, const ViewContext& context, ViewOutput& out);  // the admins' mail outbox
// The keyboard's shortcuts; and whether `?` was typed where no text box has the keys (none open).
void draw_shortcuts(Edits& edits, ViewOutput& out);
bool wants_shortcuts();
// Under the lock banner: ask for the lock, a request's state, the holder's answer buttons.
void draw_lock_request_row(const AppState& state, Edits& edits, const Ticket& ticket, const ViewContext& context, ViewOutput& out);
// The holder's prompt over any screen: "Priya asks for CDOB-7212-OJRK" with Hand over / Keep.
void draw_lock_prompts(const AppState& state, Edits& edits, const ViewContext& context, ViewOutput& out);
void draw_status_line(const AppState& state, const ViewContext& context);
void draw_tour(Tour& tour, ViewOutput& out);

// Words for the history and the stale notice: "Marcus Lindqvist replied", "lock expired".
std::string describe_event(const Event& event, const Directory& directory);
std::string describe_change(const Change& change, const Directory& directory, const std::string& requester);

}  // namespace baton::shell
