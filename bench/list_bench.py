#!/usr/bin/python3
"""Ticket list benchmark for serve.py at scale (a measurement, not a test).

    /usr/bin/python3 bench/list_bench.py --tickets 100000 --core-path build/release/python
    /usr/bin/python3 bench/list_bench.py --tickets 100000 --postgres   # a private PostgreSQL cluster

Seeds a temporary SQLite database (or the given empty PostgreSQL database) in-process: the demo,
then N tickets created through the core, with durability relaxed (the store's bulk_load, the
bench-only path); every `--cjk-every`th of them is Japanese, Korean or Chinese (bench/cjk_text.py).
Reports the seeding time and the database's size, then starts serve.py on it and reports the
start-up time, the server's memory, and
the latency of GET /api/tickets for each view and for searches, which the store's search index
answers (common and rare words, whole and as-you-type prefixes; CJK words of 1, 2 and 3 or more
characters, found inside longer runs). The first search after a start
is measured over `--starts` starts (a different rare word each time), as the median and the worst.
`--cold` drops a SQLite file from the OS's page cache before each start (as after a reboot).
`--db` names a database to keep: seeded if empty, reused as it is otherwise.
"""
import argparse
import json
import os
import statistics
import sys
import tempfile
import time
import urllib.request
from urllib.parse import quote
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))
sys.path.insert(0, str(REPO / "bench"))

from server import demo_data  # noqa: E402
from server.commands.creation import create_ticket  # noqa: E402
from server.core_loader import load_core  # noqa: E402
from server.services import build_baton  # noqa: E402
from server.store import is_postgres_url, open_store  # noqa: E402
import cjk_text  # noqa: E402
from ws_bench import Server  # noqa: E402

# What is searched: Latin words (prefixes), then CJK words (inside runs: bench/cjk_text.py).
QUERIES = ["view=all", "view=mine", "view=unassigned", "view=locked", "view=all&limit=500", "q=jams+page",
           "q=customer+4242", "q=4242", "q=custo", "q=j", "q=zzzz", "q=jams&view=mine", "q=jams&view=unassigned"]
# Ticket 4400 is a Japanese one about 異音; its two rare characters are in about 1 of 4,900 CJK tickets.
CJK_QUERIES = ["q=異音", "q=異", "q=異音が", "q=ボイラーから異音", "q=소리", "q=리가", "q=噪音", "q=显示错误", "q=田中",
               f"q={cjk_text.rare_word(4400)}", f"q={cjk_text.RARE[4]}", f"q={cjk_text.rare_word(4400)}異",
               "q=鰻丼", "q=異音+4400", "q=異音&view=mine"]


def seed(db, count, core_path, cjk_every):
    store = open_store(db)
    if not store.is_empty():  # a kept database (--db): reused as it is
        made = len(store.tickets())
        store.close()
        return made, 0.0
    baton = build_baton(load_core(core_path), store, "bench")
    demo_data.load(baton, baton.clock.now())
    started, made = time.perf_counter(), len(baton.tickets.by_id)
    with store.bulk_load():  # seeding only: durability is not measured here
        made = _seed_more(baton, made, count, cjk_every)
    store.close()
    return made, time.perf_counter() - started


def _seed_more(baton, made, count, cjk_every):
    while made < count:
        department = ("support", "billing")[made % 2]
        fields = {"subject": f"Printer {made} jams on page two", "body": "It jams every time on the second page. " * 4,
                  "requester": {"name": f"Customer {made}", "email": f"customer{made}@example.com"}}
        if cjk_every and made % cjk_every == 0:
            fields = cjk_text.ticket(made)
        command = baton.core.Command.parse(json.dumps({"type": "create", "department": department, **fields}), 1 << 20)
        create_ticket(baton.commands, command, baton.system)
        made += 1
        if made % 10_000 == 0:
            print(f"  seeded {made} tickets", flush=True)
    return made


def evict(path):
    """Drops the file's cached pages (clean ones: SQLite has synced them), as a reboot would."""
    for name in (str(path), f"{path}-wal"):
        if os.path.exists(name):
            fd = os.open(name, os.O_RDONLY)
            try:
                os.posix_fadvise(fd, 0, 0, os.POSIX_FADV_DONTNEED)
            finally:
                os.close(fd)


def database_mib(db):
    """The database's size on disk: SQLite's file and its WAL; PostgreSQL's pg_database_size."""
    if is_postgres_url(db):
        import psycopg
        with psycopg.connect(str(db)) as conn:
            return conn.execute("SELECT pg_database_size(current_database())").fetchone()[0] / 2**20
    return sum(os.path.getsize(n) for n in (str(db), f"{db}-wal") if os.path.exists(n)) / 2**20


def login(base):
    answer = urllib.request.urlopen(base + "/api/login", json.dumps(
        {"email": "marcus@baton.test", "password": demo_data.PASSWORD}).encode())
    return json.loads(answer.read())["token"]


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
    parser.add_argument("--starts", type=int, default=3, help="serve.py starts, each timing its first search")
    parser.add_argument("--cold", action="store_true", help="SQLite: evict the file from the page cache before each start")
    parser.add_argument("--db", help="a SQLite file or a PostgreSQL URL to seed if empty and reuse "
                                     "(default: a temporary SQLite file)")
    parser.add_argument("--cjk-every", type=int, default=4, metavar="N",
                        help="every Nth seeded ticket is Japanese, Korean or Chinese (0: none)")
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
        made, seed_secs = seed(db, args.tickets, args.core_path, args.cjk_every)
        server = Server(db, args.core_path)
        store = "PostgreSQL" if is_postgres_url(db) else "SQLite"
        cjk = f"every {args.cjk_every}th in CJK" if args.cjk_every else "no CJK"
        print(f"\n== Baton ticket list bench: {made} tickets on {store}, {cjk} (seeded in {seed_secs:.0f} s; "
              f"database {database_mib(db):.0f} MiB) ==")
        firsts, startups = [], []
        for start in range(args.starts):
            if args.cold and not is_postgres_url(db):
                evict(db)
            started = time.perf_counter()
            server.start()
            startups.append(time.perf_counter() - started)
            token = login(server.base)
            first_search, _ = get(server.base, f"/api/tickets?q=customer+{4242 + 1111 * start}", token)
            firsts.append(first_search)
            if start < args.starts - 1:
                server.stop()
        print(f"serve.py start-up to healthy: median {statistics.median(startups):.2f} s; "
              f"memory {rss_mib(server.proc.pid):.0f} MiB")
        print(f"first search after start, for a rare word: median {statistics.median(firsts) * 1000:.1f} ms, "
              f"max {max(firsts) * 1000:.1f} ms ({args.starts} starts: "
              + ", ".join(f"{t * 1000:.1f}" for t in firsts) + ")")
        try:
            for query in QUERIES + (CJK_QUERIES if args.cjk_every else []):
                times, rows = [], 0
                for _ in range(args.repeat):
                    seconds, rows = get(server.base, "/api/tickets?" + quote(query, safe="=&+"), token)
                    times.append(seconds)
                print(f"GET /api/tickets?{query:<20} median {statistics.median(times) * 1000:6.1f} ms, "
                      f"max {max(times) * 1000:6.1f} ms ({rows} rows)")
        finally:
            server.stop()


if __name__ == "__main__":
    main()
