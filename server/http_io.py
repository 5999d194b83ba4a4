"""Reading request bodies and writing JSON that the core already serialised."""
import json

from aiohttp import web

from .errors import invalid


async def read_text(request):
    """The body as text; invalid UTF-8 is a 400, and aiohttp's size limit a 413."""
    try:
        return (await request.read()).decode("utf-8")
    except UnicodeDecodeError:
        raise invalid("body", "value", "The request body is not UTF-8 text") from None


async def read_object(request):
    """The body as a JSON object, or a 400 `invalid` error saying why not."""
    text = await read_text(request)
    try:
        value = json.loads(text)
    except ValueError:
        raise invalid("body", "value", "The request body is not valid JSON") from None
    if not isinstance(value, dict):
        raise invalid("body", "type", "The request body must be a JSON object")
    return value


def json_text(text, status=200):
    """A response from JSON text built by the core (no decode and re-encode on the way out)."""
    return web.Response(text=text, status=status, content_type="application/json")
