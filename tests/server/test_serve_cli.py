"""serve.py as an operator meets it: clear one-line messages, and the page or a placeholder."""
import gzip
import json
import os
import socket
import sqlite3
import subprocess
import urllib.request

from conftest import PYTHON, REPO, free_port
from server.store import open_store


def serve(*args):
    done = subprocess.run([PYTHON, str(REPO / "serve.py"), *args], capture_output=True, text=True, timeout=30)
    return done.returncode, done.stderr.strip()


def test_problems_the_operator_can_fix_are_one_clear_line(tmp_path):
    status, message = serve("--core-path", str(tmp_path), "--db", str(tmp_path / "a.sqlite3"))
    assert status == 2 and "baton_core is not built" in message and "scripts/run.sh" in message
    assert "Traceback" not in message and len(message.splitlines()) == 1

    garbage = tmp_path / "garbage.sqlite3"
    garbage.write_text("this is not a database " * 100)
    status, message = serve("--db", str(garbage), "--port", "0")
    assert status == 2 and "cannot open the database" in message and "Traceback" not in message

    with socket.socket() as taken:
        taken.bind(("127.0.0.1", 0))
        taken.listen()
        port = taken.getsockname()[1]
        status, message = serve("--db", str(tmp_path / "b.sqlite3"), "--port", str(port))
    assert status == 2 and f"port {port}" in message and "already in use" in message
    assert "Traceback" not in message


def get(url, headers=None):
    request = urllib.request.Request(url, headers=headers or {})
    try:
        with urllib.request.urlopen(request) as response:
            return response.status, response.headers, response.read()
    except urllib.error.HTTPError as error:
        return error.code, error.headers, error.read()


def test_without_a_built_page_a_placeholder_lists_the_api(make_server, tmp_path):
    server = make_server(demo=False, extra_args=["--static", str(tmp_path / "not-built")]).start()
    status, headers, body = get(server.base + "/")
    assert status == 200 and headers["Content-Type"].startswith("text/html")
    assert b"not built" in body and b"/api/tickets" in body
    assert "placeholder" in server.output()


def test_the_built_page_is_served_gzipped_with_revalidation(make_server, tmp_path):
    web = tmp_path / "web"
    web.mkdir()
    (web / "index.html").write_text("<!doctype html><title>Baton</title>")
    (web / "baton.wasm").write_bytes(b"\0asm" + bytes(4000))
    server = make_server(demo=False, extra_args=["--static", str(web)]).start()
    status, headers, body = get(server.base + "/baton.wasm", {"Accept-Encoding": "gzip"})
    assert status == 200 and headers["Content-Type"] == "application/wasm"
    assert headers["Content-Encoding"] == "gzip" and gzip.decompress(body).startswith(b"\0asm")
    assert headers["X-Raw-Length"] == "4004", "the page's progress bar counts uncompressed bytes"
    assert get(server.base + "/baton.wasm", {"If-None-Match": headers["ETag"]})[0] == 304
    status, headers, body = get(server.base + "/")
    assert status == 200 and b"<title>Baton</title>" in body and headers["Cache-Control"] == "no-cache"
    assert get(server.base + "/../serve.py")[0] == 404
    status, _, body = get(server.base + "/api/nothing")
    assert status == 401 and b'"unauthorized"' in body


def test_demo_tickets_sets_how_many_demo_tickets_are_made(make_server):
    srv = make_server(extra_args=["--demo-tickets", "300"]).start()
    with urllib.request.urlopen(srv.base + "/healthz") as response:
        assert json.load(response)["tickets"] == 300


def test_an_unreachable_postgresql_is_one_clear_line(tmp_path):
    url = f"postgresql://baton:secret@127.0.0.1:{free_port()}/baton"  # nobody listens there
    status, message = serve("--db", url, "--port", "0")
    assert status == 2 and "cannot connect to the database" in message and "Traceback" not in message
    assert len(message.splitlines()) == 1 and "secret" not in message


def test_a_schema_newer_than_the_code_is_refused_in_one_line(new_database, store_kind):
    db = new_database()
    open_store(db).close()  # the current schema
    if store_kind == "postgresql":
        import psycopg
        with psycopg.connect(db, autocommit=True) as conn:
            conn.execute("UPDATE baton_schema SET version = 99")
    else:
        with sqlite3.connect(db) as conn:
            conn.execute("PRAGMA user_version = 99")
    status, message = serve("--db", str(db), "--port", "0")
    assert status == 2 and "schema version 99, newer than this serve.py" in message
    assert "Traceback" not in message and len(message.splitlines()) == 1


def test_baton_db_selects_the_database(new_database):
    db = new_database()
    env = {**os.environ, "BATON_DB": str(db)}
    proc = subprocess.Popen([PYTHON, str(REPO / "serve.py"), "--port", "0", "--demo", "--demo-colleagues", "0"], env=env,
                            stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)
    try:
        lines = [proc.stdout.readline() for _ in range(2)]
        assert lines[0].startswith("Baton is serving"), lines
        assert f"database:       {db} (240 tickets)" in lines[1]
    finally:
        proc.terminate()
        proc.wait(timeout=10)
