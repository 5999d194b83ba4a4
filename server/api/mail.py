"""Mail over HTTP (docs/API.md): a message's attachments for the agents who may read its ticket,
and the outbox for the admins (what waits, retries or failed; retry a failed reply)."""
import json
import urllib.parse

from aiohttp import web

from ..commands.results import apply_command, parse_command
from ..errors import forbidden, invalid, not_found, not_in_department, ticket_not_found
from .http_io import answer

OUTBOX_STATES = {"pending": ("queued", "retrying"), "failed": ("failed",), "sent": ("sent",),
                 "all": ("queued", "retrying", "sent", "failed")}
OUTBOX_DEFAULT_LIMIT, OUTBOX_MAX_LIMIT = 200, 1000


async def attachment(request):
    """The file, always as a download (never shown in the page: it is the customer's content)."""
    baton = request.app["baton"]
    ticket_id = int(request.match_info["id"])
    ticket = baton.bus.find(ticket_id)
    if ticket is None:
        raise ticket_not_found(ticket_id)
    if not baton.config.actor(request["agent"].id).can_see(ticket.department):
        raise not_in_department(ticket.department)
    row = baton.store.attachment(ticket_id, request.match_info["attachment"])
    if row is None:
        raise not_found("attachment.not_found")
    ascii_name = "".join(ch if " " <= ch < "\x7f" and ch not in '"\\' else "_" for ch in row.name)
    return web.Response(body=row.data, headers={
        "Content-Type": row.content_type,
        "Content-Disposition": f"attachment; filename=\"{ascii_name}\"; "
                               f"filename*=UTF-8''{urllib.parse.quote(row.name, safe='')}",
        "X-Content-Type-Options": "nosniff",
        "Content-Security-Policy": "sandbox; default-src 'none'",
        "Cache-Control": "private, max-age=3600",
    })


def _admin(request):
    baton = request.app["baton"]
    if baton.config.actor(request["agent"].id).role != "admin":
        raise forbidden("outbox.admin_only")
    return baton


def _item(baton, row):
    ticket = baton.tickets.get(row.ticket_id)
    return {"id": row.id, "ticket": row.ticket_id, "ref": ticket.ref if ticket else None,
            "subject": ticket.subject if ticket else None, "message": row.message,
            "to": row.to_address, "state": row.state, "reason": row.reason, "attempts": row.attempts,
            "queued_at": row.queued_at, "next_attempt_at": row.next_at, "sent_at": row.sent_at,
            "updated_at": row.updated_at}


async def outbox(request):
    baton = _admin(request)
    state = request.query.get("state", "pending")
    if state not in OUTBOX_STATES:
        raise invalid("state", "value", "query.one_of", "state", ", ".join(OUTBOX_STATES))
    try:
        limit = int(request.query.get("limit", OUTBOX_DEFAULT_LIMIT))
    except ValueError:
        raise invalid("limit", "type", "invalid.type.integer", "limit") from None
    if not 1 <= limit <= OUTBOX_MAX_LIMIT:
        raise invalid("limit", "value", "query.range", "limit", 1, OUTBOX_MAX_LIMIT)
    channel = baton.mail
    rows = baton.store.outbox_list(OUTBOX_STATES[state], limit)
    listening = channel.listening()
    return web.json_response({
        "relay": None if channel.relay is None else "%s:%d" % channel.relay,
        "listening": None if listening is None else "%s:%d" % tuple(listening),
        "domain": channel.domain,
        "addresses": channel.book().by_department,
        "items": [_item(baton, row) for row in rows]})


async def retry(request):
    """The core's retry_delivery (admins, failed replies only) on the row's reply; the outbox row
    follows the event and is tried at once."""
    baton = _admin(request)
    row = baton.store.outbox_row(int(request.match_info["outbox_id"]))
    if row is None:
        raise not_found("outbox.not_found")
    command = parse_command(baton.commands, json.dumps({"type": "retry_delivery", "message": row.message}))
    return answer(apply_command(baton.commands, row.ticket_id, command, baton.config.actor(request["agent"].id)))


def add_routes(router):
    router.add_get(r"/api/tickets/{id:\d{1,18}}/attachments/{attachment:[A-Za-z0-9_-]{1,64}}", attachment)
    router.add_get("/api/mail/outbox", outbox)
    router.add_post(r"/api/mail/outbox/{outbox_id:\d{1,18}}/retry", retry)
