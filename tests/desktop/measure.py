"""The desktop build's numbers for the README: binary size, start to first frame, idle CPU.
    /usr/bin/python3 tests/desktop/measure.py [path/to/baton-desktop]   (default build/desktop/baton-desktop)
Runs its own serve.py and Xvfb. Times are on this machine with Mesa's software OpenGL (llvmpipe)."""
import os
import signal
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import conftest
from conftest import REPO, Desktop

BINARY = Path(sys.argv[1] if len(sys.argv) > 1 else REPO / "build/desktop/baton-desktop").resolve()


def first_frame(display, base, folder, args):
    """Exec to the first snapshot written (it is written right after the first frame is swapped)."""
    folder.mkdir()
    start = time.monotonic()
    env = dict(os.environ, DISPLAY=display)
    snapshot = folder / "snapshot.json"
    proc = subprocess.Popen([str(BINARY), "--server", base, "--snapshot-file", str(snapshot), "--state-file",
                             str(folder / "state.json"), *args], env=env, stderr=subprocess.PIPE, text=True)
    while not snapshot.exists():
        time.sleep(0.002)
    external = (time.monotonic() - start) * 1000
    rss = resident_mb(proc.pid)
    proc.terminate()
    stderr = proc.communicate(timeout=10)[1]
    internal = float(stderr.split("first frame after ")[1].split(" ms")[0])
    return external, internal, rss


def resident_mb(pid):
    """Resident memory (VmRSS) of a process, in MB."""
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        if line.startswith("VmRSS:"):
            return int(line.split()[1]) / 1024
    return 0.0


def idle_cpu(app, seconds=5.0):
    os.kill(app.proc.pid, signal.SIGUSR1)
    time.sleep(0.3)
    frames = app.snapshot()["desktop"]["frames_drawn"]
    cpu = app.cpu_seconds()
    time.sleep(seconds)
    used = app.cpu_seconds() - cpu
    os.kill(app.proc.pid, signal.SIGUSR1)
    time.sleep(0.3)
    return used / seconds * 100, app.snapshot()["desktop"]["frames_drawn"] - frames


def main():
    folder = Path(tempfile.mkdtemp(prefix="baton-measure-"))
    server_fixture = conftest.server.__wrapped__(type("F", (), {"mktemp": lambda self, name: folder})())
    base = next(server_fixture)
    xvfb, display = conftest.start_xvfb()
    os.environ["BATON_DESKTOP"] = str(BINARY)
    conftest.DESKTOP = BINARY
    try:
        size = BINARY.stat().st_size
        stripped = folder / "stripped"
        subprocess.run(["strip", "-o", str(stripped), str(BINARY)], check=True)
        print(f"binary: {size / 1e6:.1f} MB ({stripped.stat().st_size / 1e6:.1f} MB stripped), {BINARY}")
        runs = [first_frame(display, base, folder / f"login{i}", []) for i in range(5)]
        print("start to first frame (login screen), median of 5: exec -> first frame on screen %.0f ms "
              "(main() -> first frame %.0f ms), resident memory then %.1f MB"
              % (statistics.median(r[0] for r in runs), statistics.median(r[1] for r in runs),
                 statistics.median(r[2] for r in runs)))
        (folder / "idle-login").mkdir()
        app = Desktop(display, base, folder / "idle-login", [])
        app.wait(lambda s: s["screen"] == "login", "login")
        time.sleep(1)
        cpu, frames = idle_cpu(app)
        print(f"idle on the login screen: {cpu:.2f}% of a core, {frames} frames in 5 s")
        app.close()
        (folder / "idle-ws").mkdir()
        started = time.monotonic()
        app = Desktop(display, base, folder / "idle-ws", ["--email", "marcus@baton.test", "--password", conftest.PASSWORD])
        app.wait(lambda s: any(w["id"].startswith("row") for w in s["widgets"]), "the list", timeout=30)
        print(f"scripted start to the ticket list on screen (login, live socket, first page): "
              f"{(time.monotonic() - started) * 1000:.0f} ms, resident memory then {resident_mb(app.proc.pid):.1f} MB")
        app.wait(lambda s: s["screen"] == "workspace" and s["desktop"]["debug"]["link"] == "live", "live")
        time.sleep(2)
        cpu, frames = idle_cpu(app)
        print(f"idle in the workspace (labels tick once a second): {cpu:.2f}% of a core, {frames} frames in 5 s")
        rtt = app.wait(lambda s: s["desktop"]["debug"]["rtt_ms"] >= 0, "a pong")["desktop"]["debug"]["rtt_ms"]
        time.sleep(20.5)  # the App pings every 20 s: the second one is on a quiet server
        os.kill(app.proc.pid, signal.SIGUSR1)
        time.sleep(0.3)
        debug = app.snapshot()["desktop"]["debug"]
        print(f"WebSocket round trip as the App sees it: {rtt} ms at start, {debug['rtt_ms']} ms 20 s later; "
              f"on the socket thread {debug['socket_rtt_us'] / 1000:.2f} ms")
        app.close()
    finally:
        xvfb.terminate()
        xvfb.wait(timeout=10)
        next(server_fixture, None)


if __name__ == "__main__":
    main()
