"""Every open WebSocket, by agent, and the fan-out to them: events, presence and drafts go to every
agent allowed to see the ticket (events at once; presence and drafts at once to the ticket's
viewers and in the digest to the others, see digest.py).

Everything here runs on the event loop thread without awaiting, which is what makes a resume and
a live push impossible to interleave.

With several processes on one database (bus.py), presence and "online" are global: this process's
own state (`presence`, `by_agent`) is told to the others (`peers`) and merged with what they
report (`remote_*`); `shown` is the merged presence, the one clients see.
"""
import asyncio
import json
import time
from collections import defaultdict

from .digest import DIGEST_SECS, Digest
from .frames import text_frame
from .messages import draft_item, presence_item, tagged
from .presence import Presence, stronger


class Hub:
    def __init__(self, tickets, default_offline_since, metrics, peers):
        self.tickets = tickets
        self.metrics = metrics
        self.peers = peers
        self.presence = Presence()  # this process's connections only
        self.shown = defaultdict(dict)  # ticket -> agent -> state, all processes merged
        self._remote = defaultdict(dict)  # (ticket, agent) -> {process: state}
        self._remote_online = defaultdict(set)  # agent -> processes it is connected to
        self.digest = Digest()
        self.connections = set()
        self.by_agent = defaultdict(set)
        self.viewers_of = defaultdict(set)  # ticket id -> connections showing it
        self._offline_since = {}
        self._default_offline_since = default_offline_since

    # connections and who is online

    def connect(self, conn):
        self.connections.add(conn)
        first = conn.agent.id not in self.by_agent
        self.by_agent[conn.agent.id].add(conn)
        self._offline_since.pop(conn.agent.id, None)
        if first:
            self.peers.online(conn.agent.id, True)

    def disconnect(self, conn, now):
        """Forgets the connection; returns True when its agent has no connection left anywhere."""
        self.connections.discard(conn)
        self.set_view(conn, None, now)
        agent = conn.agent.id
        self.by_agent[agent].discard(conn)
        if self.by_agent[agent]:
            return False
        del self.by_agent[agent]
        self._announce(self.presence.left(agent, now))
        self.peers.online(agent, False)
        if self.is_online(agent):
            return False
        self._offline_since[agent] = now
        return True

    async def close_session(self, session):
        for conn in [c for c in self.connections if c.session == session]:
            await conn.close(4001, b"logged out")

    def online_agents(self):
        return set(self.by_agent) | {agent for agent, where in self._remote_online.items() if where}

    def is_online(self, agent_id):
        return agent_id in self.by_agent or bool(self._remote_online.get(agent_id))

    def online_elsewhere(self, agent_id):
        """Connected to another process (several processes on one database)."""
        return bool(self._remote_online.get(agent_id))

    def websockets(self):
        """Open WebSockets here (a demo's simulated colleagues have connections without one)."""
        return sum(1 for conn in self.connections if not conn.simulated)

    def offline_since(self, agent_id):
        """When the agent's last connection closed (or the server started, after a restart)."""
        if self.is_online(agent_id):
            return None
        return self._offline_since.get(agent_id, self._default_offline_since(agent_id))

    def go_live(self, conn):
        """After the catch-up the connection gets pushes, starting with the presence on every
        ticket it may see and the drafts of the ticket it shows."""
        conn.live = True
        for ticket_id, agents in self.shown.items():
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
            for agent, state in self.shown.get(ticket_id, {}).items():
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

    def viewers(self, ticket_id):
        return sorted(self.shown.get(ticket_id, ()))

    def typing(self, ticket_id):
        return sorted(a for a, state in self.shown.get(ticket_id, {}).items() if state == "typing")

    def someone_on(self, ticket_id):
        return bool(self.shown.get(ticket_id))

    # what the other processes report (bus.py)

    def remote_presence(self, process, ticket_id, agent, state):
        where = self._remote[(ticket_id, agent)]
        if state == "gone":
            where.pop(process, None)
            if not where:
                del self._remote[(ticket_id, agent)]
        else:
            where[process] = state
        self._show(ticket_id, agent)

    def remote_online(self, process, agent, on, now):
        if on:
            self._remote_online[agent].add(process)
            self._offline_since.pop(agent, None)
            return
        self._remote_online[agent].discard(process)
        if not self._remote_online[agent]:
            del self._remote_online[agent]
        if not self.is_online(agent):
            self._offline_since[agent] = now

    def remote_gone(self, process, now):
        """A process died: its agents' connections and presence went with it."""
        for agent in [a for a, where in self._remote_online.items() if process in where]:
            self.remote_online(process, agent, False, now)
        for ticket_id, agent in [key for key, where in self._remote.items() if process in where]:
            self.remote_presence(process, ticket_id, agent, "gone")

    def _announce(self, changes):
        """This process's presence changed: the others hear it, and the merged state is shown."""
        for ticket_id, agent, state in changes:
            self.peers.presence(ticket_id, agent, state)
            self._show(ticket_id, agent)

    def _show(self, ticket_id, agent):
        state = self.presence.shown.get(ticket_id, {}).get(agent, "gone")
        for other in self._remote.get((ticket_id, agent), {}).values():
            state = stronger(state, other)
        if self.shown.get(ticket_id, {}).get(agent, "gone") == state:
            return
        if state == "gone":
            del self.shown[ticket_id][agent]
            if not self.shown[ticket_id]:
                del self.shown[ticket_id]
        else:
            self.shown[ticket_id][agent] = state
        started = time.perf_counter()
        department = self.tickets.department_of(ticket_id)
        item = presence_item(ticket_id, agent, state)
        frame = text_frame(tagged("presence", item))
        for conn in self.viewers_of.get(ticket_id, ()):
            if conn.live and conn.can_see(department):
                conn.send_frame(frame)
        self.digest.add_presence(ticket_id, agent, department, item)
        self.metrics.pushed("live", started)
