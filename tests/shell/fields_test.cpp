// One-line fields the platform lays over the workspace (the page's <input>s, for input methods and
// screen readers): where the views put them, what is typed coming back, Enter submitting.
#include <gtest/gtest.h>

#include "workspace_fixture.hpp"

namespace baton::shell::testing {
namespace {

class NativeFieldsTest : public WorkspaceTest {
 protected:
  void SetUp() override { platform.native_fields = true; }
};

TEST_F(NativeFieldsTest, TheLoginFormsFieldsArePlacedWithEmailTakingTheKeyboard) {
  ws.start();
  ui.frame(ws);
  const FieldPlacement* email = platform.field("email");
  const FieldPlacement* password = platform.field("password");
  ASSERT_TRUE(email && password);
  EXPECT_EQ(email->label, "Email");
  EXPECT_TRUE(password->password);
  EXPECT_FALSE(email->password);
  EXPECT_GT(password->y, email->y + email->h) << "password below email";
  EXPECT_GT(email->w, 100);
  // The frame's rectangle is the field's, so a click there (and the test hook) finds it.
  const hook::Widget* widget = Headless::find("email");
  ASSERT_TRUE(widget);
  EXPECT_FLOAT_EQ(widget->x, email->x);
  EXPECT_FLOAT_EQ(widget->w, email->w);
}

TEST_F(NativeFieldsTest, EmailIsAskedForTheKeyboardWhenTheFormAppearsOnly) {
  ws.start();
  ws.passes_wanted(true);
  Headless::pass(ws);
  ASSERT_TRUE(platform.field("email"));
  EXPECT_TRUE(platform.field("email")->focus);
  ui.frame(ws);
  EXPECT_FALSE(platform.field("email")->focus) << "asked once: a click elsewhere is not undone";
}

TEST_F(NativeFieldsTest, WhatIsTypedReachesTheFormAndEnterLogsIn) {
  ws.start();
  ui.frame(ws);
  ws.field_input("email", "marcus @baton.test");
  ui.frame(ws);
  EXPECT_EQ(platform.field("email")->value, "marcus@baton.test") << "blanks are refused as ImGui's field did";
  ws.field_input("password", "パスワード");
  ws.field_submit("password");
  ui.frame(ws);
  EXPECT_TRUE(state().login.busy) << "Enter in the password field logs in";
  ASSERT_FALSE(net.requests.empty());
  EXPECT_EQ(net.requests.back().path, "/api/login");
  EXPECT_EQ(net.requests.back().json()["email"], "marcus@baton.test");
  EXPECT_EQ(net.requests.back().json()["password"], "パスワード");
}

TEST_F(NativeFieldsTest, JapaneseTypedIntoSearchSearches) {
  log_in({make_ticket(1, now - 5'000)});
  ASSERT_TRUE(platform.field("search"));
  EXPECT_EQ(platform.field("search")->placeholder, "Search tickets");
  ws.field_input("search", "請求書");
  ui.frame(ws);
  EXPECT_EQ(app().edits().search, "請求書");
  EXPECT_EQ(platform.field("search")->value, "請求書");
}

TEST_F(NativeFieldsTest, AFieldNoLongerDrawnIsNoLongerPlaced) {
  ws.start();
  ui.frame(ws);
  ASSERT_TRUE(platform.field("email"));
  log_in({make_ticket(1, now - 5'000)});
  EXPECT_FALSE(platform.field("email"));
  EXPECT_TRUE(platform.field("search"));
}

TEST_F(WorkspaceTest, WithoutThePlatformsFieldsImGuiDrawsThemAndNothingIsPlaced) {
  ws.start();
  ui.frame(ws);
  EXPECT_TRUE(Headless::find("email"));
  EXPECT_TRUE(platform.fields.empty());
}

}  // namespace
}  // namespace baton::shell::testing
