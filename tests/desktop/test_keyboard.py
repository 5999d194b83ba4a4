"""The desktop build with the keyboard alone (issue 15: keyboard navigation, themes and zoom): log in,
move through the list, open a ticket and lock it with keys only, in the dark theme at 125%. Not one
mouse event is sent to the window: X's input focus is given to it (as a window manager does when it
opens), then xdotool presses keys. The snapshot's `desktop.keyboard` says where the keys go."""
import subprocess

from conftest import PASSWORD, widget
from test_desktop import pixel, signed_in


def keyboard(snap):
    return snap["desktop"]["keyboard"]


def pointer_at(app):
    return subprocess.run(["xdotool", "getmouselocation"], env=app.env, capture_output=True, text=True, check=True).stdout


def press_until(app, key, predicate, what, most=40):
    """Presses `key` until the snapshot says `predicate`, one press at a time: each press waits until
    the keyboard's place changed (a frame drawn for another reason, such as a ticking age, is not
    the key's), so that a press is never made on a place the previous one has already left."""
    snap = app.snapshot()
    for _ in range(most):
        if predicate(snap):
            return snap
        before = keyboard(snap)
        app.key(key)
        try:
            snap = app.wait(lambda s: keyboard(s) != before, f"{key} taken", timeout=3)
        except AssertionError:
            snap = app.snapshot()  # nowhere further to go (the end of the list)
    raise AssertionError(f"{what}: not after {most} presses of {key}; keyboard at {keyboard(snap)}")


def test_log_in_move_through_the_list_open_and_lock_a_ticket_with_keys_alone(desktop, colleague):
    tickets = [colleague.create_ticket(f"Keyboard only: ticket {n}") for n in range(3)]
    target = tickets[1]
    app = desktop("--theme", "dark", "--scale", "1.25", "--size", "1400x860")
    app.xdotool("windowfocus", "--sync", app.window)  # the keyboard's focus, as a window manager gives it
    pointer = pointer_at(app)

    # The login: typing goes to Email at once; Tab to Password; Enter logs in.
    app.wait(lambda s: s["screen"] == "login" and keyboard(s)["typing_in"] == "email", "the keys in Email")
    app.type("marcus@baton.test")
    app.key("Tab")
    app.wait(lambda s: keyboard(s)["typing_in"] == "password", "Tab to Password")
    app.type(PASSWORD)
    app.key("Return")
    snap = app.wait(lambda s: signed_in(s) and widget(s, f"row{tickets[0]['id']}"), "the workspace with the list")
    assert keyboard(snap)["typing_in"] is None, "no field keeps the keys after logging in"

    # The list: its cursor starts on the first row; the arrows move it row by row (ImGui's focus and
    # the cursor are one), Up comes back, Enter opens the row.
    rows = [w["id"] for w in snap["widgets"] if w["id"].startswith("row")]
    assert keyboard(snap)["list_cursor"] == int(rows[0][3:]), "the cursor on the first row"
    snap = press_until(app, "Down", lambda s: keyboard(s)["list_cursor"] == int(rows[1][3:]), "Down: the second row")
    assert keyboard(snap)["focus"] == rows[1] and keyboard(snap)["cursor_visible"], "the focus ring on it"
    press_until(app, "Down", lambda s: keyboard(s)["focus"] == rows[2], "Down: the third row")
    snap = press_until(app, "Up", lambda s: keyboard(s)["focus"] == rows[1], "Up: back on the second row")
    assert keyboard(snap)["list_cursor"] == int(rows[1][3:])
    row = f"row{target['id']}"
    press_until(app, "Down" if rows.index(row) > 1 else "Up", lambda s: keyboard(s)["focus"] == row, "the ticket's row")
    app.key("Return")
    snap = app.wait(lambda s: keyboard(s)["open_ticket"] == target["id"] and widget(s, "composer") and
                    any(target["subject"] in t for t in s["texts"]), "the ticket opened by Enter")
    assert not widget(snap, "back"), "wide at 125%: list and ticket side by side"

    # Tab walks the ticket's controls with a visible cursor; Space presses Lock.
    snap = press_until(app, "Tab", lambda s: keyboard(s)["focus"] == "lock" and keyboard(s)["cursor_visible"],
                       "Tab to Lock", most=40)
    app.key("space")
    app.wait(lambda s: widget(s, "unlock"), "the ticket locked by Space")
    holder = colleague.ticket(target["id"])["lock"]["holder"]
    assert holder != colleague.me["id"], "locked by Marcus, from the keyboard"
    # Tab goes on into the conversation: the customer's message's Copy button takes the keys too.
    first = colleague.ticket(target["id"])["messages"][0]["id"]
    press_until(app, "Tab", lambda s: keyboard(s)["focus"] == f"copy-{first}", "Tab to the message's Copy", most=40)

    # The theme and the zoom asked for on the command line.
    snap = app.snapshot()
    assert snap["desktop"]["scale"] == 1.25
    shot = app.screenshot("keyboard-dark-125")
    assert pixel(shot, 3, 3) == (13, 17, 23), "the dark theme's window colour"
    for w in snap["widgets"]:  # zoomed, everything still inside the window
        assert w["x"] >= 0 and w["y"] >= 0 and w["x"] + w["w"] <= 1400.5 and w["y"] + w["h"] <= 860.5, w
    assert pointer_at(app) == pointer, "the pointer never moved: keys only"
