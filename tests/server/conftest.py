"""Real serve.py processes on loopback, each on a free port with its own temporary database.

Every test that runs a server (or a store) runs twice: on SQLite and on PostgreSQL. The tests start
their own PostgreSQL cluster (initdb into a temporary folder, a private port and socket), so
nothing needs to run beforehand; without PostgreSQL installed its half is skipped, unless
BATON_REQUIRE_POSTGRES=1 (scripts/test.sh) makes that a failure.
"""
import glob
import itertools
import json
import os
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import time
import urllib.request
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(REPO))
sys.path.insert(0, str(Path(__file__).resolve().parent))
INBOUND_KEY = "test-inbound-key"
PYTHON = "/usr/bin/python3"
CORE_PATH = os.environ.get("BATON_CORE_PATH", str(REPO / "build/debug/python"))  # as serve.py


STORES = ["sqlite", "postgresql"]
# The settings a test's server starts with, unless the test says otherwise: replies go out at once
# (the product waits undo_send_secs = 10 s for an undo; test_undo_send.py tests that window).
TEST_SETTINGS = {"undo_send_secs": 0}


def free_port():
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


class ServerProcess:
    """One serve.py; `start` again on the same database after `kill` to test a restart."""

    def __init__(self, db, demo=True, extra_args=(), log_dir=None, settings=TEST_SETTINGS):
        self.db = db  # a SQLite file (Path) or a postgresql:// URL
        self.settings = settings  # stored before the first start if the database has none yet
        self.log_dir = Path(log_dir) if log_dir else Path(db).parent
        self.demo = demo
        self.extra_args = list(extra_args)
        self.proc = None
        self.port = None

    @property
    def base(self):
        return f"http://127.0.0.1:{self.port}"

    def start(self):
        if self.settings:
            preset_settings(self.db, self.settings)
            self.settings = None  # a restart keeps whatever the test has set since
        self.port = free_port()
        args = [PYTHON, str(REPO / "serve.py"), "--port", str(self.port), "--db", str(self.db),
                "--inbound-key", INBOUND_KEY, *self.extra_args]
        # A file, not a pipe: a pipe nobody reads would block the server once full.
        self.log = open(self.log_dir / f"serve.{self.port}.log", "w")
        if self.demo and not any(a.startswith("--demo-colleagues") for a in args):
            args += ["--demo-colleagues", "0"]  # the demo's simulated colleagues only where a test wants them
        if not any(a.startswith("--login-wait-ms") for a in args):
            # Every test logs in from 127.0.0.1, and some with wrong passwords on purpose: the waits
            # they would earn are tested where a test asks for them (test_login_throttle.py).
            args += ["--login-wait-ms", "0"]
        self.proc = subprocess.Popen(args + (["--demo"] if self.demo else []), cwd=REPO,
                                     stdout=self.log, stderr=subprocess.STDOUT)
        deadline = time.monotonic() + 20
        while time.monotonic() < deadline:
            if self.proc.poll() is not None:
                raise RuntimeError(f"serve.py exited: {self.output()}")
            try:
                with urllib.request.urlopen(self.base + "/healthz", timeout=1):
                    return self
            except OSError:
                time.sleep(0.1)
        raise RuntimeError("serve.py did not become healthy")

    def output(self):
        return Path(self.log.name).read_text()

    def alive(self):
        return self.proc.poll() is None

    def kill(self, sig=signal.SIGKILL):
        self.proc.send_signal(sig)
        self.proc.wait(timeout=10)

    def stop(self):
        if self.proc and self.alive():
            self.kill(signal.SIGTERM)
        if self.proc:
            self.log.close()


def preset_settings(db, settings):
    """Stores the admin settings (merged over the defaults by the server) into a database that has
    none yet, as PUT /api/settings would, so the server has them from its first request on."""
    from server.commands.config import SETTINGS_KEY
    from server.store import open_store
    store = open_store(db)
    try:
        if store.get_setting(SETTINGS_KEY) is None:
            store.put_setting(SETTINGS_KEY, json.dumps(settings))
    finally:
        store.close()


class Postgres:
    """A private PostgreSQL cluster: initdb into a temporary folder, started on a free port with its
    socket in that folder. fsync is off: the tests kill serve.py, never the database server."""

    def __init__(self, durable=False):
        self.durable = durable  # benchmarks keep fsync and synchronous_commit on
        found = sorted(glob.glob("/usr/lib/postgresql/*/bin/initdb"))
        if not found:
            raise FileNotFoundError("PostgreSQL is not installed (Debian package postgresql)")
        self.bin = Path(found[-1]).parent
        self.folder = Path(tempfile.mkdtemp(prefix="baton-pg-"))
        self.data = self.folder / "data"
        self.port = free_port()
        self._names = itertools.count(1)
        if os.geteuid() == 0:  # initdb refuses root: the cluster belongs to the postgres user
            shutil.chown(self.folder, "postgres")

    def _run(self, *args):
        command = [str(self.bin / args[0]), *args[1:]]
        if os.geteuid() == 0:
            command = ["runuser", "-u", "postgres", "--"] + command
        subprocess.run(command, check=True, capture_output=True, timeout=120)

    def start(self):
        self._run("initdb", "-D", str(self.data), "-A", "trust", "-U", "postgres", "--no-sync")
        options = f"-p {self.port} -k {self.folder} -c listen_addresses=127.0.0.1 -c max_connections=300"
        if not self.durable:
            options += " -c fsync=off -c synchronous_commit=off -c full_page_writes=off"
        self._run("pg_ctl", "-D", str(self.data), "-o", options, "-l", str(self.folder / "log"), "-w", "start")
        return self

    def url(self, database="postgres"):
        return f"postgresql://postgres@127.0.0.1:{self.port}/{database}"

    def new_database(self):
        import psycopg
        name = f"baton_{next(self._names)}"
        with psycopg.connect(self.url(), autocommit=True) as conn:
            conn.execute(f"CREATE DATABASE {name}")
        return self.url(name)

    def stop(self):
        try:
            self._run("pg_ctl", "-D", str(self.data), "-m", "immediate", "stop")
        finally:
            shutil.rmtree(self.folder, ignore_errors=True)


@pytest.fixture(scope="session")
def postgres():
    """The tests' PostgreSQL, started when a test first needs it."""
    try:
        cluster = Postgres()
    except FileNotFoundError as exc:
        if os.environ.get("BATON_REQUIRE_POSTGRES") == "1":
            raise
        pytest.skip(str(exc))
    cluster.start()
    yield cluster
    cluster.stop()


@pytest.fixture(scope="session", params=STORES)
def store_kind(request):
    return request.param


@pytest.fixture(scope="session")
def new_database(store_kind, request, tmp_path_factory):
    """Makes an empty database of the store under test: a SQLite path or a PostgreSQL URL."""
    if store_kind == "postgresql":
        return request.getfixturevalue("postgres").new_database
    folder = tmp_path_factory.mktemp("sqlite")
    names = itertools.count(1)
    return lambda: folder / f"baton{next(names)}.sqlite3"


@pytest.fixture(scope="session")
def server(new_database, tmp_path_factory):
    """The demo server most tests share; each test makes its own tickets to stay independent."""
    srv = ServerProcess(new_database(), log_dir=tmp_path_factory.mktemp("shared")).start()
    yield srv
    srv.stop()
    assert srv.proc.returncode == 0, "the shared server should shut down cleanly"


@pytest.fixture
def make_server(new_database, tmp_path):
    """Servers of one test (own settings, restarts); all stopped afterwards."""
    started = []

    def make(demo=True, db=None, extra_args=(), settings=TEST_SETTINGS):
        srv = ServerProcess(db or new_database(), demo, extra_args, log_dir=tmp_path, settings=settings)
        started.append(srv)
        return srv

    yield make
    for srv in started:
        srv.stop()
