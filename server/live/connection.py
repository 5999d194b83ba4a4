"""One open WebSocket. Pushes are written straight to its transport as ready-made frames (see
frames.py), in the order they are produced; the transport's buffer is the outgoing queue, and a
client that lets it grow too far is told to reconnect and resume."""
import asyncio

from ..errors import rejection_body
from .frames import event_text, text_frame
from .messages import dumps


class Connection:
    simulated = False  # a demo colleague's connection (server/demo_colleagues.py) has no socket
    # Bytes the client has not taken yet; past this it is better served by `hello {since}`.
    MAX_BUFFERED_BYTES = 4 * 1024 * 1024

    def __init__(self, ws, transport, agent, actor, session):
        self.ws = ws
        self.transport = transport
        self.agent = agent
        self.session = session  # hash of the session token: logging out closes the socket
        self.actor = actor
        self.live = False  # set by `hello`: from then on it receives pushes
        self.prev = 0  # seq of the last event sent on this connection
        self.viewing = None
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

    def send_frame(self, frame):
        """Writes a frame (see frames.py); nothing after the close has begun."""
        if self._dropped or self.ws.closed or self.transport.is_closing():
            return
        self.transport.write(frame)
        if self.transport.get_write_buffer_size() > self.MAX_BUFFERED_BYTES:
            self._dropped = True
            asyncio.ensure_future(self.close(4008, b"too slow: reconnect and resume"))

    def push(self, text):
        self.send_frame(text_frame(text))

    def push_json(self, value):
        self.push(dumps(value))

    def push_error(self, error, **context):
        """Bad input is answered, never punished by closing the socket."""
        self.push_json({"type": "error", **context, "error": error})

    def push_rejection(self, rejection, **context):
        self.push_error(rejection_body(rejection), **context)

    def push_event(self, seq, event_json, frames=None):
        """Sends a logged event chained to the previous one sent here. A fan-out passes one
        `frames` dict (prev -> frame) to all its receivers: they mostly share their previous
        event, so each distinct frame is encoded once."""
        frames = {} if frames is None else frames
        frame = frames.get(self.prev)
        if frame is None:
            frame = frames[self.prev] = text_frame(event_text(seq, self.prev, event_json))
        self.send_frame(frame)
        self.prev = seq
