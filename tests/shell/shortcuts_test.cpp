// The keyboard's shortcuts (issue 15.3), headless: `?` opens the list where no text box has the
// keys, never while one has (a `?` typed into a reply or the search is a `?`); the menu opens it
// too; it is a modal dialog named by its title whose table has a row per shortcut, the keyboard
// goes into it, Escape and Close close it, and its words are the agent's language.
#include <gtest/gtest.h>

#include <algorithm>

#include "semantics.hpp"
#include "workspace_fixture.hpp"

namespace baton::shell::testing {
namespace {

class Shortcuts : public WorkspaceTest {
 protected:
  void type(ImWchar c) {
    ImGui::GetIO().AddInputCharacter(c);
    ui.frame(ws);
    ui.frame(ws);
  }
  void press(ImGuiKey key) {
    ImGuiIO& io = ImGui::GetIO();
    io.AddKeyEvent(key, true);
    ui.frame(ws);
    io.AddKeyEvent(key, false);
    ui.frame(ws);
  }
  // The semantic frame's node of `role` named `name` (any name when empty), or null.
  static const sem::Node* node(sem::Role role, const std::string& name = {}) {
    for (const sem::Node& n : sem::last_frame().nodes)
      if (n.role == role && (name.empty() || n.name == name)) return &n;
    return nullptr;
  }
  // The table's rows, each as the texts of its cells ("Esc" | "Close the menu or the dialog").
  static std::vector<std::vector<std::string>> rows() {
    const auto& nodes = sem::last_frame().nodes;
    auto children = [&](int parent, sem::Role role) {
      std::vector<int> out;
      for (std::size_t i = 0; i < nodes.size(); ++i)
        if (nodes[i].parent == parent && nodes[i].role == role) out.push_back(static_cast<int>(i));
      return out;
    };
    std::vector<std::vector<std::string>> out;
    for (std::size_t row = 0; row < nodes.size(); ++row) {
      if (nodes[row].role != sem::Role::row) continue;
      std::vector<std::string> cells;
      for (int cell : children(static_cast<int>(row), sem::Role::cell)) {
        std::string words;
        for (int text : children(cell, sem::Role::text)) words += (words.empty() ? "" : " ") + nodes[text].name;
        cells.push_back(words);
      }
      out.push_back(cells);
    }
    return out;
  }
  bool shown() { return Headless::find("close-shortcuts") != nullptr; }
};

TEST_F(Shortcuts, QuestionMarkOpensAModalDialogWithARowPerShortcutAndTheKeyboardInIt) {
  log_in({make_ticket(1, now - 5'000)});
  platform.focused.clear();
  type('?');
  ASSERT_TRUE(shown());
  const sem::Node* dialog = node(sem::Role::dialog, "Keyboard shortcuts");
  ASSERT_TRUE(dialog) << "a dialog named by its title";
  EXPECT_TRUE(dialog->modal);
  EXPECT_TRUE(node(sem::Role::table));
  const auto table = rows();
  ASSERT_EQ(table.size(), 11u);
  for (const auto& row : table) EXPECT_EQ(row.size(), 2u) << "the keys and what they do";
  const std::vector<std::string> esc{"Esc", "Close the menu or the dialog"}, list{"\xe2\x86\x91 \xe2\x86\x93 j k", "Move through the ticket list"},
      help{"?", "Show this list"}, send{"Ctrl+Enter", "Send the reply or add the note (in the editor)"};
  for (const auto& expected : {esc, list, help, send})
    EXPECT_NE(std::find(table.begin(), table.end(), expected), table.end()) << expected[0] << " | " << expected[1];
  EXPECT_EQ(platform.focused, std::vector<std::string>{"close-shortcuts"}) << "the keyboard goes into the dialog, once";
  type('j');
  EXPECT_EQ(state().list.cursor, 0u) << "the list under the dialog does not move";
}

TEST_F(Shortcuts, EscapeAndCloseCloseIt) {
  log_in({make_ticket(1, now - 5'000)});
  type('?');
  ASSERT_TRUE(shown());
  press(ImGuiKey_Escape);
  EXPECT_FALSE(shown());
  EXPECT_FALSE(state().shortcuts_open);
  EXPECT_FALSE(node(sem::Role::dialog));
  type('?');
  ASSERT_TRUE(shown());
  ui.click(ws, "close-shortcuts");
  EXPECT_FALSE(shown());
}

TEST_F(Shortcuts, AQuestionMarkTypedIntoATextBoxIsAQuestionMark) {
  log_in({make_ticket(1, now - 5'000)});
  ui.click(ws, "search");
  type('?');
  EXPECT_FALSE(shown()) << "the search box has the keys";
  EXPECT_EQ(app().edits().search, "?");
}

TEST_F(Shortcuts, TheMenuOpensItToo) {
  log_in({make_ticket(1, now - 5'000)});
  ui.click(ws, "me");
  ASSERT_TRUE(Headless::find("keyboard-shortcuts"));
  ui.click(ws, "keyboard-shortcuts");
  EXPECT_TRUE(shown());
  EXPECT_TRUE(node(sem::Role::dialog, "Keyboard shortcuts"));
}

TEST_F(Shortcuts, ThePagesReplyEditorHidesUnderItAndComesBack) {
  const Ticket t = make_ticket(1, now - 5'000);
  log_in({t});
  open(t);
  ASSERT_TRUE(platform.editor.visible) << "the browser's <textarea> over the composer";
  type('?');
  ASSERT_TRUE(shown());
  EXPECT_FALSE(platform.editor.visible) << "it would cover the dialog";
  press(ImGuiKey_Escape);
  EXPECT_TRUE(platform.editor.visible);
}

TEST_F(Shortcuts, NotOnTheLoginScreen) {
  ws.start();
  ui.frame(ws);
  type('?');
  EXPECT_FALSE(shown());
}

TEST_F(Shortcuts, ItsWordsAreTheAgentsLanguage) {
  log_in({make_ticket(1, now - 5'000)});
  app().handle({intent::ChooseLanguage{"ja"}});
  ui.frame(ws);
  type('?');
  ASSERT_TRUE(shown());
  EXPECT_TRUE(node(sem::Role::dialog, "キーボードショートカット"));
  const auto table = rows();
  const std::vector<std::string> esc{"Esc", "メニューやダイアログを閉じる"};
  EXPECT_NE(std::find(table.begin(), table.end(), esc), table.end());
  EXPECT_TRUE(Headless::shows("閉じる"));
  app().handle({intent::ChooseLanguage{"en"}});
}

}  // namespace
}  // namespace baton::shell::testing
