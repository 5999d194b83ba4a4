"""Customers' own scripts in the desktop window: a Japanese and an Arabic ticket opened in
baton-desktop (Xvfb, a real serve.py), their names and subjects on screen, screenshots kept in
build/test-artifacts/desktop/ to be looked at."""
from conftest import PASSWORD, widget

MARCUS = ["--email", "marcus@baton.test", "--password", PASSWORD]

JAPANESE = {"subject": "ボイラーから異音がします", "name": "田中 花子", "email": "hanako@example.jp",
            "body": "今朝からボイラーから異音がします。点検をお願いできますか。"}
ARABIC = {"subject": "طلب رقم 4521: الغلاية لا تعمل", "name": "أحمد الخطيب", "email": "ahmad@example.com",
          "body": "مرحبا، الغلاية لا تعمل منذ الصباح. Order #4521"}


def create(colleague, customer):
    status, answer = colleague.http("POST", "/api/tickets", {
        "subject": customer["subject"], "requester": {"name": customer["name"], "email": customer["email"]},
        "department": "support", "body": customer["body"]})
    assert status == 201, answer
    return answer["ticket"]


def open_ticket(app, ticket_id):
    row = f"row{ticket_id}"
    app.wait(lambda s: s["screen"] == "workspace" and widget(s, row), f"the row of ticket {ticket_id}")
    app.click(row)
    return app.wait(lambda s: widget(s, "composer"), "the ticket pane")


def shown(snap, text):
    return any(text in t for t in snap["texts"])


def no_missing_glyphs(snap):
    # The test hook counts characters drawn with the fallback glyph (once the workspace reports it).
    return snap.get("missing_glyphs", 0) == 0


def test_a_japanese_and_an_arabic_ticket_are_drawn_in_their_scripts(desktop, colleague):
    japanese = create(colleague, JAPANESE)
    arabic = create(colleague, ARABIC)
    app = desktop(*MARCUS)

    open_ticket(app, japanese["id"])
    snap = app.wait(lambda s: all(shown(s, JAPANESE[k]) for k in ("subject", "name", "body")), "the Japanese ticket")
    app.screenshot("ticket-japanese")
    assert no_missing_glyphs(snap), snap.get("missing_glyphs")

    open_ticket(app, arabic["id"])
    snap = app.wait(lambda s: all(shown(s, ARABIC[k]) for k in ("subject", "name", "body")), "the Arabic ticket")
    app.screenshot("ticket-arabic")
    assert no_missing_glyphs(snap), snap.get("missing_glyphs")


def test_the_japanese_ui_on_a_japanese_ticket(desktop, colleague):
    japanese = create(colleague, JAPANESE)
    # Logged in by hand: the scripted start (--email) skips App::start(), which applies --lang.
    app = desktop("--lang", "ja", "--size", "1280x800")
    snap = app.wait(lambda s: s["screen"] == "login" and widget(s, "email"), "the login screen")
    app.screenshot("login-japanese-ui")
    assert "ログイン" in widget(snap, "login")["label"], widget(snap, "login")
    app.click("email")
    app.type("marcus@baton.test")
    app.click("password")
    app.type(PASSWORD)
    app.key("Return")
    open_ticket(app, japanese["id"])
    snap = app.wait(lambda s: all(shown(s, JAPANESE[k]) for k in ("subject", "name", "body")), "the Japanese ticket")
    app.screenshot("ticket-japanese-ui")
    assert snap.get("lang", "ja") == "ja"
    assert "送信" in widget(snap, "send")["label"], widget(snap, "send")
    assert no_missing_glyphs(snap), snap.get("missing_glyphs")
