"""Wires the aiohttp Application: middlewares, routes, and the background work's lifetime."""
import asyncio
import contextlib

from aiohttp import web

from .api import inbound, mail, ops, report, session, settings, static_site, tickets
from .api.http_io import finish_body
from .api.security_headers import add_security_headers
from .errors import json_errors
from .live import ws

# The largest body any call takes: a command with the biggest body the settings can allow.
MAX_REQUEST_BYTES = 1_048_576 + 65_536


def build_app(baton, static_folder):
    """`baton`: the services (server/services.py)."""
    app = web.Application(middlewares=[finish_body, json_errors, session.sessions],
                          client_max_size=MAX_REQUEST_BYTES)
    app["baton"] = baton
    for module in (session, tickets, inbound, settings, ops, report, mail, ws):
        module.add_routes(app.router)
    static_site.add_routes(app.router, static_folder)
    app.on_response_prepare.append(add_security_headers)
    app.cleanup_ctx.append(_background)
    app.on_shutdown.append(_close_sockets)
    return app


async def _background(app):
    baton = app["baton"]
    tasks = [asyncio.create_task(baton.automations.run()), asyncio.create_task(baton.hub.run_digest()),
             asyncio.create_task(baton.bus.run()), asyncio.create_task(baton.mail.outbox.run())]
    if baton.demo is not None:
        tasks.append(asyncio.create_task(baton.demo.run()))
    yield
    await baton.mail.stop()  # the SMTP listener (serve.py starts it)
    for task in tasks:
        task.cancel()
        with contextlib.suppress(asyncio.CancelledError):
            await task
    baton.logins.close()
    baton.drafts.flush()
    baton.store.close()


async def _close_sockets(app):
    """Clients reconnect and resume with `hello {since}`; tell them we are going away."""
    for conn in list(app["baton"].hub.connections):
        await conn.close(1001, b"server shutting down")
