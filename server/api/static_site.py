"""The built workspace page (gzip, ETag revalidation), or a placeholder when it is not built."""
import gzip
import html
import mimetypes
from pathlib import Path

from aiohttp import web

from ..errors import not_found
from .security_headers import policy_with_style

mimetypes.add_type("application/wasm", ".wasm")
mimetypes.add_type("text/javascript", ".js")
COMPRESSIBLE = {".html", ".js", ".mjs", ".wasm", ".data", ".css", ".json", ".svg", ".txt", ".map"}

API_SUMMARY = [
    ("POST", "/api/login", "{email, password} -> {token, agent}"),
    ("POST", "/api/logout", "end the session"),
    ("GET", "/api/me, /api/agents", "who I am; agents with online state"),
    ("GET", "/api/tickets?view=all|mine|unassigned|locked&q=&limit=&after=", "{tickets, next}"),
    ("GET", "/api/tickets/{id}", "{ticket} with everyone's drafts"),
    ("GET", "/api/tickets/{id}/history", "{events} the audit trail"),
    ("POST", "/api/tickets/{id}/commands", "{type, ...} -> {ticket, events} or an error"),
    ("POST", "/api/tickets", "create a ticket"),
    ("POST", "/api/inbound", "customer mail (inbound key or admin)"),
    ("GET/PUT", "/api/settings", "the automations (PUT: admin)"),
    ("GET", "/api/ws", "WebSocket: events, presence, drafts"),
    ("GET", "/healthz, /metrics", "liveness; Prometheus metrics"),
]


PLACEHOLDER_CSS = "body{font:15px system-ui,sans-serif;margin:2em;max-width:60em}td{padding:.2em .8em}"


def placeholder_page():
    rows = "\n".join(f"<tr><td>{m}</td><td><code>{html.escape(p)}</code></td><td>{html.escape(w)}</td></tr>"
                     for m, p, w in API_SUMMARY)
    return f"""<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>Baton server</title>
<style>{PLACEHOLDER_CSS}</style>
</head><body>
<h1>Baton</h1>
<p>The server is running, but the workspace page is not built yet: <code>bash scripts/run.sh</code> builds it, or <code>--static</code> names no folder
with an <code>index.html</code>.</p>
<p>The API works meanwhile (details in <code>docs/API.md</code>):</p>
<table>{rows}</table>
</body></html>
"""


async def placeholder(request):
    return web.Response(text=placeholder_page(), content_type="text/html",
                        headers={"Cache-Control": "no-cache",
                                 "Content-Security-Policy": policy_with_style(PLACEHOLDER_CSS)})


class StaticSite:
    def __init__(self, folder):
        self.folder = Path(folder).resolve()
        self._gzipped = {}  # (path, etag) -> compressed bytes

    async def handle(self, request):
        relative = request.match_info["path"] or "index.html"
        path = (self.folder / relative).resolve()
        if self.folder not in path.parents or not path.is_file():
            raise not_found("http.file_not_found", f"/{relative}")
        stat = path.stat()
        etag = f'"{stat.st_mtime_ns:x}-{stat.st_size:x}"'
        # no-cache = revalidate each time: cheap with the ETag, and a rebuild shows up at once.
        headers = {"Cache-Control": "no-cache", "ETag": etag, "Vary": "Accept-Encoding"}
        if request.headers.get("If-None-Match") == etag:
            return web.Response(status=304, headers=headers)
        body = path.read_bytes()
        if path.suffix in COMPRESSIBLE and "gzip" in request.headers.get("Accept-Encoding", ""):
            key = (path, etag)
            if key not in self._gzipped:
                self._gzipped[key] = gzip.compress(body, 6)
            headers["X-Raw-Length"] = str(len(body))  # the page's progress bar counts uncompressed bytes
            body = self._gzipped[key]
            headers["Content-Encoding"] = "gzip"
        content_type = mimetypes.guess_type(path.name)[0] or "application/octet-stream"
        return web.Response(body=body, content_type=content_type, headers=headers)


def add_routes(router, folder):
    """`folder` None: the placeholder at /. Paths under /api/ never reach the files."""
    if folder is None:
        router.add_get("/", placeholder)
    else:
        router.add_get(r"/{path:(?!api/).*}", StaticSite(folder).handle)
