#!/usr/bin/python3
"""Baton's server: HTTP API, WebSocket and the workspace page. Every rule is decided by the C++ core.

    /usr/bin/python3 serve.py --demo            # http://127.0.0.1:8000/, demo logins printed

Problems an operator can fix (module or page not built, port taken, database unreadable) are
reported in one line, exit status 2, never as a traceback.
"""
import argparse
import asyncio
import errno
import logging
import os
import resource
import secrets
import signal
import sys
from pathlib import Path

from aiohttp import web

from server import demo_data
from server.app import build_app
from server.commands.automations import MAX_BATCH
from server.core_loader import CoreMissing, load_core, load_sim
from server.demo_colleagues import DEFAULT_COUNT as DEMO_COLLEAGUES, DemoColleagues
from server.mail import options as mail_options
from server.services import build_baton
from server.store import StoreUnavailable, describe, open_store

REPO = Path(__file__).resolve().parent
INBOUND_KEY_SETTING = "inbound_key"


class StartupError(Exception):
    """Something the operator must fix; the message says what."""


def parse_args(argv):
    parser = argparse.ArgumentParser(description="Baton helpdesk server")
    parser.add_argument("--host", default="127.0.0.1")
    parser.add_argument("--port", type=int, default=8000, help="0 picks a free port")
    parser.add_argument("--db", default=os.environ.get("BATON_DB", "./data/baton.sqlite3"),
                        help="SQLite database file, or postgresql://user@host:port/dbname (env BATON_DB)")
    parser.add_argument("--demo", action="store_true", help="load demo data into an empty database")
    parser.add_argument("--demo-tickets", type=int, default=demo_data.TICKETS, metavar="N",
                        help=f"how many demo tickets --demo makes (default {demo_data.TICKETS}; 100000 to try a large helpdesk)")
    parser.add_argument("--static", help="built workspace page (default: <repo>/build/wasm/web)")
    parser.add_argument("--core-path", default=os.environ.get("BATON_CORE_PATH", str(REPO / "build/debug/python")),
                        help="folder of the baton_core module (env BATON_CORE_PATH)")
    parser.add_argument("--inbound-key", help="key the mail gateway sends as X-Inbound-Key (default: generated once)")
    mail_options.add_arguments(parser)
    parser.add_argument("--demo-colleagues", type=int, default=DEMO_COLLEAGUES, metavar="N",
                        help=f"with --demo: how many demo agents are simulated colleagues at work (default "
                             f"{DEMO_COLLEAGUES}; 0: none); logging in as one takes it over")
    parser.add_argument("--demo-speed", type=float, default=1.0, metavar="X",
                        help="the simulated colleagues work X times faster (tests, benchmarks)")
    parser.add_argument("--trusted-proxy", action="append", default=[], metavar="ADDRESS",
                        help="a reverse proxy (address or network) whose X-Forwarded-For/-Proto are believed, "
                             "besides loopback (repeat)")
    parser.add_argument("--automation-batch", type=int, default=MAX_BATCH, metavar="N",
                        help=f"most due tickets the automations handle per transaction (default {MAX_BATCH}; "
                             "a batch also ends after 20 ms of work)")
    parser.add_argument("--login-wait-ms", type=int, default=1000, metavar="MS",
                        help="the wait after the first failed login beyond the free ones, doubled by each "
                             "further one up to 60 times it (default 1000)")
    return parser.parse_args(argv)


def raise_fd_limit():
    """Each WebSocket is a file descriptor: allow as many as the system lets us."""
    soft, hard = resource.getrlimit(resource.RLIMIT_NOFILE)
    if soft < hard:
        resource.setrlimit(resource.RLIMIT_NOFILE, (hard, hard))


def static_folder(arg):
    folder = Path(arg) if arg else REPO / "build/wasm/web"
    if (folder / "index.html").is_file():
        return folder, str(folder)
    return None, f"not built ({folder}/index.html missing): a placeholder page is served at /"


def inbound_key(store, given):
    if given:
        return given
    key = store.get_setting(INBOUND_KEY_SETTING)
    if key is None:
        key = secrets.token_urlsafe(24)
        store.put_setting(INBOUND_KEY_SETTING, key)
    return key


def open_baton(args):
    try:
        core = load_core(args.core_path)
    except CoreMissing as exc:
        raise StartupError(str(exc)) from None
    colleagues = None
    if args.demo and args.demo_colleagues > 0:
        try:
            sim = load_sim(args.core_path)
            colleagues = lambda services: DemoColleagues(services, sim, args.demo_colleagues, args.demo_speed)  # noqa: E731
        except CoreMissing as exc:  # the demo still works, only quieter
            print(f"serve.py: the demo's colleagues stay home: {exc}", file=sys.stderr, flush=True)
    try:
        store = open_store(args.db)
        store.warm()  # the search index, read in the background while the tickets load
        baton = build_baton(core, store, inbound_key(store, args.inbound_key), mail_options.from_args(args),
                            args.trusted_proxy, args.login_wait_ms, colleagues, max(1, args.automation_batch))
        if args.demo and store.is_empty():
            if args.demo_tickets >= demo_data.PROGRESS_EVERY:
                print(f"serve.py: making {args.demo_tickets} demo tickets...", flush=True)
            demo_data.load(baton, baton.clock.now(), args.demo_tickets,
                           lambda made: print(f"serve.py:   {made} of {args.demo_tickets} tickets", flush=True))
    except StoreUnavailable as exc:
        raise StartupError(str(exc)) from None
    return baton


def banner(baton, url, db, page):
    lines = [f"Baton is serving {url}",
             f"  database:       {db} ({len(baton.tickets.by_id)} tickets)",
             f"  workspace page: {page}",
             f"  inbound key:    {baton.inbound_key}  (header X-Inbound-Key on POST /api/inbound)"]
    lines += mail_options.banner(baton.mail)
    logins = demo_data.logins(baton.store)
    if logins:
        lines.append("  demo logins:")
        lines += [f"    {email:<22} password {password}" for email, password in logins]
        if baton.demo is not None and baton.demo.names():
            lines.append(f"  at work, simulated: {', '.join(baton.demo.names())}"
                         " (log in as one to take it over)")
    elif not baton.config.agents:
        lines.append("  no agents yet: start once with --demo on an empty database")
    print("\n".join(lines), flush=True)


async def serve(app, args, on_listening):
    runner = web.AppRunner(app, access_log=None)
    await runner.setup()
    try:
        await web.TCPSite(runner, args.host, args.port).start()
    except OSError as exc:
        await runner.cleanup()
        if exc.errno == errno.EADDRINUSE:
            raise StartupError(f"port {args.port} on {args.host} is already in use: pick another with --port") from None
        raise StartupError(f"cannot listen on {args.host}:{args.port}: {exc.strerror or exc}") from None
    try:
        await app["baton"].mail.start()
    except OSError as exc:
        await runner.cleanup()
        raise StartupError(f"cannot listen for mail on {mail_options.describe(args.smtp_listen)}: "
                           f"{exc.strerror or exc}") from None
    host, port = runner.addresses[0][:2]
    on_listening(f"http://{f'[{host}]' if ':' in host else host}:{port}/")
    stop = asyncio.Event()
    for sig in (signal.SIGINT, signal.SIGTERM):
        asyncio.get_running_loop().add_signal_handler(sig, stop.set)
    await stop.wait()
    await runner.cleanup()


def main(argv=None):
    args = parse_args(argv)
    logging.basicConfig(level=logging.WARNING, format="%(asctime)s %(levelname)s %(name)s: %(message)s")
    raise_fd_limit()
    try:
        baton = open_baton(args)
        folder, page = static_folder(args.static)
        app = build_app(baton, folder)
        asyncio.run(serve(app, args, lambda url: banner(baton, url, describe(args.db), page)))
    except StartupError as exc:
        print(f"serve.py: {exc}", file=sys.stderr)
        return 2
    return 0


if __name__ == "__main__":
    sys.exit(main())
