"""Makes docs/screenshots/desktop.png: baton-desktop in Xvfb, signed in as Marcus, on a ticket that
Alesia has locked and is answering, with the F12 panel showing the core's decide() answers.
    /usr/bin/python3 tests/desktop/screenshot.py [OUT.png]
Needs the debug build (build/debug/baton-desktop and build/debug/python), Xvfb, xdotool, imagemagick."""
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import conftest
from conftest import REPO, Agent, Desktop, debug_button, widget

OUT = Path(sys.argv[1]) if len(sys.argv) > 1 else REPO / "docs" / "screenshots" / "desktop.png"


def main():
    folder = Path(tempfile.mkdtemp(prefix="baton-shot-"))
    server_fixture = conftest.server.__wrapped__(type("F", (), {"mktemp": lambda self, name: folder})())
    base = next(server_fixture)
    xvfb, display = conftest.start_xvfb("1680x1050x24")
    alesia = Agent(base, "alesia@baton.test")
    app = None
    try:
        ticket = alesia.create_ticket("Boiler hisses after the service visit")
        ticket = alesia.command(ticket["id"], {"type": "lock"})
        (folder / "app").mkdir()
        app = Desktop(display, base, folder / "app",
                      ["--email", "marcus@baton.test", "--password", conftest.PASSWORD, "--size", "1600x960"])
        row = f"row{ticket['id']}"
        app.wait(lambda s: widget(s, row), "the row")
        app.click(row)
        app.wait_text("Locked by Alesia Burvin")
        body = ""
        for word in "Hi Hannah, sorry about the noise. Our engineer can come back tomorrow".split():
            body = (body + " " + word).strip()
            alesia.send_live({"type": "draft", "ticket": ticket["id"], "body": body, "kind": "reply",
                              "base_version": ticket["version"]})
            time.sleep(0.08)
        app.wait_text("Alesia Burvin is writing a reply")
        app.key("F12")
        app.wait(lambda s: debug_button(s, "debug-tab-decide"), "the panel")
        time.sleep(0.5)  # the tab bar lays its tabs out on the panel's first frames
        b = debug_button(app.snapshot(), "debug-tab-decide")
        app.xdotool("mousemove", "--window", app.window, str(int(b["x"] + b["w"] / 2)), str(int(b["y"] + b["h"] / 2)))
        app.xdotool("click", "1")
        app.xdotool("mousemove", "--window", app.window, "700", "500")  # no tooltip in the picture
        time.sleep(1.5)
        OUT.parent.mkdir(parents=True, exist_ok=True)
        subprocess.run(["import", "-window", app.window, str(OUT)], env=app.env, check=True)
        # 256 colours: a third of the size, and the text stays as sharp
        subprocess.run(["convert", str(OUT), "-strip", "-dither", "None", "-colors", "256", "PNG8:" + str(OUT)], check=True)
        print(OUT)
    finally:
        if app:
            app.close()
        alesia.close()
        xvfb.terminate()
        xvfb.wait(timeout=10)
        next(server_fixture, None)


if __name__ == "__main__":
    main()
