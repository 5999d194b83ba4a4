#pragma once
// What each drawn frame means, not only what it looks like: every control with its role, name,
// state and rectangle, the texts, and the regions they sit in (landmarks, dialogs, the list, the
// tabs). Recorded from the same places as the test hook (ImGui's item hooks and ui::text) plus the
// roles the views declare; a platform mirrors it for screen readers, keyboards and the browser's
// find (the page's semantic DOM, web/semantics.js). Read-only for everyone but the views.
#include <cstdint>
#include <string>
#include <vector>

namespace baton::shell::sem {

enum class Role : std::uint8_t {
  // What a person reads or uses
  text, heading, button, field, editor, checkbox, tab, option, menuitem,
  // What holds them
  banner, navigation, main, region, status, dialog, alertdialog, tablist, tabpanel, listbox, menu, group, article,
  list, listitem,
  table, row, cell,  // a table's rows and cells (the keyboard's shortcuts)
};
bool is_container(Role role);
// Its name: the ARIA role's ("button", "listbox", "navigation"), "field" and "editor" for text boxes.
const char* role_name(Role role);

struct Node {
  Role role = Role::text;
  unsigned id = 0;          // ImGui's id (items); 0 for texts and containers
  std::string key;          // stable across frames: "lock", "row12", "list"; texts: empty
  std::string name;         // what a screen reader says; a text's text
  std::string description;  // more: why a button is disabled
  std::string spoken;       // said instead of the name when the drawn label is not enough (a row, initials)
  float x = 0, y = 0, w = 0, h = 0;  // window pixels
  int parent = -1;          // the container it is drawn in (an index into Frame::nodes)
  int level = 0;            // headings: 1..3
  int position = 0, count = 0;  // options: 1-based place in the whole list and its length
  bool enabled = true, selected = false, checked = false, expanded = false;
  bool has_popup = false;   // a button that opens a menu or a dialog
  bool modal = false;       // a dialog that keeps the rest of the workspace out of reach until closed
  bool label_drawn = false; // ImGui drew the name with its own glyphs (the test hook counts them)
  float font_size = 0;      // texts: the size drawn, in window pixels (the mirror's text matches it)
  bool part_of_item = false;  // a text drawn inside an item (a list row): the item's name says it
  // Laid out but not drawn: scrolled out of the region that holds it (a message further up the
  // thread). In the mirror all the same, so the browser's find and a screen reader reach it.
  bool drawn = true;
  // A region whose content scrolls (the thread, History): what it holds is recorded at its place in
  // the whole content, `scroll_y` down from the top of `scroll_h` (window pixels), drawn or not.
  bool scrolls = false;
  float scroll_y = 0, scroll_h = 0;
  bool is_item() const { return id != 0 || role == Role::field || role == Role::editor; }
};

// A change said aloud (aria-live): polite waits for the reader to be idle, assertive interrupts.
struct Announcement {
  std::string text;
  bool assertive = false;
  bool operator==(const Announcement&) const = default;
};

struct Frame {
  std::vector<Node> nodes;  // in drawing order, containers before what they hold
  std::vector<Announcement> said;  // what changed this frame without anyone pressing (announcer.hpp)
  std::string focus;        // the key the workspace moved the keyboard to this frame ("" : unchanged)
  std::string screen;       // "login", "workspace"
};

// The frame being drawn. Everything a view records lands in the innermost open container.
void begin_frame();
void end_frame(const char* screen);
const Frame& last_frame();  // the last complete frame
void announce(Announcement said);  // said with the last complete frame (after end_frame)
// The last complete frame reached the platform (the pass a runner rendered). Until then what a
// frame said and where it moved the keyboard are carried into the next one: a runner lays out
// several passes and shows only the last, and an announcement from an earlier pass is still news.
void published();

// A container around what is drawn until it ends: Scope list(Role::navigation, "list", tr(...)).
// Its rectangle is the current window's unless one is given.
class Scope {
 public:
  Scope(Role role, std::string key, std::string name);
  Scope(Role role, std::string key, std::string name, float x, float y, float w, float h);
  ~Scope();
  Scope(const Scope&) = delete;
  Scope& operator=(const Scope&) = delete;
  Node* node();  // to set more (a dialog's description, a list's count)
  // It scrolls with the current ImGui window (call right after its Begin): its scroll and content
  // height are recorded, and texts laid out in it but scrolled out of view are kept, not drawn.
  void scrolls();

 private:
  int index_;
};

// Recording (ui.cpp and test_hook.cpp call these; views rarely need to).
Node* add(Node&& node);    // into the innermost container; returns it for more
Node* last_item();         // the last item recorded (ImGui's last item), null if it was not drawn
void want_focus();         // the keyboard goes to the last item (a dialog's first field, a row moved to)
void heading(int level);   // the text just drawn is a heading
// The last item's role and states, as the view knows them (a tab, a row of the list).
void item_role(Role role, bool selected = false);
void item_popup();         // the last item opens a menu or a dialog
void item_description(const std::string& description);
// Whether what is recorded now lands inside a scrolling region (texts out of view are kept there).
bool in_scrolling();

}  // namespace baton::shell::sem
