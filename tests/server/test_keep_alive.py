"""A request answered before its body is read must not spoil the keep-alive connection after it.

Found by hand (issue 8): `POST /api/inbound` without the key, or `POST /api/tickets/abc/commands`,
with a body of about 140 KB got its 403/404, and the next request on the same connection hung.
"""
import json
import socket
import time

from baton_client import SUPPORT, Client, run

BODY = b'{"subject":"' + b"x" * 140_000 + b'"}'


def _read_response(sock, deadline):
    """One HTTP/1.1 response (status, headers, body) read from the socket, or None at EOF."""
    data = b""
    while b"\r\n\r\n" not in data:
        sock.settimeout(max(0.01, deadline - time.monotonic()))
        chunk = sock.recv(65536)
        if not chunk:
            return None
        data += chunk
    head, _, rest = data.partition(b"\r\n\r\n")
    lines = head.decode("latin-1").split("\r\n")
    headers = {k.strip().lower(): v.strip() for k, v in (line.split(":", 1) for line in lines[1:])}
    length = int(headers.get("content-length", "0"))
    while len(rest) < length:
        sock.settimeout(max(0.01, deadline - time.monotonic()))
        chunk = sock.recv(65536)
        if not chunk:
            break
        rest += chunk
    return int(lines[0].split()[1]), headers, rest[:length]


def _request(method, path, body=b"", headers=()):
    lines = [f"{method} {path} HTTP/1.1", "Host: 127.0.0.1", f"Content-Length: {len(body)}",
             "Content-Type: application/json", *headers]
    return ("\r\n".join(lines) + "\r\n\r\n").encode() + body


def _token(server):
    async def login():
        async with Client(server.base) as client:
            return (await client.login(SUPPORT[0])).token
    return run(login())


def test_next_request_on_the_connection_is_answered_after_an_early_error(server):
    token = _token(server)
    auth = f"Authorization: Bearer {token}"
    early_errors = [
        ("POST", "/api/inbound", (), 401),  # neither key nor session
        ("POST", "/api/inbound", ("X-Inbound-Key: wrong",), 403),
        ("POST", "/api/tickets/abc/commands", (auth,), 404),  # no such route
        ("POST", "/api/tickets/987654/commands", (auth,), 413),  # read, then too large
        ("POST", "/api/tickets/1/commands", (), 401),
        ("PUT", "/api/settings", (auth,), 403),  # not an admin
        ("POST", "/api/login", (), 413, b"x" * (2 * 1024 * 1024)),  # over any limit: may close
    ]
    for method, path, headers, status, *body in early_errors:
        with socket.create_connection(("127.0.0.1", server.port), timeout=5) as sock:
            deadline = time.monotonic() + 5
            sock.sendall(_request(method, path, body[0] if body else BODY, headers))
            first = _read_response(sock, deadline)
            assert first is not None and first[0] == status, (path, first)
            assert json.loads(first[2])["error"]["code"]
            try:
                sock.sendall(_request("GET", "/healthz"))
                second = _read_response(sock, time.monotonic() + 5)
            except (ConnectionError, socket.timeout) as exc:
                raise AssertionError(f"{method} {path}: the next request hung or failed: {exc!r}") from None
            if first[1].get("connection", "").lower() == "close":
                assert second is None, "a connection announced closed must be closed, not left hanging"
            else:
                assert second is not None and second[0] == 200, (path, second)
                assert json.loads(second[2])["ok"] is True
