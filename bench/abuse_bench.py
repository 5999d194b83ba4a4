#!/usr/bin/python3
"""Keystroke latency while clients abuse the server: a 40-client login flood, then sockets that
send as fast as they can (a measurement, not a test).

    /usr/bin/python3 bench/abuse_bench.py --core-path build/release/python

Starts serve.py on a fresh demo database (SQLite). Marcus types a draft at 10 keys a second over
his WebSocket; Priya views the ticket and receives each keystroke's draft push: the latency is
send -> receive, on one clock (both sockets in this process). Three phases of `--secs` each:
quiet; 40 clients (another process) logging in with the right password as fast as they are
answered (a shift starting); the same 40 clients posting wrong passwords, each request for a new
account from a new address (X-Forwarded-For, which serve.py believes from loopback), so that no
wait ever holds them back and every request costs a scrypt (the worst case: a botnet spraying).
Then `--sockets` (10) WebSockets of one agent that send pings as fast as the socket takes them,
and reconnect at once each time the server closes them (4029). Prints p50 / p90 / p99 / max per
phase, and what the logins were answered or how often the sockets were closed.
"""
import argparse
import asyncio
import json
import multiprocessing
import os
import random
import signal
import socket
import statistics
import subprocess
import tempfile
import time
import urllib.request
from pathlib import Path

import aiohttp

REPO = Path(__file__).resolve().parents[1]
PASSWORD = "baton-demo"
DEMO = ["marcus@baton.test", "priya@baton.test", "tomas@baton.test", "hannah@baton.test",
        "jonas@baton.test", "chloe@baton.test", "daniel@baton.test", "alesia@baton.test"]


def free_port():
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def start_server(db, core_path, extra):
    port = free_port()
    args = ["/usr/bin/python3", str(REPO / "serve.py"), "--port", str(port), "--db", str(db), "--demo",
            "--core-path", core_path, *extra]
    if not any(a.startswith("--demo-colleagues") for a in extra) and \
            "--demo-colleagues" in subprocess.run(args[:2] + ["--help"], capture_output=True, text=True).stdout:
        args += ["--demo-colleagues", "0"]  # only the benchmark's clients (and older serve.py: none)
    proc = subprocess.Popen(args, stdout=subprocess.DEVNULL)
    base = f"http://127.0.0.1:{port}"
    for _ in range(600):
        try:
            urllib.request.urlopen(base + "/healthz", timeout=1)
            return proc, base
        except OSError:
            if proc.poll() is not None:
                raise SystemExit("serve.py exited")
            time.sleep(0.1)
    raise SystemExit("serve.py did not become healthy")


def flood(base, clients, right, stop_at, counts):
    """The flooding process: `clients` concurrent loops of POST /api/login until `stop_at`."""
    async def one(session, index, tally):
        rng = random.Random(index)
        while time.time() < stop_at:
            address = f"10.{rng.randrange(256)}.{rng.randrange(256)}.{rng.randrange(1, 255)}"
            if right:
                email, password = rng.choice(DEMO), PASSWORD
            else:  # a new account and address each time: no wait ever applies, each costs a scrypt
                email, password = f"guess{rng.randrange(10**9)}@example.com", f"guess-{rng.randrange(10**9)}"
            try:
                async with session.post(base + "/api/login", json={"email": email, "password": password},
                                        headers={"X-Forwarded-For": address}) as response:
                    await response.read()
                    tally[response.status] = tally.get(response.status, 0) + 1
            except aiohttp.ClientError:
                tally["error"] = tally.get("error", 0) + 1

    async def main():
        tally = {}
        connector = aiohttp.TCPConnector(limit=clients)
        async with aiohttp.ClientSession(connector=connector, cookie_jar=aiohttp.DummyCookieJar()) as session:
            await asyncio.gather(*(one(session, i, tally) for i in range(clients)))
        return tally

    counts.update(asyncio.run(main()))


def socket_flood(base, token, sockets, stop_at, counts):
    """The flooding process: `sockets` WebSockets sending pings flat out, reconnecting when closed."""
    async def one(session, tally):
        while time.time() < stop_at:
            try:
                ws = await session.ws_connect(f"{base}/api/ws?token={token}")
                tally["connected"] = tally.get("connected", 0) + 1
                while time.time() < stop_at and not ws.closed:
                    await ws.send_str('{"type":"ping"}')
                    tally["sent"] = tally.get("sent", 0) + 1
                    if tally["sent"] % 64 == 0:
                        await asyncio.sleep(0)
                await ws.close()
                if ws.close_code == 4029:
                    tally["closed 4029"] = tally.get("closed 4029", 0) + 1
            except aiohttp.WSServerHandshakeError as exc:
                tally[f"refused {exc.status}"] = tally.get(f"refused {exc.status}", 0) + 1
            except (aiohttp.ClientError, ConnectionResetError):
                tally["error"] = tally.get("error", 0) + 1

    async def main():
        tally = {}
        async with aiohttp.ClientSession() as session:
            await asyncio.gather(*(one(session, tally) for _ in range(sockets)))
        return tally

    counts.update(asyncio.run(main()))


async def typing_phase(base, tokens, ticket, secs, rate):
    """Marcus types at `rate` keys a second; returns Priya's receive latencies (seconds)."""
    sent, latencies = {}, []
    async with aiohttp.ClientSession() as session:
        typist = await session.ws_connect(f"{base}/api/ws?token={tokens['marcus']}")
        viewer = await session.ws_connect(f"{base}/api/ws?token={tokens['priya']}")
        for ws in (typist, viewer):
            await ws.send_json({"type": "hello", "since": None})
        await viewer.send_json({"type": "view", "ticket": ticket["id"]})
        await asyncio.sleep(0.3)

        async def read():
            async for message in viewer:
                data = json.loads(message.data)
                if data.get("type") == "draft" and data.get("draft") and data["author"] != tokens["priya_id"]:
                    key = data["draft"]["body"].rsplit(" ", 1)[-1]
                    if key in sent:
                        latencies.append(time.perf_counter() - sent.pop(key))

        async def drain():
            async for _ in typist:
                pass

        readers = [asyncio.create_task(read()), asyncio.create_task(drain())]
        body = "Hi Hannah, I am looking into it"
        started = time.perf_counter()
        end = started + secs
        n = 0
        try:
            while time.perf_counter() < end:
                n += 1
                key = f"k{n}"
                sent[key] = time.perf_counter()
                await typist.send_json({"type": "draft", "ticket": ticket["id"], "body": f"{body} {key}",
                                        "kind": "reply", "base_version": ticket["version"]})
                await asyncio.sleep(1 / rate)
        except (ConnectionResetError, aiohttp.ClientError):  # the server dropped a person's socket
            print(f"{'':<34} the typist's socket was closed after {time.perf_counter() - started:.1f} s "
                  f"(close code {typist.close_code})", flush=True)
        await asyncio.sleep(0.5)
        for task in readers:
            task.cancel()
        await typist.close()
        await viewer.close()
    return latencies


def login(base, email):
    request = urllib.request.Request(base + "/api/login", json.dumps({"email": email, "password": PASSWORD}).encode(),
                                     headers={"Content-Type": "application/json"})
    return json.loads(urllib.request.urlopen(request).read())


def report(name, latencies, counts=None, secs=None, unit="logins answered"):
    ms = sorted(x * 1000 for x in latencies)
    if not ms:
        print(f"{name:<34} no keystrokes received")
        return
    q = statistics.quantiles(ms, n=100)
    line = (f"{name:<34} p50 {q[49]:6.1f} ms  p90 {q[89]:6.1f} ms  p99 {q[98]:6.1f} ms  max {ms[-1]:6.1f} ms"
            f"  ({len(ms)} keys)")
    if counts:
        total = sum(v for v in counts.values())
        line += f"\n{'':<34} {unit}: {total / secs:.0f}/s  " + ", ".join(
            f"{k}: {v}" for k, v in sorted(counts.items(), key=str))
    print(line, flush=True)


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--core-path", default=str(REPO / "build/release/python"))
    parser.add_argument("--clients", type=int, default=40)
    parser.add_argument("--secs", type=float, default=15)
    parser.add_argument("--rate", type=float, default=10, help="keys a second")
    parser.add_argument("--sockets", type=int, default=10, help="flooding WebSockets in the last phase")
    parser.add_argument("--serve-arg", action="append", default=[], help="passed to serve.py (repeat)")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        proc, base = start_server(Path(tmp) / "flood.sqlite3", args.core_path, args.serve_arg)
        try:
            marcus, priya = login(base, "marcus@baton.test"), login(base, "priya@baton.test")
            tokens = {"marcus": marcus["token"], "priya": priya["token"], "priya_id": priya["agent"]["id"]}
            request = urllib.request.Request(base + "/api/tickets?view=all&limit=1",
                                             headers={"Authorization": f"Bearer {tokens['marcus']}"})
            ticket = json.loads(urllib.request.urlopen(request).read())["tickets"][0]
            print(f"\n== keystroke latency (Marcus types {args.rate:.0f} keys/s, Priya views), "
                  f"{args.clients} login clients ==")
            report("quiet", asyncio.run(typing_phase(base, tokens, ticket, args.secs, args.rate)))
            for right in (True, False):
                manager = multiprocessing.Manager()
                counts = manager.dict()
                stop_at = time.time() + args.secs + 1.5
                flooder = multiprocessing.Process(target=flood, args=(base, args.clients, right, stop_at, counts))
                flooder.start()
                time.sleep(1)  # the flood under way
                latencies = asyncio.run(typing_phase(base, tokens, ticket, args.secs, args.rate))
                flooder.join()
                report("right-password flood" if right else "wrong-password flood", latencies, dict(counts),
                       args.secs + 1.5)
                manager.shutdown()
            manager = multiprocessing.Manager()
            counts = manager.dict()
            stop_at = time.time() + args.secs + 1.5
            abuser = login(base, "tomas@baton.test")["token"]
            flooder = multiprocessing.Process(target=socket_flood, args=(base, abuser, args.sockets, stop_at, counts))
            flooder.start()
            time.sleep(1)
            latencies = asyncio.run(typing_phase(base, tokens, ticket, args.secs, args.rate))
            flooder.join()
            tally = dict(counts)
            report(f"{args.sockets} sockets flooding", latencies)
            print(f"{'':<34} {tally.get('sent', 0)} messages sent, {tally.get('connected', 0)} connections "
                  f"({tally.get('closed 4029', 0)} saw their 4029), {tally.get('refused 429', 0)} refused 429",
                  flush=True)
            manager.shutdown()
        finally:
            proc.send_signal(signal.SIGTERM)
            proc.wait(timeout=30)


if __name__ == "__main__":
    os.environ.setdefault("PYTHONHASHSEED", "0")
    main()
