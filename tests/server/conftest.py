"""Real serve.py processes on loopback, each on a free port with its own temporary database."""
import os
import signal
import socket
import subprocess
import sys
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


def free_port():
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


class ServerProcess:
    """One serve.py; `start` again on the same database after `kill` to test a restart."""

    def __init__(self, db, demo=True, extra_args=()):
        self.db = db
        self.demo = demo
        self.extra_args = list(extra_args)
        self.proc = None
        self.port = None

    @property
    def base(self):
        return f"http://127.0.0.1:{self.port}"

    def start(self):
        self.port = free_port()
        args = [PYTHON, str(REPO / "serve.py"), "--port", str(self.port), "--db", str(self.db),
                "--inbound-key", INBOUND_KEY, *self.extra_args]
        # A file, not a pipe: a pipe nobody reads would block the server once full.
        self.log = open(self.db.with_name(self.db.name + f".{self.port}.log"), "w")
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


@pytest.fixture(scope="session")
def server(tmp_path_factory):
    """The demo server most tests share; each test makes its own tickets to stay independent."""
    srv = ServerProcess(tmp_path_factory.mktemp("shared") / "baton.sqlite3").start()
    yield srv
    srv.stop()
    assert srv.proc.returncode == 0, "the shared server should shut down cleanly"


@pytest.fixture
def make_server(tmp_path):
    """Servers of one test (own settings, restarts); all stopped afterwards."""
    started = []

    def make(demo=True, db=None, extra_args=()):
        srv = ServerProcess(db or tmp_path / f"baton{len(started)}.sqlite3", demo, extra_args)
        started.append(srv)
        return srv

    yield make
    for srv in started:
        srv.stop()
