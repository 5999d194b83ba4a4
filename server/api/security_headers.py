"""Security headers on every answer, the page's and the API's.

The Content-Security-Policy allows only what the workspace page needs: its own scripts (no inline
script), WebAssembly compilation ('wasm-unsafe-eval'), its own styles, fetch and WebSocket to this
server, and nothing may frame it (clickjacking). The placeholder page (served when the workspace
is not built) has one inline style, allowed by its hash alone.
"""
import base64
import hashlib

PAGE_POLICY = {
    "default-src": "'self'",
    "script-src": "'self' 'wasm-unsafe-eval'",
    "style-src": "'self'",
    "img-src": "'self' data:",
    "font-src": "'self'",
    "connect-src": "'self'",
    "object-src": "'none'",
    "base-uri": "'none'",
    "form-action": "'self'",
    "frame-ancestors": "'none'",
}
HEADERS = {
    "X-Content-Type-Options": "nosniff",
    "X-Frame-Options": "DENY",  # frame-ancestors for browsers that predate it
    "Referrer-Policy": "no-referrer",
    "Cross-Origin-Opener-Policy": "same-origin",
}


def policy_text(policy):
    return "; ".join(f"{name} {value}" for name, value in policy.items())


CONTENT_SECURITY_POLICY = policy_text(PAGE_POLICY)


def style_hash(css):
    """The CSP source that allows exactly this inline <style> element's text."""
    return "'sha256-" + base64.b64encode(hashlib.sha256(css.encode()).digest()).decode() + "'"


def policy_with_style(css):
    return policy_text({**PAGE_POLICY, "style-src": f"'self' {style_hash(css)}"})


async def add_security_headers(request, response):
    """aiohttp's on_response_prepare signal: every answer gets them, errors, files, WebSocket
    handshakes and aiohttp's own answers included. A handler may set its own policy first."""
    for name, value in HEADERS.items():
        response.headers.setdefault(name, value)
    response.headers.setdefault("Content-Security-Policy", CONTENT_SECURITY_POLICY)
