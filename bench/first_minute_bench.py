#!/usr/bin/python3
"""The ticket list during the first minute after a start, at 100,000 demo tickets (a measurement).

    /usr/bin/python3 bench/first_minute_bench.py --tickets 100000 --core-path build/release/python

Seeds the demo (`serve.py --demo --demo-tickets N`: about one ticket in ten locked by an agent who
is not connected) into a SQLite file once (kept with --keep DIR), and copies that pristine file for
every start. After a start the automations release those ~10,000 locks: expired ones at once,
the others (`disconnected`) when the disconnect grace (30 s) has passed. From the moment serve.py
answers, one client logs in and asks for a page of the list (views in turn) back to back for
`--secs` (70) seconds: prints p50 / p99 / max over the first minute, the slowest request and when it
happened, and the locks held over time (from /metrics). --serve-arg passes options to serve.py
(for example --serve-arg=--demo-colleagues=0).
"""
import argparse
import json
import shutil
import signal
import socket
import statistics
import subprocess
import sys
import tempfile
import time
import urllib.request
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
VIEWS = ["view=all", "view=unassigned", "view=locked", "view=mine", "view=all&q=boiler"]


def free_port():
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def serve(db, core_path, tickets, extra, wait=True):
    port = free_port()
    args = ["/usr/bin/python3", str(REPO / "serve.py"), "--port", str(port), "--db", str(db), "--demo",
            "--demo-tickets", str(tickets), "--core-path", core_path, *extra]
    proc = subprocess.Popen(args, stdout=subprocess.DEVNULL)
    base = f"http://127.0.0.1:{port}"
    started = time.perf_counter()
    while wait:
        try:
            urllib.request.urlopen(base + "/healthz", timeout=2)
            break
        except OSError:
            if proc.poll() is not None:
                raise SystemExit("serve.py exited")
            time.sleep(0.05)
    return proc, base, time.perf_counter() - started


def stop(proc):
    proc.send_signal(signal.SIGTERM)
    proc.wait(timeout=60)


def call(base, path, token=None, body=None):
    headers = {"Authorization": f"Bearer {token}"} if token else {}
    data = json.dumps(body).encode() if body is not None else None
    request = urllib.request.Request(base + path, data, headers={**headers, "Content-Type": "application/json"})
    started = time.perf_counter()
    with urllib.request.urlopen(request, timeout=60) as response:
        text = response.read()
    return time.perf_counter() - started, text


def locks_held(base):
    _, text = call(base, "/metrics")
    for line in text.decode().splitlines():
        if line.startswith("baton_locks_held "):
            return int(line.split()[1])
    return -1


def seed(path, core_path, tickets):
    print(f"seeding {tickets} demo tickets into {path} ...", flush=True)
    started = time.perf_counter()
    proc, _, _ = serve(path, core_path, tickets, ["--demo-colleagues", "0"] if supports_colleagues() else [])
    stop(proc)
    print(f"  seeded in {time.perf_counter() - started:.0f} s", flush=True)


def supports_colleagues():
    return "--demo-colleagues" in subprocess.run(["/usr/bin/python3", str(REPO / "serve.py"), "--help"],
                                                 capture_output=True, text=True).stdout


def run(args, pristine, tmp):
    db = Path(tmp) / "run.sqlite3"
    for suffix in ("", "-wal", "-shm"):
        if Path(f"{pristine}{suffix}").exists():
            shutil.copyfile(f"{pristine}{suffix}", f"{db}{suffix}")
    proc, base, healthy = serve(db, args.core_path, args.tickets, args.serve_arg)
    try:
        _, text = call(base, "/api/login", body={"email": "alesia@baton.test", "password": "baton-demo"})
        token = json.loads(text)["token"]
        samples, held = [], [(0.0, locks_held(base))]
        t0 = time.perf_counter()
        next_metrics, i = 5.0, 0
        while (elapsed := time.perf_counter() - t0) < args.secs:
            seconds, _ = call(base, f"/api/tickets?{VIEWS[i % len(VIEWS)]}&limit=50", token)
            samples.append((elapsed, seconds))
            i += 1
            if elapsed >= next_metrics:
                held.append((elapsed, locks_held(base)))
                next_metrics += 5
        first = sorted(s for at, s in samples if at < 60)
        ms = [s * 1000 for s in first]
        q = statistics.quantiles(ms, n=100)
        worst_at, worst = max(samples, key=lambda sample: sample[1])
        print(f"start to healthy {healthy:.1f} s; {len(first)} list requests in the first minute: "
              f"p50 {q[49]:.1f} ms, p99 {q[98]:.1f} ms, max {ms[-1]:.1f} ms "
              f"(slowest {worst * 1000:.0f} ms at {worst_at:.1f} s)", flush=True)
        print("  locks held: " + ", ".join(f"{at:.0f} s: {n}" for at, n in held), flush=True)
        return q[98], ms[-1]
    finally:
        stop(proc)


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--tickets", type=int, default=100_000)
    parser.add_argument("--core-path", default=str(REPO / "build/release/python"))
    parser.add_argument("--secs", type=float, default=70)
    parser.add_argument("--starts", type=int, default=2)
    parser.add_argument("--keep", help="folder that keeps the seeded database between runs")
    parser.add_argument("--serve-arg", action="append", default=[], help="passed to serve.py (repeat)")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(args.keep) if args.keep else Path(tmp)
        folder.mkdir(parents=True, exist_ok=True)
        pristine = folder / f"demo-{args.tickets}.sqlite3"
        if not pristine.exists():
            seed(pristine, args.core_path, args.tickets)
        print(f"\n== the list in the first minute after a start, {args.tickets} demo tickets, "
              f"serve.py {' '.join(args.serve_arg) or '(defaults)'} ==")
        for _ in range(args.starts):
            run(args, pristine, tmp)


if __name__ == "__main__":
    sys.exit(main())
