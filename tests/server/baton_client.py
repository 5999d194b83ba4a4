"""A small client for the tests: agents' HTTP sessions and WebSockets, on aiohttp."""
import asyncio
import json

import aiohttp

from conftest import INBOUND_KEY

PASSWORD = "baton-demo"
ADMIN = "alesia@baton.test"  # admin, support + billing
SUPPORT = ["marcus@baton.test", "priya@baton.test", "tomas@baton.test", "hannah@baton.test"]
BILLING = ["jonas@baton.test", "chloe@baton.test", "daniel@baton.test"]


def run(coroutine):
    """pytest-asyncio is not available: each test drives its own event loop."""
    return asyncio.run(asyncio.wait_for(coroutine, 60))


async def _answer(response):
    text = await response.text()
    try:
        return response.status, json.loads(text)
    except ValueError:
        return response.status, text


class Client:
    def __init__(self, base):
        self.base = base
        self.http = None

    async def __aenter__(self):
        # No shared cookie jar: each agent presents its own token, like separate browsers.
        self.http = aiohttp.ClientSession(cookie_jar=aiohttp.DummyCookieJar())
        return self

    async def __aexit__(self, *exc):
        await self.http.close()

    async def call(self, method, path, body=None, raw=None, headers=None):
        data = raw if raw is not None else (json.dumps(body) if body is not None else None)
        async with self.http.request(method, self.base + path, data=data, headers=headers or {}) as response:
            return await _answer(response)

    async def login(self, email):
        status, body = await self.call("POST", "/api/login", {"email": email, "password": PASSWORD})
        assert status == 200, body
        return Agent(self, body["token"], body["agent"])

    async def inbound(self, body):
        return await self.call("POST", "/api/inbound", body, headers={"X-Inbound-Key": INBOUND_KEY})

    async def new_ticket(self, department="support", body="My boiler is broken"):
        status, answer = await self.inbound({
            "subject": "Boiler broken", "department": department, "body": body,
            "requester": {"name": "Hannah Rebekah", "email": "hannah@example.com"}})
        assert status == 201, answer
        return answer["ticket"]


class Agent:
    """One logged-in session."""

    def __init__(self, client, token, info):
        self.client = client
        self.token = token
        self.id = info["id"]
        self.info = info

    def headers(self, extra=None):
        return {"Authorization": f"Bearer {self.token}", **(extra or {})}

    async def call(self, method, path, body=None, raw=None, headers=None):
        return await self.client.call(method, path, body, raw, self.headers(headers))

    async def command(self, ticket_id, **command):
        return await self.call("POST", f"/api/tickets/{ticket_id}/commands", command)

    async def ticket(self, ticket_id):
        status, body = await self.call("GET", f"/api/tickets/{ticket_id}")
        assert status == 200, body
        return body["ticket"]

    async def history(self, ticket_id):
        status, body = await self.call("GET", f"/api/tickets/{ticket_id}/history")
        assert status == 200, body
        return body["events"]

    async def socket(self, since=None, hello=True, headers=None, compress=0):
        ws = await self.client.http.ws_connect(self.client.base + "/api/ws", headers=self.headers(headers),
                                               compress=compress)
        sock = Socket(ws)
        if hello:
            await sock.send(type="hello", since=since)
            while (message := await sock.next())["type"] != "live":
                sock.catch_up.append(message)
            sock.live = message
        return sock


class Socket:
    """A WebSocket read by a background task (so pings are answered) into a queue."""

    def __init__(self, ws):
        self.ws = ws
        self.queue = asyncio.Queue()
        self.reader = asyncio.create_task(self._read())
        self.live = None  # the `live` message that ended the hello
        self.catch_up = []  # what came before it

    async def _read(self):
        while True:
            message = await self.ws.receive()
            if message.type == aiohttp.WSMsgType.TEXT:
                await self.queue.put(json.loads(message.data))
            elif message.type != aiohttp.WSMsgType.BINARY:  # the end, however it came
                code = message.data if message.type == aiohttp.WSMsgType.CLOSE else self.ws.close_code
                reason = message.extra if message.type == aiohttp.WSMsgType.CLOSE else None
                await self.queue.put({"type": "closed", "code": code, "reason": reason})
                return

    async def send(self, **message):
        await self.ws.send_str(json.dumps(message))

    async def next(self, kind=None, timeout=5.0, where=lambda m: True):
        """The next message of that type (others are skipped) matching `where`."""
        async def wait():
            while True:
                message = await self.queue.get()
                if (kind is None or message["type"] == kind) and where(message):
                    return message
        return await asyncio.wait_for(wait(), timeout)

    async def drain(self, seconds):
        """Everything that arrives within `seconds`."""
        got = []
        try:
            await asyncio.wait_for(self._collect(got), seconds)
        except asyncio.TimeoutError:
            pass
        return got

    async def _collect(self, got):
        while True:
            got.append(await self.queue.get())

    async def close(self):
        await self.ws.close()
        await self.reader
