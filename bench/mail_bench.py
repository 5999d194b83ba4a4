#!/usr/bin/python3
"""Mail benchmark for one serve.py (a measurement, not a test).

    /usr/bin/python3 bench/mail_bench.py --core-path build/release/python            # SQLite
    /usr/bin/python3 bench/mail_bench.py --core-path build/release/python --postgres # a private cluster

In: `--mails` customer mails (each a new ticket, a few KB) sent over SMTP on loopback by
`--senders` concurrent connections; reports mails accepted per second and the time from the
`DATA` command to its `250` (the mail parsed, threaded, committed durably: SQLite synchronous=FULL,
PostgreSQL with fsync on), p50 and p99. Out: `--replies` agents' replies with a 1 s undo window
(`undo_send_secs` 1), `--spacing` apart, each to its own ticket; reports the time from the end of
the window (`deliver_at`) to the relay's receipt of the mail, p50 and p99 (the automations deliver
on their 0.5 s tick; the outbox sends at once). Then `--burst` replies sent back to back: the same
latencies, and how long after the last was due the relay had them all. The relay is aiosmtpd in this process.
"""
import argparse
import asyncio
import os
import statistics
import sys
import tempfile
import threading
import time
from email.message import EmailMessage
from pathlib import Path

import aiohttp
import aiosmtplib
from aiosmtpd.controller import Controller

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO / "tests/server"))

from conftest import ServerProcess, free_port  # noqa: E402


class Relay:
    def __init__(self):
        self.port = free_port()
        self.arrived = {}  # subject -> wall time (ms) the relay had the whole mail
        self.lock = threading.Lock()
        self.controller = Controller(self, hostname="127.0.0.1", port=self.port)

    async def handle_DATA(self, server, session, envelope):
        now = time.time() * 1000
        subject = next((line.split(":", 1)[1].strip() for line in
                        envelope.original_content.decode(errors="replace").splitlines()
                        if line.lower().startswith("subject:")), "")
        with self.lock:
            self.arrived[subject] = now
        return "250 OK"


def customer_mail(i):
    m = EmailMessage()
    m["From"] = f"Customer {i} <customer{i}@example.com>"
    m["To"] = "support@baton.test"
    m["Subject"] = f"Bench mail {i}"
    m["Message-ID"] = f"<bench-{i}-{time.time_ns()}@example.com>"
    m.set_content(("My boiler shows error E42 again; it hisses and stops. " * 40) + f"\n#{i}\n")
    return m.as_bytes()


def percentile(values, p):
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(round(p / 100 * (len(ordered) - 1))))]


async def send_all(port, count, senders):
    """DATA -> 250 latencies (ms) and the wall time of the whole run (s)."""
    latencies, queue = [], asyncio.Queue()
    for i in range(count):
        queue.put_nowait(i)

    async def sender():
        smtp = aiosmtplib.SMTP(hostname="127.0.0.1", port=port, timeout=60, start_tls=False)
        await smtp.connect()
        await smtp.ehlo()
        while not queue.empty():
            i = queue.get_nowait()
            await smtp.mail(f"customer{i}@example.com")
            await smtp.rcpt("support@baton.test")
            data = customer_mail(i)
            started = time.perf_counter()
            response = await smtp.data(data)
            latencies.append((time.perf_counter() - started) * 1000)
            assert response.code == 250, response
        await smtp.quit()

    started = time.perf_counter()
    await asyncio.gather(*(sender() for _ in range(senders)))
    return latencies, time.perf_counter() - started


async def reply_all(base, relay, count, spacing, offset):
    """deliver_at -> relay latencies (ms) of `count` replies sent `spacing` s apart, and how long
    after the last one was due the relay had them all (s). Tickets from the `offset`-th newest on."""
    async with aiohttp.ClientSession() as http:
        async def call(method, path, token=None, body=None):
            headers = {"Authorization": f"Bearer {token}"} if token else {}
            async with http.request(method, base + path, json=body, headers=headers) as response:
                return response.status, await response.json()

        _, agent = await call("POST", "/api/login", body={"email": "marcus@baton.test", "password": "baton-demo"})
        _, page = await call("GET", f"/api/tickets?q=bench&limit={offset + count}", agent["token"])
        due = {}
        for i, summary in enumerate(page["tickets"][offset:offset + count]):
            status, answer = await call("POST", f"/api/tickets/{summary['id']}/commands", agent["token"], {
                "type": "reply", "body": f"Bench reply {i}", "base_version": summary["version"],
                "idempotency_key": f"bench-{offset}-{i}"})
            assert status == 200, answer
            due[summary["id"]] = (answer["ticket"]["pending_reply"]["deliver_at"], summary["subject"])
            if spacing:
                await asyncio.sleep(spacing)

        def arrivals():
            with relay.lock:
                by_subject = {s.rsplit(" [", 1)[0]: t for s, t in relay.arrived.items()}
            return {ticket: by_subject.get(f"Re: {subject}") for ticket, (_, subject) in due.items()}
        deadline = time.monotonic() + 120
        while time.monotonic() < deadline and None in arrivals().values():
            await asyncio.sleep(0.05)
        arrived = arrivals()
        latencies = [t - due[ticket][0] for ticket, t in arrived.items() if t is not None]
        drain = (max(t for t in arrived.values() if t) - max(d for d, _ in due.values())) / 1000
        return latencies, drain


async def set_undo(base, secs):
    async with aiohttp.ClientSession() as http:
        async with http.post(base + "/api/login", json={"email": "alesia@baton.test", "password": "baton-demo"}) as r:
            token = (await r.json())["token"]
        async with http.put(base + "/api/settings", json={"undo_send_secs": secs},
                            headers={"Authorization": f"Bearer {token}"}) as r:
            assert r.status == 200


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--mails", type=int, default=1000)
    parser.add_argument("--senders", type=int, default=4)
    parser.add_argument("--replies", type=int, default=100, help="replies timed one by one")
    parser.add_argument("--spacing", type=float, default=0.25, help="seconds between those replies")
    parser.add_argument("--burst", type=int, default=200, help="then replies sent back to back")
    parser.add_argument("--core-path", default=str(REPO / "build/release/python"))
    parser.add_argument("--postgres", action="store_true", help="a private PostgreSQL cluster, fsync on")
    args = parser.parse_args()
    os.environ["BATON_CORE_PATH"] = args.core_path
    cluster = None
    with tempfile.TemporaryDirectory() as tmp:
        if args.postgres:
            from conftest import Postgres
            cluster = Postgres(durable=True).start()
            db = cluster.new_database()
        else:
            db = Path(tmp) / "mail.sqlite3"
        relay = Relay()
        relay.controller.start()
        smtp_port = free_port()
        server = ServerProcess(db, demo=True, log_dir=tmp, settings={"undo_send_secs": 0},
                               extra_args=["--smtp-listen", f"127.0.0.1:{smtp_port}",
                                           "--smtp-relay", f"127.0.0.1:{relay.port}"]).start()
        try:
            store = "PostgreSQL" if args.postgres else "SQLite"
            latencies, seconds = asyncio.run(send_all(smtp_port, args.mails, args.senders))
            print(f"\n== Baton mail bench on {store} (one serve.py; {args.senders} SMTP senders) ==")
            print(f"in:  {args.mails} mails in {seconds:.1f} s = {args.mails / seconds:.0f} mails/s; "
                  f"DATA -> 250 p50 {statistics.median(latencies):.1f} ms, p99 {percentile(latencies, 99):.1f} ms")
            asyncio.run(set_undo(server.base, 1))
            out, _ = asyncio.run(reply_all(server.base, relay, args.replies, args.spacing, 0))
            print(f"out: {len(out)} replies {args.spacing * 1000:.0f} ms apart, end of the undo window -> relay "
                  f"p50 {statistics.median(out):.0f} ms, p99 {percentile(out, 99):.0f} ms")
            burst, drain = asyncio.run(reply_all(server.base, relay, args.burst, 0, args.replies))
            print(f"out: {len(burst)} replies sent back to back: p50 {statistics.median(burst):.0f} ms, "
                  f"p99 {percentile(burst, 99):.0f} ms; the last at the relay {drain * 1000:.0f} ms after it was due")
        finally:
            server.stop()
            relay.controller.stop()
            if cluster:
                cluster.stop()


if __name__ == "__main__":
    main()
