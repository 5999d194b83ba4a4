"""Logging in and out, knowing who calls (every /api call but login needs a session), and the
caller's own preferences."""
import json

from aiohttp import web

from .auth import (SESSION_COOKIE, SESSION_MAX_AGE_SECS, UNKNOWN_AGENT_HASH, new_token,
                   request_token, session_agent_id, token_hash, verify_password)
from ..errors import from_rejection, invalid, unauthorized
from .http_io import read_object

# Reachable without a session: logging in, and inbound mail (it has its own key).
OPEN_PATHS = {"/api/login", "/api/inbound"}
MAX_PASSWORD_CHARS = 1024
MAX_EMAIL_CHARS = 320  # the longest an address can be; what the login throttle keys on


@web.middleware
async def sessions(request, handler):
    """Puts the calling agent (or None) in request["agent"]; refuses /api calls without one."""
    if request.path.startswith("/api/"):
        baton = request.app["baton"]
        # Tokens in URLs end up in logs: only the WebSocket, which cannot set headers, may use one.
        token = request_token(request, allow_query=request.path == "/api/ws")
        agent_id = session_agent_id(baton.store, token, baton.clock.now())
        request["agent"] = baton.config.agents.get(agent_id) if agent_id is not None else None
        request["session"] = token_hash(token) if request["agent"] else None
        if request["agent"] is None and request.path not in OPEN_PATHS:
            raise unauthorized()
        if request["agent"] is not None and baton.demo is not None:
            baton.demo.claim(request["agent"].id)  # a person uses this agent: not simulated from now
    return await handler(request)


async def login(request):
    baton = request.app["baton"]
    body = await read_object(request)
    email, password = body.get("email"), body.get("password")
    for field, value in (("email", email), ("password", password)):
        if not isinstance(value, str):
            raise invalid(field, "missing" if value is None else "type", "invalid.type.string", field)
    if len(password) > MAX_PASSWORD_CHARS:
        raise invalid("password", "too_large", "auth.password_too_long")
    account = email.strip().lower()[:MAX_EMAIL_CHARS]
    address = baton.forwarded.client_address(request)
    baton.logins.check(account, address)  # 429 while a failed login's wait runs (login_throttle.py)
    agent = baton.store.agent_by_email(account)
    stored = agent.password_hash if agent else UNKNOWN_AGENT_HASH
    # scrypt takes ~50 ms and 16 MB on purpose: off the event loop, in its own bounded pool.
    matches = await baton.logins.verify(account, address, verify_password, password, stored)
    if agent is None or not matches:
        baton.logins.failed(account, address)
        raise unauthorized("auth.wrong_password")
    baton.logins.succeeded(account)
    if baton.demo is not None:
        baton.demo.claim(agent.id)
    token = new_token()
    baton.store.add_session(token_hash(token), agent.id, baton.clock.now())
    response = web.json_response({"token": token, "agent": agent.public(),
                                  "preferences": _preferences(baton, agent.id)})
    response.set_cookie(SESSION_COOKIE, token, httponly=True, samesite="Strict", path="/",
                        max_age=SESSION_MAX_AGE_SECS, secure=baton.forwarded.is_https(request))
    return response


async def logout(request):
    baton = request.app["baton"]
    baton.store.delete_session(request["session"])
    baton.peers.logged_out(request["session"])
    await baton.hub.close_session(request["session"])
    response = web.json_response({"ok": True})
    response.del_cookie(SESSION_COOKIE, path="/")
    return response


async def me(request):
    agent = request["agent"]
    return web.json_response({"agent": agent.public(), "preferences": _preferences(request.app["baton"], agent.id)})


def _stored_preferences(baton, agent_id):
    """The agent's preferences as the core reads them: the defaults when none are stored, or when
    what is stored no longer reads (a language no longer offered)."""
    core = baton.core
    text = baton.store.agent_preferences(agent_id)
    preferences = core.Preferences.parse(text) if text is not None else None
    return preferences if isinstance(preferences, core.Preferences) else core.Preferences.default()


def _preferences(baton, agent_id):
    return json.loads(_stored_preferences(baton, agent_id).to_json())


async def put_preferences(request):
    """Fields left out keep their value; the core reads the result (`lang`: one of its languages,
    or null). Kept per agent in the database, so every process and every later session sees it."""
    baton = request.app["baton"]
    agent = request["agent"]
    changes = await read_object(request)
    merged = {**json.loads(_stored_preferences(baton, agent.id).to_json()), **changes}
    preferences = baton.core.Preferences.parse(json.dumps(merged))
    if isinstance(preferences, baton.core.Rejection):
        raise from_rejection(preferences)
    baton.store.put_agent_preferences(agent.id, preferences.to_json())
    return web.json_response({"preferences": json.loads(preferences.to_json())})


async def agents(request):
    baton = request.app["baton"]
    online = baton.hub.online_agents()
    return web.json_response({"agents": [
        {**agent.public(), "online": agent.id in online} for agent in baton.config.agents.values()]})


def add_routes(router):
    router.add_post("/api/login", login)
    router.add_post("/api/logout", logout)
    router.add_get("/api/me", me)
    router.add_put("/api/me/preferences", put_preferences)
    router.add_get("/api/agents", agents)
