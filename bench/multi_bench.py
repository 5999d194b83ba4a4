#!/usr/bin/python3
"""Several serve.py processes on one PostgreSQL, and one on SQLite as the baseline (a measurement,
not a test).

    /usr/bin/python3 bench/multi_bench.py --agents 1000 --core-path build/release/python

For each setup (SQLite x1, PostgreSQL x1, x2, x3; `--setups` picks) it makes a fresh database (a
private PostgreSQL cluster with fsync and synchronous_commit on, started as the tests do), loads
the demo, writes N agents and their sessions straight into the database, starts the processes,
and spreads the agents' WebSockets over them (agent i on process (i // 2) mod P). The load comes from
`--clients` separate client processes (one Python loop saturates around 300 sockets here), which
share the machine's 2 cores with the servers and the database, so CPU is reported beside every
throughput: serve.py processes and PostgreSQL separately.

  - agents held: sockets live after connecting, and still open at the end;
  - draft keystroke -> viewer: typists type on their own ticket; each typed ticket has viewers on
    the typist's process and on the others. Keystrokes carry their send time (CLOCK_MONOTONIC is
    shared by the processes of one machine); p50/p99 within a process and across processes;
  - idle: 3 s with nothing happening, the CPU of holding the sockets (pings, digests, timers);
  - commands: workers lock / note / unlock their own tickets over HTTP, round-robin over the
    processes, as fast as answered: commands/s, and CPU per command (also above the idle CPU:
    when the machine is busy and commands are few, the idle cost weighs on each);
  - event -> whole department: every note carries its send time; each socket of the department
    records its arrival: p99 over all (note, receiver) pairs.
"""
import argparse
import asyncio
import json
import multiprocessing
import os
import random
import resource
import secrets
import signal
import socket
import subprocess
import sys
import tempfile
import time
import urllib.request
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))
sys.path.insert(0, str(REPO / "tests/server"))
sys.path.insert(0, str(REPO / "bench"))

from server.api.auth import hash_password, token_hash  # noqa: E402
from server.store import open_store  # noqa: E402
from ws_bench import wait_until_healthy  # noqa: E402

TICK = os.sysconf("SC_CLK_TCK")
IDLE_SECS = 3.0  # between the typing and the commands: the CPU of holding the sockets


def parse_args():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--agents", type=int, default=1000)
    parser.add_argument("--setups", default="sqlite:1,postgresql:1,postgresql:2,postgresql:3")
    parser.add_argument("--clients", type=int, default=2, help="client processes")
    parser.add_argument("--typists", type=int, default=20)
    parser.add_argument("--viewers", type=int, default=4, help="per typed ticket, spread over the processes")
    parser.add_argument("--keys-per-sec", type=float, default=8.0)
    parser.add_argument("--seconds", type=float, default=10.0, help="typing, then commands, this long each")
    parser.add_argument("--workers", type=int, default=6, help="agents sending commands at once")
    parser.add_argument("--core-path", default=str(REPO / "build/release/python"))
    parser.add_argument("--no-fsync", action="store_true",
                        help="diagnosis only: the PostgreSQL cluster without fsync (what the WAL flush costs)")
    parser.add_argument("--profile", metavar="DIR",
                        help="run the measured serve.py under cProfile (CPU time), stats in DIR")
    return parser.parse_args()


def percentile(values, fraction):
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(fraction * len(ordered)))] if ordered else float("nan")


def free_port():
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def cpu_seconds(pid):
    try:
        fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    except OSError:
        return 0.0
    return (int(fields[11]) + int(fields[12])) / TICK


def postgres_cpu():
    """CPU of every postgres process (the backends come and go with the servers' connections)."""
    total = 0.0
    for pid in os.listdir("/proc"):
        if pid.isdigit():
            try:
                if Path(f"/proc/{pid}/comm").read_text().strip() == "postgres":
                    total += cpu_seconds(pid)
            except OSError:
                pass
    return total


class Serve:
    profile_dir = None  # --profile: each measured serve.py runs under cProfile, its stats saved there

    def __init__(self, db, core_path):
        self.db, self.core_path, self.port = db, core_path, free_port()

    def start(self, demo=False, label=None):
        profile = []
        if self.profile_dir and label:  # CPU time, not wall time: waiting on the database is not cost
            out = Path(self.profile_dir) / f"{label}.prof"
            profile = ["-c", "import cProfile, runpy, sys, time\n"
                       "sys.argv = sys.argv[1:]\nprofiler = cProfile.Profile(time.process_time)\n"
                       "profiler.enable()\ntry:\n    runpy.run_path(sys.argv[0], run_name='__main__')\n"
                       "except SystemExit:\n    pass\nfinally:\n    profiler.disable()\n"
                       f"    profiler.dump_stats({str(out)!r})\n"]
        args = [sys.executable, *profile, str(REPO / "serve.py"), "--port", str(self.port), "--db", str(self.db),
                "--core-path", self.core_path, "--inbound-key", "bench"] + (["--demo", "--demo-colleagues", "0"] if demo else [])
        # aiohttp logs each socket it cannot ping while shutting down: keep that out of the report
        self.proc = subprocess.Popen(args, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        wait_until_healthy(self.proc, self.base, tries=600)
        return self

    @property
    def base(self):
        return f"http://127.0.0.1:{self.port}"

    def stop(self):
        self.proc.send_signal(signal.SIGTERM)
        self.proc.wait(timeout=60)


def process_of_agent(agent, count):
    """Agent i on process (i // 2) mod P: departments alternate, so both are on every process."""
    return (agent["index"] // 2) % count


def add_agents(db, count):
    store = open_store(db)
    password = hash_password(secrets.token_hex(8))
    agents = []
    for i in range(count):
        department = ("support", "billing")[i % 2]
        agent = store.add_agent(f"Bench {i}", f"bench{i}@bench.test", "agent", [department], password)
        token = secrets.token_urlsafe(32)
        store.add_session(token_hash(token), agent.id, int(time.time() * 1000))
        agents.append({"id": agent.id, "department": department, "token": token, "index": i})
    store.close()
    return agents


# ---- one client process: its share of the sockets, and its share of typists and workers ----

def client_main(plan, bases, queue, go, phase):
    asyncio.run(client(plan, bases, queue, go, phase))


async def client(plan, bases, queue, go, phase):
    import aiohttp
    soft, hard = resource.getrlimit(resource.RLIMIT_NOFILE)
    resource.setrlimit(resource.RLIMIT_NOFILE, (hard, hard))
    draft_lat = {"same": [], "other": []}
    event_lat = []
    live = 0
    closed = 0
    process_of = {a["id"]: process_of_agent(a, len(bases)) for a in plan["agents"]}
    typist_process = {t["ticket"]: t["process"] for t in plan["typists_all"]}

    async def read(ws, agent):
        nonlocal closed
        me = process_of[agent["id"]]
        async for message in ws:
            if message.type != aiohttp.WSMsgType.TEXT:
                continue
            text = message.data
            now = time.monotonic()
            if text.startswith('{"type":"draft",'):
                item = json.loads(text)
                body = (item.get("draft") or {}).get("body", "")
                if "@" in body:
                    sent = float(body.rpartition("@")[2])
                    where = "same" if typist_process.get(item["ticket"]) == me else "other"
                    draft_lat[where].append(now - sent)
            elif text.startswith('{"type":"event",') and '"note_added"' in text:
                body = json.loads(text)["event"]["message"]["body"]
                if body.startswith("bench@"):
                    event_lat.append(now - float(body[6:]))
        closed += 1

    async with aiohttp.ClientSession(connector=aiohttp.TCPConnector(limit=0)) as http:
        sockets = {}

        async def connect(agent):
            nonlocal live
            base = bases[process_of[agent["id"]]]
            ws = await http.ws_connect(f"{base}/api/ws?token={agent['token']}", heartbeat=None)
            await ws.send_str(json.dumps({"type": "hello", "since": None}))
            while True:
                message = await ws.receive()
                if message.type == aiohttp.WSMsgType.TEXT and message.data.startswith('{"type":"live"'):
                    break
            live += 1
            sockets[agent["id"]] = ws
            asyncio.create_task(read(ws, agent))

        for start in range(0, len(plan["agents"]), 50):
            await asyncio.gather(*(connect(a) for a in plan["agents"][start:start + 50]))
        for viewer, ticket in plan["views"]:
            await sockets[viewer].send_str(json.dumps({"type": "view", "ticket": ticket}))
        queue.put(("connected", live))
        await asyncio.get_running_loop().run_in_executor(None, go.wait)

        async def type_on(typist):
            ws, n, rng = sockets[typist["agent"]], 0, random.Random(typist["agent"])
            await sockets[typist["agent"]].send_str(json.dumps({"type": "view", "ticket": typist["ticket"]}))
            deadline = time.monotonic() + plan["seconds"]
            while time.monotonic() < deadline:
                n += 1
                body = "Dear customer, thanks for your patience. " + "x" * (n % 40) + f"@{time.monotonic()}"
                await ws.send_str(json.dumps({"type": "draft", "ticket": typist["ticket"], "body": body,
                                              "kind": "reply", "base_version": typist["version"]}))
                await asyncio.sleep(rng.expovariate(plan["keys_per_sec"]))
            return n

        keystrokes = sum(await asyncio.gather(*(type_on(t) for t in plan["typists"])))
        await asyncio.sleep(1.0)
        queue.put(("typed", keystrokes))
        await asyncio.get_running_loop().run_in_executor(None, phase.wait)

        commands, latencies = 0, []

        async def work(worker):
            nonlocal commands
            headers = {"Authorization": f"Bearer {worker['token']}"}
            deadline, k = time.monotonic() + plan["seconds"], worker["index"]
            while time.monotonic() < deadline:
                for command in ({"type": "lock"}, {"type": "note", "body": f"bench@{time.monotonic()}"},
                                {"type": "unlock"}):
                    base = bases[k % len(bases)]
                    k += 1
                    started = time.monotonic()
                    async with http.post(f"{base}/api/tickets/{worker['ticket']}/commands", json=command,
                                         headers=headers) as response:
                        await response.read()
                        if response.status != 200:
                            raise RuntimeError(f"{response.status}: {await response.text()}")
                    latencies.append(time.monotonic() - started)
                    commands += 1

        await asyncio.gather(*(work(w) for w in plan["workers"]))
        await asyncio.sleep(1.0)
        still_open = sum(1 for ws in sockets.values() if not ws.closed)
        for ws in sockets.values():
            await ws.close()
    queue.put(("done", {"draft": draft_lat, "event": event_lat, "commands": commands,
                        "command_latencies": latencies, "still_open": still_open}))


def unassigned_tickets(base, token):
    request = urllib.request.Request(f"{base}/api/tickets?limit=500&view=unassigned",
                                     headers={"Authorization": f"Bearer {token}"})
    with urllib.request.urlopen(request) as response:
        return [t for t in json.load(response)["tickets"] if t["lock"] is None]


def run_setup(args, kind, count, cluster):
    with tempfile.TemporaryDirectory() as tmp:
        db = cluster.new_database() if kind == "postgresql" else Path(tmp) / "bench.sqlite3"
        Serve(db, args.core_path).start(demo=True).stop()
        agents = add_agents(db, args.agents)
        servers = [Serve(db, args.core_path).start(label=f"{kind}{count}-{i}") for i in range(count)]
        bases = [s.base for s in servers]
        try:
            return measure(args, kind, servers, bases, agents)
        finally:
            for srv in servers:
                srv.stop()


def measure(args, kind, servers, bases, agents):
    by_department = {d: [a for a in agents if a["department"] == d] for d in ("support", "billing")}
    tickets = {d: unassigned_tickets(bases[0], by_department[d][0]["token"]) for d in by_department}
    typists, views, used = [], [], set()
    for i in range(args.typists):
        department = ("support", "billing")[i % 2]
        typist = by_department[department][i // 2]
        ticket = tickets[department][i // 2]
        process = process_of_agent(typist, len(bases))
        typists.append({"agent": typist["id"], "ticket": ticket["id"], "version": ticket["version"],
                        "process": process})
        used.add(typist["id"])
        pool = [a for a in by_department[department][args.typists:] if a["id"] not in used]
        # viewers: half on the typist's process, half on the others (when there are others)
        same = [a for a in pool if process_of_agent(a, len(bases)) == process]
        other = [a for a in pool if process_of_agent(a, len(bases)) != process]
        for k in range(args.viewers):
            source = same if (k % 2 == 0 and same) or not other else other
            viewer = source.pop(0)
            if viewer in same:
                same.remove(viewer)
            used.add(viewer["id"])
            views.append((viewer["id"], ticket["id"]))
    workers = []
    for i in range(args.workers):
        department = ("support", "billing")[i % 2]
        agent = [a for a in by_department[department] if a["id"] not in used][i]
        used.add(agent["id"])
        workers.append({"token": agent["token"], "ticket": tickets[department][-1 - i]["id"], "index": i})

    go, phase = multiprocessing.Event(), multiprocessing.Event()
    queue = multiprocessing.Queue()
    procs = []
    for c in range(args.clients):
        mine = [a for a in agents if a["index"] % args.clients == c]
        ids = {a["id"] for a in mine}
        plan = {"agents": mine, "views": [v for v in views if v[0] in ids],
                "typists": [t for t in typists if t["agent"] in ids], "typists_all": typists,
                "workers": workers[c::args.clients], "seconds": args.seconds,
                "keys_per_sec": args.keys_per_sec}
        procs.append(multiprocessing.Process(target=client_main, args=(plan, bases, queue, go, phase)))
    for proc in procs:
        proc.start()
    held = sum(queue.get(timeout=600)[1] for _ in procs)
    time.sleep(2.5)  # the first digests pass
    cpu = [cpu_seconds(s.proc.pid) for s in servers]
    db_cpu = postgres_cpu()
    started = time.monotonic()
    go.set()
    keystrokes = sum(queue.get(timeout=600)[1] for _ in procs)
    typing_secs = time.monotonic() - started
    typing_cpu = sum(cpu_seconds(s.proc.pid) for s in servers) - sum(cpu)
    typing_db = postgres_cpu() - db_cpu
    # Idle: what holding the sockets costs with nothing happening (pings, digests, timers), so the
    # CPU per command can be read with and without it.
    cpu, db_cpu, started = sum(cpu_seconds(s.proc.pid) for s in servers), postgres_cpu(), time.monotonic()
    time.sleep(IDLE_SECS)
    idle_secs = time.monotonic() - started
    idle_cpu = (sum(cpu_seconds(s.proc.pid) for s in servers) - cpu) / idle_secs
    idle_db = (postgres_cpu() - db_cpu) / idle_secs
    cpu, db_cpu = [cpu_seconds(s.proc.pid) for s in servers], postgres_cpu()
    started = time.monotonic()
    phase.set()
    results = [queue.get(timeout=600)[1] for _ in procs]
    command_secs = time.monotonic() - started - 1.0
    command_cpu = sum(cpu_seconds(s.proc.pid) for s in servers) - sum(cpu)
    command_db = postgres_cpu() - db_cpu
    for proc in procs:
        proc.join(timeout=30)
    same = [x for r in results for x in r["draft"]["same"]]
    other = [x for r in results for x in r["draft"]["other"]]
    events = [x for r in results for x in r["event"]]
    commands = sum(r["commands"] for r in results)
    latencies = [x for r in results for x in r["command_latencies"]]
    return {"setup": f"{kind} x{len(servers)}", "held": held, "still_open": sum(r["still_open"] for r in results),
            "keystrokes": keystrokes, "same": same, "other": other, "events": events,
            "commands": commands, "command_secs": command_secs, "latencies": latencies,
            "typing_cpu": typing_cpu / typing_secs, "typing_db": typing_db / typing_secs,
            "command_cpu": command_cpu, "command_db": command_db, "idle_cpu": idle_cpu, "idle_db": idle_db}


def report(args, rows):
    ms = 1000
    if args.no_fsync:
        print("\n(PostgreSQL without fsync and synchronous_commit: a diagnosis, not a deployment)")
    print(f"\n== Baton multi-process bench: {args.agents} agents, {args.typists} typists x "
          f"{args.keys_per_sec:g} keys/s, {args.viewers} viewers per typed ticket, {args.workers} command "
          f"workers, {args.clients} client processes, {args.seconds:g} s per phase ==")
    for r in rows:
        def p(values, f):
            return f"{percentile(values, f) * ms:.1f}" if values else "-"
        print(f"\n{r['setup']}: agents held {r['held']} (open at the end {r['still_open']})")
        print(f"  draft keystroke -> viewer, same process:  p50 {p(r['same'], 0.5)} ms, p99 {p(r['same'], 0.99)} ms "
              f"({len(r['same'])} samples)")
        print(f"  draft keystroke -> viewer, other process: p50 {p(r['other'], 0.5)} ms, p99 {p(r['other'], 0.99)} ms "
              f"({len(r['other'])} samples)")
        print(f"  while typing ({r['keystrokes']} keystrokes): serve.py CPU {r['typing_cpu'] * 100:.0f}% of a core, "
              f"PostgreSQL {r['typing_db'] * 100:.0f}%")
        per_command = r["command_cpu"] / max(1, r["commands"]) * ms
        db_per_command = r["command_db"] / max(1, r["commands"]) * ms
        pg = r["setup"].startswith("postgresql")
        print(f"  idle ({IDLE_SECS:g} s): serve.py CPU {r['idle_cpu'] * 100:.1f}% of a core"
              + (f", PostgreSQL {r['idle_db'] * 100:.1f}%" if pg else ""))
        net = (r["command_cpu"] - r["idle_cpu"] * r["command_secs"]) / max(1, r["commands"]) * ms
        db_net = (r["command_db"] - r["idle_db"] * r["command_secs"]) / max(1, r["commands"]) * ms
        print(f"  commands: {r['commands'] / r['command_secs']:.0f}/s, latency p50 {p(r['latencies'], 0.5)} ms, "
              f"p99 {p(r['latencies'], 0.99)} ms; CPU per command: serve.py {per_command:.2f} ms"
              + (f" + PostgreSQL {db_per_command:.2f} ms" if pg else "")
              + f"; above idle: serve.py {net:.2f} ms" + (f" + PostgreSQL {db_net:.2f} ms" if pg else ""))
        print(f"  note event -> every socket of the department: p50 {p(r['events'], 0.5)} ms, "
              f"p99 {p(r['events'], 0.99)} ms ({len(r['events'])} deliveries)")


def main():
    args = parse_args()
    if args.profile:
        Path(args.profile).mkdir(parents=True, exist_ok=True)
        Serve.profile_dir = args.profile
    from conftest import Postgres  # the tests' private cluster, here with durability on
    cluster = None
    rows = []
    try:
        for setup in args.setups.split(","):
            kind, count = setup.split(":")
            if kind == "postgresql" and cluster is None:
                cluster = Postgres(durable=not args.no_fsync).start()
            rows.append(run_setup(args, kind, int(count), cluster))
            print(f"measured {setup}", flush=True)
    finally:
        if cluster:
            cluster.stop()
    report(args, rows)


if __name__ == "__main__":
    main()
