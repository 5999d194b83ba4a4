"""Security headers on the page and the API: a Content-Security-Policy that allows only what the
page needs (no inline script, WebAssembly compiled, nothing may frame it), nosniff, a referrer
policy, and the session cookie `Secure` when the client came over https (behind a proxy)."""
import base64
import hashlib
import re

import pytest

from baton_client import SUPPORT, PASSWORD, Client, run
from server.api.static_site import PLACEHOLDER_CSS

EXPECTED = {
    "X-Content-Type-Options": "nosniff",
    "X-Frame-Options": "DENY",
    "Referrer-Policy": "no-referrer",
}


def directives(policy):
    return {part.split()[0]: part.split()[1:] for part in policy.split(";") if part.strip()}


def check(headers, path):
    for name, value in EXPECTED.items():
        assert headers.get(name) == value, f"{name} on {path}"
    csp = directives(headers["Content-Security-Policy"])
    assert csp["frame-ancestors"] == ["'none'"], path
    assert csp["script-src"] == ["'self'", "'wasm-unsafe-eval'"], "no inline script, no eval but WebAssembly"
    assert csp["default-src"] == ["'self'"] and csp["object-src"] == ["'none'"]
    assert "'unsafe-inline'" not in headers["Content-Security-Policy"]
    return csp


@pytest.fixture(scope="module")
def page_server(new_database, tmp_path_factory):
    from conftest import ServerProcess
    page = tmp_path_factory.mktemp("page")
    (page / "index.html").write_text('<!doctype html><link rel="stylesheet" href="page.css"><script src="page.js"></script>')
    (page / "page.js").write_text("console.log('hi')")
    (page / "page.css").write_text("body{margin:0}")
    srv = ServerProcess(new_database(), log_dir=tmp_path_factory.mktemp("headers"),
                        extra_args=["--static", str(page)]).start()
    yield srv
    srv.stop()


def test_every_answer_carries_them(page_server):
    async def scenario():
        async with Client(page_server.base) as client:
            for path in ("/", "/page.js", "/page.css", "/nothing-here", "/api/tickets", "/api/nope",
                         "/healthz", "/metrics"):
                async with client.http.get(client.base + path) as response:
                    check(response.headers, path)
            agent = await client.login(SUPPORT[0])
            async with client.http.get(client.base + "/api/tickets", headers=agent.headers()) as response:
                assert response.status == 200
                check(response.headers, "/api/tickets (logged in)")
            async with client.http.post(client.base + "/api/login", json={"email": "x@y", "password": "z"}) as response:
                assert response.status == 401
                check(response.headers, "a refused login")
            ws = await client.http.ws_connect(client.base + "/api/ws", headers=agent.headers())
            check(ws._response.headers, "the WebSocket handshake")
            await ws.close()

    run(scenario())


def test_the_placeholder_page_allows_its_one_inline_style_by_hash(make_server, tmp_path):
    srv = make_server(extra_args=["--static", str(tmp_path / "no-page")]).start()  # the page not built

    async def scenario():
        async with Client(srv.base) as client:
            async with client.http.get(client.base + "/") as response:
                html = await response.text()
                csp = check(response.headers, "/ (placeholder)")
            style = re.search(r"<style>(.*?)</style>", html, re.S).group(1)
            assert style == PLACEHOLDER_CSS
            digest = base64.b64encode(hashlib.sha256(style.encode()).digest()).decode()
            assert csp["style-src"] == ["'self'", f"'sha256-{digest}'"]
            assert "<script" not in html

    run(scenario())


def test_the_session_cookie_is_secure_over_https_behind_a_proxy(server):
    async def scenario():
        async with Client(server.base) as client:
            for proto, secure in (("https", True), (None, False), ("http", False)):
                headers = {"X-Forwarded-Proto": proto} if proto else {}
                async with client.http.post(client.base + "/api/login", headers=headers,
                                            json={"email": SUPPORT[0], "password": PASSWORD}) as response:
                    assert response.status == 200
                    cookie = response.headers["Set-Cookie"]
                    assert ("Secure" in cookie) == secure, (proto, cookie)
                    assert "HttpOnly" in cookie and "SameSite=Strict" in cookie

    run(scenario())
