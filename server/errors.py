"""Errors as values with a code and a human message, and the one place that turns them into JSON.

Every failure a client can see has the shape {"error": {"code", "message", ...}}; the middleware
here makes sure no handler can leak aiohttp's HTML error pages or a traceback.
"""
import json
import logging

from aiohttp import web

log = logging.getLogger("baton")

# aiohttp's own HTTP errors (routing, body size, methods) and the codes clients see for them.
_HTTP_CODES = {
    400: "invalid",
    401: "unauthorized",
    403: "forbidden",
    404: "not_found",
    405: "method_not_allowed",
    429: "rate_limited",
}


class ApiError(Exception):
    """A failure with an HTTP status and the JSON error object to send."""

    def __init__(self, status, code, message, headers=None, **extra):
        super().__init__(message)
        self.status = status
        self.body = {"code": code, "message": message, **extra}
        self.headers = headers or {}  # Retry-After, for a 429 or 503


def invalid(field, reason, message):
    """The same shape the core's strict decoders use, for input the server reads itself."""
    return ApiError(400, "invalid", message, field=field, reason=reason)


def unauthorized():
    return ApiError(401, "unauthorized", "Log in first: send the session token or cookie")


def not_found(what):
    return ApiError(404, "not_found", f"{what} does not exist")


def from_rejection(rejection):
    """A core rejection keeps its own object; the core also says which status it maps to."""
    return ApiError(rejection.http_status, **json.loads(rejection.to_json()))


def error_response(status, body, headers=None):
    return web.json_response({"error": body}, status=status, headers=headers)


@web.middleware
async def json_errors(request, handler):
    """Turns every exception into a JSON error; a bug becomes a logged 500, never a traceback."""
    try:
        return await handler(request)
    except ApiError as err:
        return error_response(err.status, err.body, err.headers)
    except web.HTTPRequestEntityTooLarge:
        # The same shape as the core's own size rejection.
        return error_response(413, invalid("body", "too_large", "The request body is too large").body)
    except web.HTTPException as exc:
        if exc.status < 400:
            raise
        code = _HTTP_CODES.get(exc.status, "error")
        message = exc.reason if exc.status != 404 else f"No route for {request.method} {request.path}"
        return error_response(exc.status, {"code": code, "message": message})
    except Exception:  # noqa: BLE001 - the last line of defence for clients
        log.exception("unhandled error in %s %s", request.method, request.path)
        return error_response(500, {"code": "internal", "message": "Internal server error"})
