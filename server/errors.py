"""Errors as values with a key, and the one place that turns them into JSON.

Every failure a client can see has the shape {"error": {"code", "message", "key", "args", ...}}:
`key` says which situation it is and `args` the values its words need, so a workspace can say it
in the agent's language; `code` and the English `message` come from the core's one table of error
words (core/src/error_texts.cpp, `core.error_text`), added where the error leaves the server. The
middleware here makes sure no handler can leak aiohttp's HTML error pages or a traceback.
"""
import json
import logging

from aiohttp import web

log = logging.getLogger("baton")

# aiohttp's own HTTP errors (routing, body size, methods): the keys clients see for them.
_HTTP_KEYS = {405: "http.method_not_allowed", 429: "http.rate_limited"}
# The code of any other HTTP error aiohttp raises (its words are aiohttp's reason: `http.error`).
_HTTP_CODES = {
    400: "invalid",
    401: "unauthorized",
    403: "forbidden",
    404: "not_found",
    405: "method_not_allowed",
    429: "rate_limited",
}


class ApiError(Exception):
    """A failure with an HTTP status, its key and args, and fields of its own (`field`, `reason`...).
    A core rejection arrives worded already (`from_rejection`)."""

    def __init__(self, status, key, args=(), code=None, headers=None, **extra):
        super().__init__(key)
        self.headers = headers or {}  # Retry-After, for a 429 or 503
        self.status = status
        self.key = key
        self.key_args = [str(a) for a in args]
        self.code = code  # None: the key's own (the table's)
        self.extra = extra
        self.worded = None  # the whole error object, when it came worded from the core

    def body(self, core):
        """The error object, in the English words of the core's table."""
        if self.worded is not None:
            return self.worded
        text = core.error_text(self.key)
        if text is None:  # a key the core does not know: a bug here, not the client's
            log.error("no words for the error key %r", self.key)
            return {"code": "internal", "message": "Internal server error", "key": "server.internal", "args": []}
        code, english = text
        return {"code": self.code or code, "message": core.fill_in(english, self.key_args), "key": self.key,
                "args": self.key_args, **self.extra}


def invalid(field, reason, key, *args):
    """The same shape the core's strict decoders use, for input the server reads itself."""
    return ApiError(400, key, args, field=field, reason=reason)


def forbidden(key, *args):
    return ApiError(403, key, args)


def unauthorized(key="auth.required"):
    return ApiError(401, key)


def not_found(key, *args):
    return ApiError(404, key, args)


def ticket_not_found(ticket):
    """An unknown ticket (by id or ref), in the words the core uses for it."""
    return not_found("ticket.not_found", ticket)


def not_in_department(department):
    """A ticket of a department the agent is not in, in the words the core uses for it."""
    return forbidden("department.not_member", department)


def rejection_body(rejection):
    """A core rejection's own object (worded, with its key): code, message, key and args first,
    then what a rejection of its code carries."""
    body = json.loads(rejection.to_json())
    return {name: body.pop(name) for name in ("code", "message", "key", "args")} | body


def from_rejection(rejection):
    """A core rejection keeps its own object; the core also says which status it maps to."""
    err = ApiError(rejection.http_status, rejection.key, rejection.args)
    err.worded = rejection_body(rejection)
    return err


def error_response(core, err):
    return web.json_response({"error": err.body(core)}, status=err.status, headers=err.headers)


@web.middleware
async def json_errors(request, handler):
    """Turns every exception into a JSON error; a bug becomes a logged 500, never a traceback."""
    core = request.app["baton"].core
    try:
        return await handler(request)
    except ApiError as err:
        return error_response(core, err)
    except web.HTTPRequestEntityTooLarge:
        # The same shape as the core's own size rejection.
        return error_response(core, ApiError(413, "http.body_too_large", field="body", reason="too_large"))
    except web.HTTPException as exc:
        if exc.status < 400:
            raise
        if exc.status == 404:
            err = not_found("http.no_route", request.method, request.path)
        elif exc.status in _HTTP_KEYS:
            err = ApiError(exc.status, _HTTP_KEYS[exc.status])
        else:
            err = ApiError(exc.status, "http.error", [exc.reason], code=_HTTP_CODES.get(exc.status, "error"))
        return error_response(core, err)
    except Exception:  # noqa: BLE001 - the last line of defence for clients
        log.exception("unhandled error in %s %s", request.method, request.path)
        return error_response(core, ApiError(500, "server.internal"))
