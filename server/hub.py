"""Every open WebSocket, by agent, and the fan-out to them: events, presence and drafts go to every
agent allowed to see the ticket (events at once; presence and drafts at once to the ticket's
viewers and in the digest to the others, see digest.py).

Everything here runs on the event loop thread without awaiting, which is what makes a resume and
a live push impossible to interleave.
"""
import asyncio
import json
import time
from collections import defaultdict

from .digest import DIGEST_SECS, Digest
from .frames import text_frame
from .messages import draft_item, presence_item, tagged
from .presence import Presence


class Hub:
    def __init__(self, tickets, default_offline_since, metrics):
        self.tickets = tickets
        self.metrics = metrics
        self.presence = Presence()
        self.digest = Digest()
        self.connections = set()
        self.by_agent = defaultdict(set)
        self.viewers_of = defaultdict(set)  # ticket id -> connections showing it
        self._offline_since = {}
        self._default_offline_since = default_offline_since

    # connections and who is online

    def connect(self, conn):
        self.connections.add(conn)
        self.by_agent[conn.agent.id].add(conn)
        self._offline_since.pop(conn.agent.id, None)

    def disconnect(self, conn, now):
        """Forgets the connection; returns True when its agent has no connection left."""
        self.connections.discard(conn)
        self.set_view(conn, None, now)
        agent = conn.agent.id
        self.by_agent[agent].discard(conn)
        if self.by_agent[agent]:
            return False
        del self.by_agent[agent]
        self._offline_since[agent] = now
        self._announce(self.presence.left(agent, now))
        return True

    async def close_session(self, session):
        for conn in [c for c in self.connections if c.session == session]:
            await conn.close(4001, b"logged out")

    def online_agents(self):
        return set(self.by_agent)

    def is_online(self, agent_id):
        return agent_id in self.by_agent

    def offline_since(self, agent_id):
        """When the agent's last connection closed (or the server started, after a restart)."""
        if agent_id in self.by_agent:
            return None
        return self._offline_since.get(agent_id, self._default_offline_since(agent_id))

    def go_live(self, conn):
        """After the catch-up the connection gets pushes, starting with the presence on every
        ticket it may see and the drafts of the ticket it shows."""
        conn.live = True
        for ticket_id, agents in self.presence.shown.items():
            if conn.can_see(self.tickets.department_of(ticket_id)):
                for agent, state in agents.items():
                    conn.push(tagged("presence", presence_item(ticket_id, agent, state)))
        self._send_drafts(conn)

    # fan-out

    def publish_event(self, department, seq, event_json):
        started = time.perf_counter()
        frames = {}
        for conn in self.connections:
            if conn.live and conn.can_see(department):
                conn.push_event(seq, event_json, frames)
        self.metrics.pushed("live", started)

    def publish_draft(self, ticket_id, department, author, draft):
        """A draft saved (or discarded: `draft` None), for everyone else who may see the ticket."""
        started = time.perf_counter()
        item = draft_item(ticket_id, author, draft)
        viewers = self.viewers_of.get(ticket_id)
        if viewers:  # a draft may be 1 MB: encode its frame only for someone to receive it
            frame = text_frame(tagged("draft", item))
            for conn in viewers:
                if conn.live and conn.agent.id != author and conn.can_see(department):
                    conn.send_frame(frame)
        self.digest.add_draft(ticket_id, author, department, item)
        self.metrics.pushed("live", started)

    async def run_digest(self):
        while True:
            await asyncio.sleep(DIGEST_SECS)
            started = time.perf_counter()
            if self.digest.flush(self.connections):
                self.metrics.pushed("digest", started)

    # presence

    def set_view(self, conn, ticket_id, now):
        """Moves the connection's view; a tab that opens a ticket gets who else is on it and their
        drafts at once (it may have missed them in the digest)."""
        old, conn.viewing = conn.viewing, ticket_id
        if old == ticket_id:
            return
        if old is not None:
            self.viewers_of[old].discard(conn)
            if not self.viewers_of[old]:
                del self.viewers_of[old]
        if ticket_id is not None:
            self.viewers_of[ticket_id].add(conn)
        self._announce(self.presence.view(conn.agent.id, old, ticket_id, now))
        if ticket_id is not None and conn.live:
            for agent, state in self.presence.shown.get(ticket_id, {}).items():
                if agent != conn.agent.id:
                    conn.push(tagged("presence", presence_item(ticket_id, agent, state)))
            self._send_drafts(conn)

    def typed(self, conn, ticket_id, now):
        self._announce(self.presence.typed(conn.agent.id, ticket_id, now))

    def expire_typing(self, now):
        self._announce(self.presence.expire(now))

    def _send_drafts(self, conn):
        if not conn.live or conn.viewing is None:
            return
        for draft in json.loads(self.tickets.get(conn.viewing).to_json())["drafts"]:
            if draft["author"] != conn.agent.id:
                conn.push(tagged("draft", draft_item(conn.viewing, draft["author"], draft)))

    def _announce(self, changes):
        for ticket_id, agent, state in changes:
            started = time.perf_counter()
            department = self.tickets.department_of(ticket_id)
            item = presence_item(ticket_id, agent, state)
            frame = text_frame(tagged("presence", item))
            for conn in self.viewers_of.get(ticket_id, ()):
                if conn.live and conn.can_see(department):
                    conn.send_frame(frame)
            self.digest.add_presence(ticket_id, agent, department, item)
            self.metrics.pushed("live", started)
