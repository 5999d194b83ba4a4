"""serve.py as an operator meets it: clear one-line messages, and the page or a placeholder."""
import gzip
import json
import socket
import subprocess
import urllib.request

from conftest import PYTHON, REPO


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
