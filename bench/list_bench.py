#!/usr/bin/python3
"""Ticket list benchmark for serve.py at scale (a measurement, not a test).

    /usr/bin/python3 bench/list_bench.py --tickets 100000 --core-path build/release/python
    /usr/bin/python3 bench/list_bench.py --tickets 100000 --postgres   # a private PostgreSQL cluster

Seeds a temporary SQLite database (or the given empty PostgreSQL database) in-process: the demo,
then N tickets created through the core, with durability relaxed (the store's bulk_load, the
bench-only path). Starts serve.py on it and reports the start-up time, the server's memory, and
the latency of GET /api/tickets for each view and for searches, which the store's search index
answers (common and rare words, whole and as-you-type prefixes).
"""
import argparse
import json
import statistics
import sys
import tempfile
import time
import urllib.request
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))
sys.path.insert(0, str(REPO / "bench"))

from server import demo_data  # noqa: E402
from server.context import Baton  # noqa: E402
from server.core_loader import load_core  # noqa: E402
from server.store import open_store  # noqa: E402
from server.ticket_creation import create_ticket  # noqa: E402
from ws_bench import Server  # noqa: E402


def seed(db, count, core_path):
    store = open_store(db)
    baton = Baton(core=load_core(core_path), store=store, inbound_key="bench")
    demo_data.load(baton, baton.now())
    started, made = time.perf_counter(), len(baton.tickets.by_id)
    with store.bulk_load():  # seeding only: durability is not measured here
        made = _seed_more(baton, made, count)
    store.close()
    return made, time.perf_counter() - started


def _seed_more(baton, made, count):
    while made < count:
        department = ("support", "billing")[made % 2]
        command = baton.core.Command.parse(json.dumps({
            "type": "create", "subject": f"Printer {made} jams on page two", "department": department,
            "body": "It jams every time on the second page. " * 4,
            "requester": {"name": f"Customer {made}", "email": f"customer{made}@example.com"}}), 1 << 20)
        create_ticket(baton, command, baton.system)
        made += 1
        if made % 10_000 == 0:
            print(f"  seeded {made} tickets", flush=True)
    return made


def get(base, path, token):
    request = urllib.request.Request(base + path, headers={"Authorization": f"Bearer {token}"})
    started = time.perf_counter()
    with urllib.request.urlopen(request) as response:
        body = response.read()
    return time.perf_counter() - started, len(json.loads(body)["tickets"])


def rss_mib(pid):
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        if line.startswith("VmRSS:"):
            return int(line.split()[1]) / 1024
    return float("nan")


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--tickets", type=int, default=100_000)
    parser.add_argument("--repeat", type=int, default=5, help="requests per measured call")
    parser.add_argument("--core-path", default=str(REPO / "build/release/python"))
    parser.add_argument("--db", help="an empty PostgreSQL database's URL (default: a temporary SQLite file)")
    parser.add_argument("--postgres", action="store_true",
                        help="start a private PostgreSQL cluster (as the tests do) and use it")
    args = parser.parse_args()
    cluster = None
    if args.postgres:
        sys.path.insert(0, str(REPO / "tests/server"))
        from conftest import Postgres
        cluster = Postgres(durable=True).start()
        args.db = cluster.new_database()
    try:
        run_bench(args)
    finally:
        if cluster:
            cluster.stop()


def run_bench(args):
    with tempfile.TemporaryDirectory() as tmp:
        db = args.db or Path(tmp) / "list.sqlite3"
        made, seed_secs = seed(db, args.tickets, args.core_path)
        server = Server(db, args.core_path)
        started = time.perf_counter()
        server.start()
        startup = time.perf_counter() - started
        try:
            login = urllib.request.urlopen(server.base + "/api/login", json.dumps(
                {"email": "marcus@baton.test", "password": demo_data.PASSWORD}).encode())
            token = json.loads(login.read())["token"]
            store = "PostgreSQL" if args.db else "SQLite"
            print(f"\n== Baton ticket list bench: {made} tickets on {store} (seeded in {seed_secs:.0f} s) ==")
            print(f"serve.py start-up to healthy: {startup:.2f} s; memory {rss_mib(server.proc.pid):.0f} MiB")
            first_search, _ = get(server.base, "/api/tickets?q=customer+4242", token)
            print(f"first search after start, for a rare word: {first_search * 1000:.1f} ms")
            for query in ("view=all", "view=mine", "view=unassigned", "view=locked",
                          "view=all&limit=500", "q=jams+page", "q=customer+4242", "q=4242",
                          "q=custo", "q=j", "q=zzzz", "q=jams&view=mine", "q=jams&view=unassigned"):
                times, rows = [], 0
                for _ in range(args.repeat):
                    seconds, rows = get(server.base, f"/api/tickets?{query}", token)
                    times.append(seconds)
                print(f"GET /api/tickets?{query:<20} median {statistics.median(times) * 1000:6.1f} ms, "
                      f"max {max(times) * 1000:6.1f} ms ({rows} rows)")
        finally:
            server.stop()


if __name__ == "__main__":
    main()
