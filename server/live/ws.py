"""The WebSocket: gap-free event stream, presence, live drafts and lock heartbeats.

Client messages: hello {since}, view {ticket}, draft {ticket, body, kind, base_version},
renew {ticket}, ping. Bad input gets {type:"error"} back; the socket stays open.
"""
import asyncio
import json
import logging
import math
from urllib.parse import urlsplit

from aiohttp import WSCloseCode, WSMsgType, web

from ..errors import ApiError, forbidden, invalid, not_in_department, ticket_not_found
from .connection import Connection
from .drafts import DraftUpdate
from .ws_limits import CLOSE_RATE_LIMITED, MAX_MESSAGE_BYTES

log = logging.getLogger("baton")

HEARTBEAT_SECS = 5  # a dead peer is noticed within ~7.5 s, so its presence goes within 10 s


def _check_origin(request):
    """Browsers send Origin: another site's page must not ride on the agent's cookie."""
    origin = request.headers.get("Origin")
    if origin is not None and urlsplit(origin).netloc.lower() != request.host.lower():
        raise forbidden("ws.cross_origin")


async def websocket(request):
    _check_origin(request)
    baton = request.app["baton"]
    agent = request["agent"]
    wait = baton.send_budgets.wait(agent.id, asyncio.get_running_loop().time())
    if wait > 0:  # its last socket was closed for its rate: not before its budget has refilled
        seconds = math.ceil(wait)
        raise ApiError(429, "ws.rate_limited", [seconds],
                       headers={"Retry-After": str(seconds)}, retry_after_secs=seconds,
                       retry_after_ms=math.ceil(wait * 1000))
    # No permessage-deflate: pushes are frames written as they are (see frames.py), and
    # compressing each one per socket would cost more CPU than the fan-out itself.
    ws = web.WebSocketResponse(heartbeat=HEARTBEAT_SECS, max_msg_size=MAX_MESSAGE_BYTES, compress=False)
    await ws.prepare(request)
    if request.transport is None:  # the client left during the handshake
        return ws
    conn = Connection(ws, request.transport, agent, baton.config.actor(agent.id), request["session"])
    if not baton.hub.is_online(agent.id):
        baton.store.set_last_seen([agent.id], baton.clock.now())
    baton.hub.connect(conn)
    clock = asyncio.get_running_loop().time
    limits = baton.send_budgets.for_agent(agent.id, clock())
    try:
        async for message in ws:
            if message.type in (WSMsgType.TEXT, WSMsgType.BINARY):
                why = limits.over(len(message.data), clock())
                if why is not None:  # before parsing: an abuser costs the others nothing more
                    baton.metrics.websocket_closed("rate_limited")
                    baton.send_budgets.closed(agent.id, limits)
                    await conn.close(CLOSE_RATE_LIMITED, why.encode())
                    break
            if message.type == WSMsgType.TEXT:
                _handle(baton, conn, message.data)
            elif message.type == WSMsgType.BINARY:
                _refuse(baton, conn, invalid("message", "type", "ws.not_text"))
            elif message.type == WSMsgType.ERROR and ws.close_code == WSCloseCode.MESSAGE_TOO_BIG:
                baton.metrics.websocket_closed("too_big")
        if conn.closing:
            await ws.close(code=conn.closing[0], message=conn.closing[1])
    finally:
        now = baton.clock.now()
        if baton.hub.disconnect(conn, now):
            baton.store.set_last_seen([agent.id], now)
    return ws


def _refuse(baton, conn, error, **context):
    """Answers bad input with an `error` message in the words of the core's table."""
    conn.push_error(error.body(baton.core), **context)


def _handle(baton, conn, data):
    try:
        _dispatch(baton, conn, data)
    except Exception:  # noqa: BLE001 - a bug or a failed write answers one message, not the socket
        log.exception("WebSocket message from agent %s failed", conn.agent.id)
        _refuse(baton, conn, ApiError(500, "server.internal"))


def _dispatch(baton, conn, data):
    try:
        message = json.loads(data)
    except ValueError:
        return _refuse(baton, conn, invalid("message", "value", "ws.not_json"))
    if not isinstance(message, dict):
        return _refuse(baton, conn, invalid("message", "type", "ws.not_object"))
    kind = message.get("type")
    handler = HANDLERS.get(kind) if isinstance(kind, str) else None
    if handler is None:
        return _refuse(baton, conn, invalid("type", "value", "ws.unknown_type", ", ".join(HANDLERS)))
    return handler(baton, conn, message)


def _is_int(value):
    return isinstance(value, int) and not isinstance(value, bool)  # JSON true is not a number


def _ticket(baton, conn, message):
    """The ticket a message names, or None after telling the client why not."""
    ticket_id = message.get("ticket")
    if not _is_int(ticket_id):
        _refuse(baton, conn, invalid("ticket", "type", "ws.ticket_type"))
        return None
    ticket = baton.bus.find(ticket_id)
    if ticket is None:
        _refuse(baton, conn, ticket_not_found(ticket_id), ticket=ticket_id)
    return ticket


def _command(baton, conn, command_type, message):
    """The message's fields (but type and ticket) as a core command, or None after an error."""
    fields = {k: v for k, v in message.items() if k not in ("type", "ticket")}
    command = baton.core.Command.parse(json.dumps({**fields, "type": command_type}), baton.config.max_command_bytes())
    if isinstance(command, baton.core.Rejection):
        baton.metrics.command(command_type, command.code)
        conn.push_rejection(command, ticket=message.get("ticket"))
        return None
    return command


def on_hello(baton, conn, message):
    since = message.get("since")
    if conn.live:
        return _refuse(baton, conn, ApiError(409, "ws.already_live"))
    if since is not None and not (_is_int(since) and since >= 0):
        return _refuse(baton, conn, invalid("since", "type", "ws.since_type"))
    # One synchronous step, no await: the missed events are queued and the connection goes live
    # before any other command can commit, so nothing falls between the two.
    # With several processes, `last` is what this one has pushed so far (events committed
    # elsewhere after it reach this connection live, once it is published here).
    last = baton.bus.last_published()
    conn.prev = last if since is None else since
    if since is not None:
        for row in baton.store.events_after(since):
            if row.seq > last:
                break
            if conn.can_see(baton.tickets.department_of(row.ticket_id)):
                conn.push_event(row.seq, row.json)
    conn.push_json({"type": "live", "seq": last})
    baton.hub.go_live(conn)
    return None


def on_view(baton, conn, message):
    ticket = None
    if message.get("ticket") is not None:
        ticket = _ticket(baton, conn, message)
        if ticket is None:
            return
        if not conn.can_see(ticket.department):
            return _refuse(baton, conn, not_in_department(ticket.department), ticket=ticket.id)
    baton.hub.set_view(conn, ticket.id if ticket else None, baton.clock.now())
    return None


def on_draft(baton, conn, message):
    ticket = _ticket(baton, conn, message)
    command = _command(baton, conn, "draft", message) if ticket is not None else None
    if command is None:
        return
    if conn.can_see(ticket.department):  # otherwise the core says forbidden; announce nothing
        baton.hub.typed(conn, ticket.id, baton.clock.now())
    baton.drafts.submit(DraftUpdate(conn, ticket.id, command))


def on_renew(baton, conn, message):
    ticket = _ticket(baton, conn, message)
    command = _command(baton, conn, "renew", message) if ticket is not None else None
    if command is None:
        return
    uow = baton.commands.unit()
    result = uow.run(ticket.id, command, conn.actor)
    if isinstance(result, baton.core.Rejection):
        conn.push_rejection(result, ticket=ticket.id)
    else:
        uow.commit()  # the lock_renewed event reaches this connection like any other


def on_ping(baton, conn, message):
    conn.push_json({"type": "pong"})


HANDLERS = {"hello": on_hello, "view": on_view, "draft": on_draft, "renew": on_renew, "ping": on_ping}


def add_routes(router):
    router.add_get("/api/ws", websocket)
