#include "semantics.hpp"

#include "imgui.h"
#include "imgui_internal.h"

namespace baton::shell::sem {
namespace {

Frame building, last;
std::vector<int> open_containers;  // indices into building.nodes
int last_item_index = -1;
bool last_published = false;
// Announcements carried while no frame is published (a host that never publishes): the latest kept.
constexpr std::size_t kCarriedMax = 32;

}  // namespace

bool is_container(Role role) { return role >= Role::banner; }

const char* role_name(Role role) {
  switch (role) {
    case Role::text: return "text";
    case Role::heading: return "heading";
    case Role::button: return "button";
    case Role::field: return "field";
    case Role::editor: return "editor";
    case Role::checkbox: return "checkbox";
    case Role::tab: return "tab";
    case Role::option: return "option";
    case Role::menuitem: return "menuitem";
    case Role::banner: return "banner";
    case Role::navigation: return "navigation";
    case Role::main: return "main";
    case Role::region: return "region";
    case Role::status: return "status";
    case Role::dialog: return "dialog";
    case Role::alertdialog: return "alertdialog";
    case Role::tablist: return "tablist";
    case Role::tabpanel: return "tabpanel";
    case Role::listbox: return "listbox";
    case Role::menu: return "menu";
    case Role::group: return "group";
    case Role::article: return "article";
    case Role::list: return "list";
    case Role::listitem: return "listitem";
    case Role::table: return "table";
    case Role::row: return "row";
    case Role::cell: return "cell";
  }
  return "text";
}

namespace {

// A frame's vectors keep their room from two frames before (the frames swap): no regrowth each frame.
void clear(Frame& frame) {
  frame.nodes.clear();
  frame.said.clear();
  frame.focus.clear();
  frame.screen.clear();
}

}  // namespace

void begin_frame() {
  clear(building);
  open_containers.clear();
  last_item_index = -1;
}

void end_frame(const char* screen) {
  building.screen = screen;
  open_containers.clear();
  if (!last_published) {  // a pass no platform saw: what it said and where it put the keyboard still count
    building.said.insert(building.said.begin(), last.said.begin(), last.said.end());
    if (building.said.size() > kCarriedMax) building.said.erase(building.said.begin(), building.said.end() - kCarriedMax);
    if (building.focus.empty()) building.focus = last.focus;
  }
  std::swap(last, building);
  clear(building);
  last_item_index = -1;
  last_published = false;
}

void published() { last_published = true; }

const Frame& last_frame() { return last; }
void announce(Announcement said) { last.said.push_back(std::move(said)); }

Node* add(Node&& node) {
  node.parent = open_containers.empty() ? -1 : open_containers.back();
  // ImGui's menu items (checkable) and submenus are the menu's items.
  if (node.parent >= 0 && building.nodes[node.parent].role == Role::menu &&
      (node.role == Role::button || node.role == Role::checkbox))
    node.role = Role::menuitem;
  building.nodes.push_back(std::move(node));
  const int index = static_cast<int>(building.nodes.size()) - 1;
  if (building.nodes.back().is_item()) last_item_index = index;
  return &building.nodes.back();
}

Node* last_item() {
  if (last_item_index < 0) return nullptr;
  Node& node = building.nodes[last_item_index];
  // Only if it is ImGui's last item (an item clipped away records nothing).
  const ImGuiID id = ImGui::GetCurrentContext()->LastItemData.ID;
  return node.id == id ? &node : nullptr;
}

void want_focus() {
  if (Node* node = last_item()) building.focus = node->key;
}

void heading(int level) {
  if (building.nodes.empty()) return;
  Node& node = building.nodes.back();
  if (node.role != Role::text || node.part_of_item) return;
  node.role = Role::heading;
  node.level = level;
}

void item_role(Role role, bool selected) {
  if (Node* node = last_item()) {
    node->role = role;
    node->selected = selected;
  }
}

void item_popup() {
  if (Node* node = last_item()) node->has_popup = true;
}

void item_description(const std::string& description) {
  if (Node* node = last_item()) node->description = description;
}

Scope::Scope(Role role, std::string key, std::string name) {
  const ImGuiWindow* window = ImGui::GetCurrentWindow();
  const ImRect r = window->Rect();
  Node node;
  node.role = role;
  node.key = std::move(key);
  node.name = std::move(name);
  node.x = r.Min.x, node.y = r.Min.y, node.w = r.GetWidth(), node.h = r.GetHeight();
  add(std::move(node));
  index_ = static_cast<int>(building.nodes.size()) - 1;
  open_containers.push_back(index_);
}

Scope::Scope(Role role, std::string key, std::string name, float x, float y, float w, float h) {
  Node node;
  node.role = role;
  node.key = std::move(key);
  node.name = std::move(name);
  node.x = x, node.y = y, node.w = w, node.h = h;
  add(std::move(node));
  index_ = static_cast<int>(building.nodes.size()) - 1;
  open_containers.push_back(index_);
}

Scope::~Scope() {
  if (!open_containers.empty() && open_containers.back() == index_) open_containers.pop_back();
}

void Scope::scrolls() {
  Node* n = node();
  if (!n) return;
  n->scrolls = true;
  n->scroll_y = ImGui::GetScrollY();
  n->scroll_h = ImGui::GetScrollMaxY() + ImGui::GetWindowHeight();
}

bool in_scrolling() {
  for (int index : open_containers)
    if (building.nodes[index].scrolls) return true;
  return false;
}

Node* Scope::node() { return index_ < static_cast<int>(building.nodes.size()) ? &building.nodes[index_] : nullptr; }

}  // namespace baton::shell::sem
