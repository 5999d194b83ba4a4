"""The collision report for admins: `GET /api/report/collisions?from=&to=&format=` (docs/API.md).

The counting is the core's (`core.collision_report`, core/include/baton/report.hpp); this reads
the logged events and the recorded refusals (server/commands/refusals.py) of the range and hands them over.
"""
from aiohttp import web

from ..errors import forbidden, invalid
from .http_io import json_text

DAY_MS = 86_400_000
DEFAULT_DAYS = 14  # without `from`: the 14 days up to `to` (today, UTC, by default)
MAX_DAYS = 366


def _day(baton, request, name):
    """Midnight UTC of the `name` parameter (YYYY-MM-DD), None if absent, else a 400."""
    text = request.query.get(name)
    if text is None:
        return None
    at = baton.core.parse_utc_day(text)
    if at is None:
        raise invalid(name, "value", "report.bad_date", name, text)
    return at


def _wants_csv(request):
    fmt = request.query.get("format")
    if fmt is None:
        return "text/csv" in request.headers.get("Accept", "")
    if fmt not in ("json", "csv"):
        raise invalid("format", "value", "report.bad_format")
    return fmt == "csv"


async def collisions(request):
    baton = request.app["baton"]
    core = baton.core
    if baton.config.actor(request["agent"].id).role != "admin":
        raise forbidden("report.admin_only")
    last = _day(baton, request, "to")
    if last is None:
        last = baton.clock.now() // DAY_MS * DAY_MS
    first = _day(baton, request, "from")
    if first is None:
        first = last - (DEFAULT_DAYS - 1) * DAY_MS
    if first > last:
        raise invalid("from", "value", "report.from_after_to")
    if (last - first) // DAY_MS + 1 > MAX_DAYS:
        raise invalid("to", "value", "report.too_many_days", MAX_DAYS)
    csv = _wants_csv(request)
    baton.refusals.flush()  # refusals still waiting to be written (they are written next turn)
    start, end = first, last + DAY_MS  # [start, end): every day from `from` to `to`, both included
    # The events just before the range (an earlier reply for "slipped through") and after it
    # (a held reply sent anyway or revised later) are context for what happened in it.
    events = baton.store.events_at_between(start - core.REPORT_SLIP_WINDOW_MS,
                                           end + core.REPORT_RESOLVE_WINDOW_MS)
    refusals = [row.to_json() for row in baton.store.refusals_between(start, end)]
    report = core.collision_report_csv if csv else core.collision_report
    text = report(events, refusals, start, end, baton.config.directory)
    if isinstance(text, core.Rejection):
        raise RuntimeError(f"the stored events or refusals do not decode: {text.message}")
    if not csv:
        return json_text(text)
    name = f"baton-collisions-{core.utc_day(start)}-to-{core.utc_day(last)}.csv"
    return web.Response(text=text, content_type="text/csv", charset="utf-8",
                        headers={"Content-Disposition": f'attachment; filename="{name}"'})


def add_routes(router):
    router.add_get("/api/report/collisions", collisions)
