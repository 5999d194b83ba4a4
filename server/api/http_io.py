"""Reading request bodies and writing JSON that the core already serialised."""
import json

from aiohttp import web

from ..errors import invalid


async def read_text(request):
    """The body as text; invalid UTF-8 is a 400, and aiohttp's size limit a 413."""
    try:
        return (await request.read()).decode("utf-8")
    except UnicodeDecodeError:
        raise invalid("body", "value", "http.body_not_utf8") from None


async def read_object(request):
    """The body as a JSON object, or a 400 `invalid` error saying why not."""
    text = await read_text(request)
    try:
        value = json.loads(text)
    except ValueError:
        raise invalid("body", "value", "http.body_not_json") from None
    if not isinstance(value, dict):
        raise invalid("body", "type", "http.body_not_object")
    return value


def json_text(text, status=200):
    """A response from JSON text built by the core (no decode and re-encode on the way out)."""
    return web.Response(text=text, status=status, content_type="application/json")


def answer(result):
    """The response to a command (server/commands/results.py's Answer)."""
    return json_text(result.text, result.status)


# A body left unread after the answer is drained so the keep-alive connection stays usable;
# beyond this much the connection is closed instead (the client is sending more than any call takes).
DRAIN_LIMIT_BYTES = 1_048_576 + 65_536


@web.middleware
async def finish_body(request, handler):
    """aiohttp 3.8 leaves a keep-alive connection hanging when a handler answers (a 401, 403 or 404
    decided from the headers) before reading a large request body: the next request on it never
    gets an answer. Read and drop what is left of the body, or close the connection after the
    answer when there is too much of it. Outermost middleware: it sees every answer, errors too."""
    response = await handler(request)
    if request.body_exists and not request.content.at_eof():
        if not await _discard(request.content, DRAIN_LIMIT_BYTES):
            response.force_close()
    return response


async def _discard(content, limit):
    """Reads the rest of the body; False if more than `limit` bytes remain or the read fails."""
    left = limit
    try:
        while not content.at_eof():
            chunk = await content.readany()
            left -= len(chunk)
            if left < 0:
                return False
    except Exception:  # noqa: BLE001 - the client broke off: nothing to keep alive
        return False
    return True
