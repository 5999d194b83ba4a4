"""One open WebSocket: an outgoing queue drained by its own writer task, so pushes leave in the
order they were produced, and a slow socket delays only itself."""
import asyncio
import json
import time
from collections import deque

from .messages import dumps


class Connection:
    # A client this far behind is better served by reconnecting with `hello {since}`.
    MAX_QUEUED = 20000

    def __init__(self, ws, agent, actor, session, metrics):
        self.ws = ws
        self.agent = agent
        self.session = session  # hash of the session token: logging out closes the socket
        self.actor = actor
        self.metrics = metrics
        self.live = False  # set by `hello`: from then on it receives pushes
        self.prev = 0  # seq of the last event sent on this connection
        self.viewing = None
        self._queue = deque()
        self._ready = asyncio.Event()
        self._visible = {}
        self._dropped = False
        self.closing = None  # (code, reason) once the server decided to end the socket

    def close(self, code, reason):
        """Ends the socket with a code the client can act on. The reader loop repeats the close
        with the same code, because aiohttp would otherwise answer 1000 when the handler returns."""
        self.closing = (code, reason)
        return self.ws.close(code=code, message=reason)

    def can_see(self, department):
        visible = self._visible.get(department)
        if visible is None:
            visible = self._visible[department] = self.actor.can_see(department)
        return visible

    def push(self, text):
        if self._dropped:
            return
        if len(self._queue) >= self.MAX_QUEUED:
            self._dropped = True
            self._queue.clear()
            asyncio.ensure_future(self.close(4008, b"too slow: reconnect and resume"))
            return
        self._queue.append((text, time.perf_counter()))
        self._ready.set()

    def push_json(self, value):
        self.push(dumps(value))

    def push_error(self, error, **context):
        """Bad input is answered, never punished by closing the socket."""
        self.push_json({"type": "error", **context, "error": error})

    def push_rejection(self, rejection, **context):
        self.push_error(json.loads(rejection.to_json()), **context)

    def push_event(self, seq, event_json):
        self.push(f'{{"type":"event","seq":{seq},"prev":{self.prev},"event":{event_json}}}')
        self.prev = seq

    async def write_loop(self):
        """Runs for the connection's lifetime; ends when the socket can no longer be written."""
        try:
            while True:
                await self._ready.wait()
                self._ready.clear()
                while self._queue:
                    text, queued_at = self._queue.popleft()
                    await self.ws.send_str(text)
                    self.metrics.pushed(time.perf_counter() - queued_at)
        except (ConnectionError, RuntimeError):
            pass  # closing: the reader loop notices and cleans up
