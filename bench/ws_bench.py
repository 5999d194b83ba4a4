#!/usr/bin/python3
"""WebSocket and command benchmark for serve.py (a measurement, not a test).

    /usr/bin/python3 bench/ws_bench.py --agents 100
    /usr/bin/python3 bench/ws_bench.py --agents 1000

It starts its own serve.py on a temporary database: once with --demo (the tickets), then again
after writing N bench agents and a session for each straight into the database (logging in 1,000
agents through scrypt would take a minute and measure nothing of interest). Half the agents are in
support, half in billing. Every agent opens a WebSocket and goes live; a few "typists" type drafts
on one ticket each while a handful of colleagues view that ticket. Then a few agents send
lock / note / unlock commands over HTTP as fast as the server answers.

Measured, all on this machine's clock (client and server share the 2 cores):
  - draft latency: keystroke sent -> a draft containing it seen by a viewer of the ticket
    (includes the 50 ms coalescing window of the server);
  - fan-out spread: for one pushed draft, first receiver -> last receiver: among the viewers
    (pushed at once), and among the rest of the department (the 2 s draft digest);
  - the server's own push latency histogram (message ready -> written to its last socket), for
    live pushes and digests while typing, and for events to the department during the commands;
  - command throughput over HTTP, with every event pushed to the connected department.
"""
import argparse
import asyncio
import json
import os
import random
import resource
import secrets
import signal
import socket
import statistics
import subprocess
import sys
import tempfile
import time
import urllib.request
from collections import defaultdict
from pathlib import Path

import aiohttp

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))

from server.api.auth import hash_password, token_hash  # noqa: E402
from server.store.sqlite import SqliteStore  # noqa: E402

TARGET_DRAFT_P99_MS = 100
TARGET_FANOUT_P99_MS = 10


def parse_args():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--agents", type=int, default=100)
    parser.add_argument("--typists", type=int, help="agents typing at once (default: 1 per 50 agents, at least 2)")
    parser.add_argument("--viewers", type=int, default=4, help="colleagues viewing each typed-on ticket")
    parser.add_argument("--keys-per-sec", type=float, default=8.0, help="typing speed of each typist")
    parser.add_argument("--seconds", type=float, default=10.0, help="how long the typists type")
    parser.add_argument("--workers", type=int, default=4, help="agents sending commands concurrently")
    parser.add_argument("--rounds", type=int, default=60, help="lock/note/unlock rounds per worker")
    parser.add_argument("--core-path", help="passed on to serve.py")
    return parser.parse_args()


def percentile(values, fraction):
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(fraction * len(ordered)))] if ordered else float("nan")


def wait_until_healthy(proc, base, tries):
    """Polls /healthz every 0.1 s; ends the benchmark with one line if serve.py exits or never answers."""
    for _ in range(tries):
        try:
            urllib.request.urlopen(f"{base}/healthz", timeout=1).close()
            return
        except OSError:
            if proc.poll() is not None:
                sys.exit("serve.py did not start")
            time.sleep(0.1)
    sys.exit("serve.py did not become healthy")


class Server:
    def __init__(self, db, core_path):
        self.db, self.core_path, self.proc = db, core_path, None

    def start(self, demo=False):
        with socket.socket() as sock:
            sock.bind(("127.0.0.1", 0))
            self.port = sock.getsockname()[1]
        args = [sys.executable, str(REPO / "serve.py"), "--port", str(self.port), "--db", str(self.db)]
        args += ["--demo", "--demo-colleagues", "0"] if demo else []
        args += ["--core-path", self.core_path] if self.core_path else []
        self.proc = subprocess.Popen(args, stdout=subprocess.DEVNULL)
        wait_until_healthy(self.proc, self.base, tries=200)
        return self

    @property
    def base(self):
        return f"http://127.0.0.1:{self.port}"

    def cpu_seconds(self):
        fields = Path(f"/proc/{self.proc.pid}/stat").read_text().rsplit(")", 1)[1].split()
        return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")

    def stop(self):
        self.proc.send_signal(signal.SIGTERM)
        self.proc.wait(timeout=30)


def add_bench_agents(db, count):
    """Bench agents and their sessions, written directly (the bench-only path); returns tokens."""
    store = SqliteStore(str(db))
    password = hash_password(secrets.token_hex(8))  # nobody logs in with it
    agents = []
    for i in range(count):
        department = "support" if i % 2 == 0 else "billing"
        agent = store.add_agent(f"Bench Agent {i}", f"bench{i}@bench.test", "agent", [department], password)
        token = secrets.token_urlsafe(32)
        store.add_session(token_hash(token), agent.id, int(time.time() * 1000))
        agents.append({"id": agent.id, "department": department, "token": token})
    store.close()
    return agents


class Probe:
    """What the sockets saw: keystroke latencies for viewers, and receive times per pushed draft."""

    def __init__(self):
        self.sent = {}  # (typist, n) -> perf_counter when sent
        self.seen_upto = defaultdict(int)  # (typist, viewer) -> highest keystroke seen
        self.viewers = {}  # ticket -> set of viewer agent ids
        self.latencies = []
        self.arrivals = {True: defaultdict(list), False: defaultdict(list)}  # viewer? -> (typist, n) -> times
        self.messages = 0
        self.received = []  # (agent, perf_counter, text) of draft and digest messages

    def analyse(self):
        for agent_id, now, text in self.received:
            message = json.loads(text)
            for item in message["drafts"] if message["type"] == "digest" else [message]:
                self.on_draft(agent_id, item, now)

    def on_draft(self, agent_id, message, now):
        draft = message["draft"]
        marker = draft["body"].rpartition("#")[2] if draft else ""
        if not marker.isdigit():  # a discard, or a draft of the demo data
            return
        n = int(marker)
        typist = draft["author"]
        viewer = agent_id in self.viewers.get(message["ticket"], ())
        self.arrivals[viewer][(typist, n)].append(now)
        if viewer:
            key = (typist, agent_id)
            for k in range(self.seen_upto[key] + 1, n + 1):
                self.latencies.append(now - self.sent[(typist, k)])
            self.seen_upto[key] = max(self.seen_upto[key], n)


async def read_socket(ws, agent_id, probe, live):
    """Only timestamps drafts and digests; they are parsed after the run, so that this one
    process reading all N sockets does not delay the next message's timestamp."""
    async for message in ws:
        if message.type != aiohttp.WSMsgType.TEXT:
            continue
        probe.messages += 1
        text = message.data
        if text.startswith(('{"type":"draft",', '{"type":"digest",')):
            probe.received.append((agent_id, time.perf_counter(), text))
        elif text.startswith('{"type":"live",'):
            live.set()


async def connect_all(http, base, agents, probe):
    sockets = {}

    async def connect(agent):
        ws = await http.ws_connect(f"{base}/api/ws?token={agent['token']}", heartbeat=None, autoping=True)
        live = asyncio.Event()
        asyncio.create_task(read_socket(ws, agent["id"], probe, live))
        await ws.send_str(json.dumps({"type": "hello", "since": None}))
        await live.wait()
        sockets[agent["id"]] = ws

    for start in range(0, len(agents), 100):
        await asyncio.gather(*(connect(a) for a in agents[start:start + 100]))
    return sockets


async def tickets_of(http, base, agent):
    async with http.get(f"{base}/api/tickets?limit=500&view=unassigned",
                        headers={"Authorization": f"Bearer {agent['token']}"}) as response:
        return [t for t in (await response.json())["tickets"] if t["lock"] is None]


async def quiet(probe, seconds=0.5):
    """Waits until no message arrived on any socket for `seconds`."""
    while True:
        seen = probe.messages
        await asyncio.sleep(seconds)
        if probe.messages == seen:
            return


async def typing_phase(args, agents, sockets, probe, tickets):
    """Typists type on their own ticket; `viewers` colleagues of the department view it."""
    rng = random.Random(1)
    by_department = defaultdict(list)
    for agent in agents:
        by_department[agent["department"]].append(agent)
    typists = []
    idle = {department: colleagues[args.typists:] for department, colleagues in by_department.items()}
    for pool in idle.values():
        rng.shuffle(pool)
    for i in range(args.typists):
        department = ("support", "billing")[i % 2]
        typist = by_department[department][i // 2]
        ticket = tickets[department][i // 2]
        viewers = [idle[department].pop()["id"] for _ in range(args.viewers)]  # one ticket per tab
        probe.viewers[ticket["id"]] = set(viewers)
        for viewer in [typist["id"]] + viewers:
            await sockets[viewer].send_str(json.dumps({"type": "view", "ticket": ticket["id"]}))
        typists.append((typist, ticket))
    await quiet(probe)

    async def type_on(typist, ticket):
        ws, n = sockets[typist["id"]], 0
        deadline = time.perf_counter() + args.seconds
        await asyncio.sleep(rng.random() / args.keys_per_sec)
        while time.perf_counter() < deadline:
            n += 1
            probe.sent[(typist["id"], n)] = time.perf_counter()
            body = "Dear customer, thanks for your patience. " + "x" * (n % 40) + f"#{n}"
            await ws.send_str(json.dumps({"type": "draft", "ticket": ticket["id"], "body": body,
                                          "kind": "reply", "base_version": ticket["version"]}))
            await asyncio.sleep(rng.expovariate(args.keys_per_sec))

    await asyncio.gather(*(type_on(t, ticket) for t, ticket in typists))
    await asyncio.sleep(1.0)  # trailing saves and their pushes
    return len(probe.sent)


async def command_phase(args, http, base, agents, tickets):
    """Workers lock, note and unlock their own tickets as fast as the server answers."""
    latencies = []

    async def work(agent, ticket):
        headers = {"Authorization": f"Bearer {agent['token']}"}
        url = f"{base}/api/tickets/{ticket['id']}/commands"
        for _ in range(args.rounds):
            for command in ({"type": "lock"}, {"type": "note", "body": "bench note"}, {"type": "unlock"}):
                started = time.perf_counter()
                async with http.post(url, json=command, headers=headers) as response:
                    await response.read()
                    assert response.status == 200, (response.status, await response.text())
                latencies.append(time.perf_counter() - started)

    workers = [(agents[-1 - i], tickets[agents[-1 - i]["department"]][-1 - i // 2]) for i in range(args.workers)]
    started = time.perf_counter()
    await asyncio.gather(*(work(agent, ticket) for agent, ticket in workers))
    return latencies, time.perf_counter() - started


async def push_histograms(http, base):
    """tier -> [(bucket bound, cumulative count)] of baton_push_latency_seconds."""
    async with http.get(f"{base}/metrics") as response:
        text = await response.text()
    tiers = defaultdict(list)
    for line in text.splitlines():
        if line.startswith("baton_push_latency_seconds_bucket"):
            tier = line.split('tier="')[1].split('"')[0]
            bound = line.split('le="')[1].split('"')[0]
            tiers[tier].append((float(bound), int(line.split()[-1])))
    return tiers


def histogram_delta(after, before):
    return {tier: [(bound, count - earlier) for (bound, count), (_, earlier) in zip(buckets, before[tier])]
            for tier, buckets in after.items()}


def histogram_percentile(buckets, fraction):
    total = buckets[-1][1]
    for bound, count in buckets:
        if count >= fraction * total:
            return bound
    return float("inf")


async def bench(args, server, agents):
    probe = Probe()
    connector = aiohttp.TCPConnector(limit=0)
    async with aiohttp.ClientSession(connector=connector) as http:
        started = time.perf_counter()
        sockets = await connect_all(http, server.base, agents, probe)
        connect_secs = time.perf_counter() - started
        support = next(a for a in agents if a["department"] == "support")
        billing = next(a for a in agents if a["department"] == "billing")
        tickets = {"support": await tickets_of(http, server.base, support),
                   "billing": await tickets_of(http, server.base, billing)}
        before_typing = await push_histograms(http, server.base)
        cpu_before, messages_before = server.cpu_seconds(), probe.messages
        typed_at = time.perf_counter()
        keystrokes = await typing_phase(args, agents, sockets, probe, tickets)
        typing_wall = time.perf_counter() - typed_at
        typing_cpu, typing_messages = server.cpu_seconds() - cpu_before, probe.messages - messages_before
        after_typing = await push_histograms(http, server.base)
        cpu_before = server.cpu_seconds()
        command_latencies, command_secs = await command_phase(args, http, server.base, agents, tickets)
        command_cpu = server.cpu_seconds() - cpu_before
        after_commands = await push_histograms(http, server.base)
        for ws in sockets.values():
            await ws.close()
    probe.analyse()
    def spreads(arrivals):
        return [max(times) - min(times) for times in arrivals.values()]

    def fanout(arrivals):
        return statistics.mean(len(times) for times in arrivals.values())

    return {
        "connect_secs": connect_secs, "keystrokes": keystrokes, "pushed_drafts": len(probe.arrivals[True]),
        "typing_wall": typing_wall, "typing_cpu": typing_cpu, "typing_messages": typing_messages,
        "latencies": probe.latencies, "typing_push": histogram_delta(after_typing, before_typing),
        "command_push": histogram_delta(after_commands, after_typing),
        "viewer_spreads": spreads(probe.arrivals[True]), "viewer_fanout": fanout(probe.arrivals[True]),
        "digest_spreads": spreads(probe.arrivals[False]), "digest_fanout": fanout(probe.arrivals[False]),
        "digest_drafts": len(probe.arrivals[False]),
        "command_latencies": command_latencies, "command_secs": command_secs, "command_cpu": command_cpu,
    }


def report(args, r):
    ms = 1000
    lat, cmd = r["latencies"], r["command_latencies"]
    p99_draft = percentile(lat, 0.99) * ms
    commands = len(cmd)
    print(f"\n== Baton WebSocket bench: {args.agents} agents, {args.typists} typists x {args.keys_per_sec:g} keys/s "
          f"for {args.seconds:g} s, {args.viewers} viewers per typed ticket ==")
    print(f"connect + hello of {args.agents} sockets: {r['connect_secs']:.2f} s")
    print(f"keystrokes sent: {r['keystrokes']}, drafts pushed by the server: {r['pushed_drafts']} "
          f"(coalescing ratio {r['pushed_drafts'] / max(1, r['keystrokes']):.2f})")
    print(f"draft latency keystroke -> viewer: p50 {statistics.median(lat) * ms:.1f} ms, p99 {p99_draft:.1f} ms "
          f"({len(lat)} samples; p99 / {TARGET_DRAFT_P99_MS} ms target = {p99_draft / TARGET_DRAFT_P99_MS:.2f})")
    for name, tier in (("viewers", "viewer"), ("digest", "digest")):
        spread = r[f"{tier}_spreads"]
        print(f"fan-out to {name}: {r[f'{tier}_fanout']:.0f} sockets per draft"
              + (f" ({r['digest_drafts']} drafts in digests)" if tier == "digest" else "")
              + f"; first -> last receiver p50 {statistics.median(spread) * ms:.1f} ms, "
              f"p99 {percentile(spread, 0.99) * ms:.1f} ms")
    print("server push latency, message ready -> written to its last socket (histogram bucket bounds):")
    for phase, tier, what in (("typing_push", "live", "drafts and presence to viewers"),
                              ("typing_push", "digest", "digests to everyone else"),
                              ("command_push", "live", "command events to the department")):
        buckets = r[phase][tier]
        p50, p99 = histogram_percentile(buckets, 0.50) * ms, histogram_percentile(buckets, 0.99) * ms
        print(f"  {what:34} p50 <= {p50:g} ms, p99 <= {p99:g} ms ({buckets[-1][1]} fan-outs"
              + (f"; p99 / {TARGET_FANOUT_P99_MS} ms target = {p99 / TARGET_FANOUT_P99_MS:.2f})" if tier == "live" else ")"))
    print(f"messages received while typing: {r['typing_messages'] / r['typing_wall']:.0f}/s; "
          f"server CPU {r['typing_cpu'] / r['typing_wall'] * 100:.0f}% of one core")
    print(f"HTTP commands (lock/note/unlock, {args.workers} workers): {commands / r['command_secs']:.0f} commands/s, "
          f"latency p50 {statistics.median(cmd) * ms:.1f} ms, p99 {percentile(cmd, 0.99) * ms:.1f} ms; "
          f"server CPU {r['command_cpu'] / r['command_secs'] * 100:.0f}% of one core, "
          f"{r['command_cpu'] / commands * ms:.2f} ms CPU per command incl. its pushes")


def main():
    args = parse_args()
    args.typists = args.typists or max(2, args.agents // 50)
    soft, hard = resource.getrlimit(resource.RLIMIT_NOFILE)
    resource.setrlimit(resource.RLIMIT_NOFILE, (hard, hard))
    with tempfile.TemporaryDirectory() as tmp:
        server = Server(Path(tmp) / "bench.sqlite3", args.core_path)
        server.start(demo=True).stop()
        agents = add_bench_agents(server.db, args.agents)
        server.start()
        try:
            results = asyncio.run(bench(args, server, agents))
        finally:
            server.stop()
    report(args, results)


if __name__ == "__main__":
    main()
