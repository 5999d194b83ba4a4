"""The desktop build end to end: a real serve.py on loopback, an Xvfb display, baton-desktop in it
driven by real X input (xdotool), and colleagues acting through the HTTP API and WebSocket."""
import asyncio
import json
import os
import shutil
import signal
import socket
import subprocess
import threading
import time
import urllib.request
from pathlib import Path

import aiohttp
import pytest

REPO = Path(__file__).resolve().parents[2]
PYTHON = "/usr/bin/python3"
CORE_PATH = os.environ.get("BATON_CORE_PATH", str(REPO / "build/debug/python"))
DESKTOP = Path(os.environ.get("BATON_DESKTOP", str(REPO / "build/debug/baton-desktop")))
ARTIFACTS = REPO / "build" / "test-artifacts" / "desktop"
PASSWORD = "baton-demo"


def free_port():
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def wait_for(predicate, timeout=15.0, what="condition", interval=0.05):
    deadline = time.monotonic() + timeout
    while True:
        value = predicate()
        if value:
            return value
        if time.monotonic() > deadline:
            raise AssertionError(f"timed out waiting for {what}")
        time.sleep(interval)


@pytest.fixture(scope="session")
def server(tmp_path_factory):
    folder = tmp_path_factory.mktemp("server")
    port = free_port()
    log = open(folder / "serve.log", "w")
    proc = subprocess.Popen([PYTHON, str(REPO / "serve.py"), "--demo", "--demo-colleagues", "0", "--port", str(port), "--db",
                             str(folder / "baton.sqlite3"), "--core-path", CORE_PATH],
                            cwd=REPO, stdout=log, stderr=subprocess.STDOUT)
    base = f"http://127.0.0.1:{port}"
    deadline = time.monotonic() + 30
    while True:
        if proc.poll() is not None:
            raise RuntimeError("serve.py exited: " + (folder / "serve.log").read_text())
        try:
            with urllib.request.urlopen(base + "/healthz", timeout=1):
                break
        except OSError:
            if time.monotonic() > deadline:
                raise RuntimeError("serve.py did not become healthy")
            time.sleep(0.1)
    yield base
    proc.send_signal(signal.SIGTERM)
    proc.wait(timeout=10)
    log.close()


def start_xvfb(screen="1440x900x24"):
    """An Xvfb display of its own (the number Xvfb picks, so parallel runs never collide)."""
    if not shutil.which("Xvfb") or not shutil.which("xdotool"):
        raise RuntimeError("Xvfb and xdotool are needed: run scripts/install-deps.sh")
    read, write = os.pipe()
    # -noreset: without it the server resets when its last client leaves, and a window opened during
    # the reset fails with "Failed to open display" (seen between two tests).
    proc = subprocess.Popen(["Xvfb", "-displayfd", str(write), "-screen", "0", screen, "-nolisten", "tcp", "-noreset"],
                            pass_fds=[write], stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    os.close(write)
    number = b""
    with os.fdopen(read, "rb") as pipe:
        while not number.endswith(b"\n"):
            chunk = pipe.read(1)
            if not chunk:
                raise RuntimeError("Xvfb did not start")
            number += chunk
    return proc, ":" + number.decode().strip()


@pytest.fixture(scope="session")
def display():
    proc, name = start_xvfb()
    yield name
    proc.terminate()
    proc.wait(timeout=10)


class Agent:
    """A colleague at another desk: logged in over HTTP, with a live WebSocket (so the server
    counts them online and their locks stay), running on an asyncio loop in a thread."""

    def __init__(self, base, email):
        self.base = base
        self.loop = asyncio.new_event_loop()
        self.thread = threading.Thread(target=self.loop.run_forever, daemon=True)
        self.thread.start()
        self._call(self._start(email))

    def _call(self, coroutine, timeout=15):
        return asyncio.run_coroutine_threadsafe(coroutine, self.loop).result(timeout)

    async def _start(self, email):
        self.session = aiohttp.ClientSession()
        async with self.session.post(self.base + "/api/login", json={"email": email, "password": PASSWORD}) as r:
            answer = await r.json()
            assert r.status == 200, answer
        self.token = answer["token"]
        self.me = answer["agent"]
        self.headers = {"Authorization": "Bearer " + self.token}
        self.ws = await self.session.ws_connect(self.base.replace("http", "ws") + "/api/ws?token=" + self.token)
        await self.ws.send_json({"type": "hello", "since": None})
        self.reader = asyncio.ensure_future(self._read())

    async def _read(self):
        async for _ in self.ws:  # keeps the socket answered (pongs) and drained
            pass

    async def _http(self, method, path, body=None):
        async with self.session.request(method, self.base + path, json=body, headers=self.headers) as r:
            return r.status, await r.json()

    def http(self, method, path, body=None):
        return self._call(self._http(method, path, body))

    def command(self, ticket, body):
        status, answer = self.http("POST", f"/api/tickets/{ticket}/commands", body)
        assert status == 200, answer
        return answer["ticket"]

    def create_ticket(self, subject):
        status, answer = self.http("POST", "/api/tickets", {
            "subject": subject, "requester": {"name": "Hannah Rebekah", "email": "hannah@example.com"},
            "department": "support", "body": "My boiler hisses since this morning."})
        assert status == 201, answer
        return answer["ticket"]

    def ticket(self, ticket_id):
        status, answer = self.http("GET", f"/api/tickets/{ticket_id}")
        assert status == 200, answer
        return answer["ticket"]

    def send_live(self, message):
        self._call(self.ws.send_json(message))

    def close(self):
        async def stop():
            await self.ws.close()
            self.reader.cancel()
            await self.session.close()
        self._call(stop())
        self.loop.call_soon_threadsafe(self.loop.stop)
        self.thread.join(timeout=5)


@pytest.fixture
def colleague(server):
    agent = Agent(server, "alesia@baton.test")
    yield agent
    agent.close()


class Desktop:
    """baton-desktop in the test's display; reads its snapshot file and gives it real X input."""

    def __init__(self, display, server, folder, args=()):
        self.display = display
        self.env = dict(os.environ, DISPLAY=display)
        self.snapshot_file = folder / "snapshot.json"
        self.log_path = folder / "desktop.log"
        self.log = open(self.log_path, "w")
        self.started = time.monotonic()
        self.proc = subprocess.Popen([str(DESKTOP), "--server", server, "--snapshot-file", str(self.snapshot_file),
                                      "--state-file", str(folder / "state.json"), *args],
                                     env=self.env, stdout=self.log, stderr=subprocess.STDOUT)
        self.window = wait_for(self._find_window, what="the desktop window")

    def _find_window(self):
        if self.proc.poll() is not None:
            raise AssertionError("baton-desktop exited: " + self.log_path.read_text())
        out = subprocess.run(["xdotool", "search", "--onlyvisible", "--name", "^Baton"], env=self.env,
                             capture_output=True, text=True).stdout.split()
        return out[0] if out else None

    def snapshot(self):
        try:
            return json.loads(self.snapshot_file.read_text())
        except (OSError, ValueError):
            return None

    def wait(self, predicate, what, timeout=15.0):
        def check():
            if self.proc.poll() is not None:
                raise AssertionError("baton-desktop exited: " + self.log_path.read_text())
            snap = self.snapshot()
            return snap if snap and predicate(snap) else None
        try:
            return wait_for(check, timeout, what)
        except AssertionError:
            self.screenshot("timeout")
            raise

    def wait_text(self, needle, timeout=15.0):
        return self.wait(lambda s: any(needle in t for t in s["texts"]), f"text {needle!r}", timeout)

    def xdotool(self, *args):
        subprocess.run(["xdotool", *args], env=self.env, check=True)

    def click(self, widget_id):
        snap = self.wait(lambda s: widget(s, widget_id), f"widget {widget_id}")
        w = widget(snap, widget_id)
        self.xdotool("mousemove", "--window", self.window, str(int(w["x"] + w["w"] / 2)), str(int(w["y"] + w["h"] / 2)))
        time.sleep(0.05)
        self.xdotool("click", "1")

    def click_debug(self, button_id):
        snap = self.wait(lambda s: debug_button(s, button_id), f"debug button {button_id}")
        b = debug_button(snap, button_id)
        self.xdotool("mousemove", "--window", self.window, str(int(b["x"] + b["w"] / 2)), str(int(b["y"] + b["h"] / 2)))
        time.sleep(0.05)
        self.xdotool("click", "1")

    def type(self, text):
        self.xdotool("type", "--delay", "25", text)

    def key(self, *keys):
        self.xdotool("key", *keys)

    def chord(self, modifier, key):
        """Holds the modifier as a hand does. With xdotool's `key ctrl+Return` all four events come in
        one burst, and the window received Ctrl's release before Return's press (logged frame by
        frame: X's input method hands key presses back late), so ImGui typed a newline."""
        self.xdotool("keydown", modifier)
        time.sleep(0.05)
        self.xdotool("key", key)
        time.sleep(0.05)
        self.xdotool("keyup", modifier)

    def screenshot(self, name):
        ARTIFACTS.mkdir(parents=True, exist_ok=True)
        path = ARTIFACTS / f"{name}.png"
        subprocess.run(["import", "-window", self.window, str(path)], env=self.env, capture_output=True)
        return path

    def cpu_seconds(self):
        fields = Path(f"/proc/{self.proc.pid}/stat").read_text().rsplit(")", 1)[1].split()
        return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")  # utime + stime

    def close(self):
        if self.proc.poll() is None:
            self.proc.terminate()
            try:
                self.proc.wait(timeout=10)
            except subprocess.TimeoutExpired:
                self.proc.kill()
                self.proc.wait()
        self.log.close()


def widget(snap, widget_id):
    return next((w for w in snap["widgets"] if w["id"] == widget_id), None)


def debug_button(snap, button_id):
    return next((b for b in snap["desktop"]["debug"]["buttons"] if b["id"] == button_id), None)


@pytest.fixture
def desktop(display, server, tmp_path):
    started = []

    def start(*args):
        app = Desktop(display, server, tmp_path / f"run{len(started)}", args)
        started.append(app)
        return app

    (tmp_path / "run0").mkdir()
    for i in range(1, 4):
        (tmp_path / f"run{i}").mkdir()
    yield start
    for app in started:
        app.close()
