"""The demo's colleagues, alive (serve.py --demo): core/sim's Workday played on the server.

Each simulated colleague is an online agent with a connection of its own (a `SimConnection`: no
socket, nothing is pushed to it) and acts only through the functions that carry a person's
requests: `view`, `draft` and `renew` as the WebSocket's handlers take them (drafts through the
draft saver), every other command as POST /api/tickets/{id}/commands takes it, and a customer's
message as POST /api/inbound does. So each step is decided by the core's `decide`, stored, pushed
and logged like anyone's; what the rules refuse is dropped, as a person's refused click would be.

A person who uses a demo agent takes it over: logging in as it, or any request or WebSocket with
its session, withdraws it from the simulation first (`claim`, on the event loop, so no simulated
step can come after). Its locks and drafts stay (they are that agent's, now the person's). The
colleague comes back once nobody has used it for REJOIN_SECS and it has no connection anywhere.
With several processes on one database only the automations' leader runs the colleagues; a
person on another process is noticed through the bus (online), within a notification.
"""
import asyncio
import logging
from collections import Counter

from .commands.results import apply_command, parse_command
from .errors import ApiError
from .live import ws

log = logging.getLogger("baton")

# The demo agents in the order they are simulated (departments alternate): --demo-colleagues N
# takes the first N. The admin is never simulated.
ORDER = ["marcus@baton.test", "jonas@baton.test", "priya@baton.test", "chloe@baton.test",
         "tomas@baton.test", "daniel@baton.test", "hannah@baton.test"]
DEFAULT_COUNT = 6
SEED = 7212
TICK_SECS = 0.1
PICK_SECS = 5.0  # how often the tickets they may work are chosen again
OPEN_TICKETS = 150  # the newest open tickets they may pick up
HELD_PER_COLLEAGUE = 10  # of the tickets each holds, the newest they come back to
REJOIN_SECS = 600


class SimConnection:
    """A simulated colleague's connection: what the hub, the handlers and the draft saver need of a
    WebSocket's `Connection`, without a socket. Never live, so nothing is pushed to it."""
    simulated = True

    def __init__(self, agent, actor):
        self.agent = agent
        self.actor = actor
        self.session = None
        self.live = False
        self.prev = 0
        self.viewing = None
        self.closing = None
        self.refusals = Counter()  # what the rules (or the handlers) answered with an error

    def can_see(self, department):
        return self.actor.can_see(department)

    def push_error(self, error, **context):
        self.refusals[error.get("code", "error")] += 1

    def push_rejection(self, rejection, **context):
        self.refusals[rejection.code] += 1

    def push_json(self, value):
        pass

    def push(self, text):
        pass

    def send_frame(self, frame):
        pass

    def push_event(self, seq, event_json, frames=None):
        self.prev = seq

    async def close(self, code, reason):
        pass


class DemoColleagues:
    """`baton`: the services (server/services.py), whose handlers' functions the colleagues call."""

    def __init__(self, baton, sim, count=DEFAULT_COUNT, speed=1.0, seed=SEED):
        self.baton = baton
        self.sim, self.count, self.speed, self.seed = sim, count, speed, seed
        self.agents = []  # the demo agents simulated unless a person uses them (at the first tick)
        self.day = None
        self.conns = {}  # agent id -> SimConnection, while simulated
        self.claimed = {}  # agent id -> when a person last used it
        self.steps = Counter()  # (kind, "ok" | "refused") -> count
        self._next_pick = 0

    @property
    def simulated(self):
        return set(self.conns)

    def names(self):
        """The demo agents who will be simulated (for the start-up banner)."""
        by_email = {agent.email: agent for agent in self.baton.config.agents.values()}
        return [by_email[email].name for email in ORDER if email in by_email][:max(0, self.count)]

    async def run(self):
        while True:
            await asyncio.sleep(TICK_SECS)
            try:
                if self.baton.bus.is_leader():
                    self.tick(self.baton.clock.now())
            except Exception:  # noqa: BLE001 - one bad step must not stop the office
                log.exception("demo colleagues: tick failed")

    def tick(self, now):
        if self.day is None:  # the demo's agents exist by now (loaded before serving)
            by_email = {agent.email: agent for agent in self.baton.config.agents.values()}
            self.agents = [by_email[email] for email in ORDER if email in by_email][:max(0, self.count)]
            self.day = self.sim.Workday(self.seed, [a.id for a in self.agents], now, self.speed)
            for agent in self.agents:
                if agent.id not in self.claimed and not self._person_connected(agent.id):
                    self._connect(agent, now)
                else:
                    self._withdraw(agent.id, now)
        self._notice_people(now)
        if now >= self._next_pick:
            self._next_pick = now + PICK_SECS * 1000 / self.speed
            self.day.set_tickets(self._pick_tickets())
        tickets, config = self.baton.tickets, self.baton.config
        while True:
            step = self.day.next(now, tickets.get, self._person_on, config.settings, config.directory)
            if step is None:
                break
            self._apply(step)

    # who is simulated

    def claim(self, agent_id, now=None):
        """A person uses this agent (a login, a request or a socket with its session)."""
        if self.count <= 0 or not self._is_colleague(agent_id):
            return
        now = self.baton.clock.now() if now is None else now
        self.claimed[agent_id] = now
        if agent_id in self.conns:
            self._withdraw(agent_id, now)

    def _is_colleague(self, agent_id):
        """Before the first tick any demo agent may become one."""
        if self.day is None:
            agent = self.baton.config.agents.get(agent_id)
            return agent is not None and agent.email in ORDER[:self.count]
        return any(agent.id == agent_id for agent in self.agents)

    def _withdraw(self, agent_id, now):
        if self.day is not None:
            self.day.withdraw(agent_id)
        conn = self.conns.pop(agent_id, None)
        if conn is not None:
            self.baton.hub.disconnect(conn, now)

    def _connect(self, agent, now):
        conn = SimConnection(agent, self.baton.config.actor(agent.id))
        self.conns[agent.id] = conn
        self.baton.hub.connect(conn)
        self.day.rejoin(agent.id, now)

    def _person_connected(self, agent_id):
        """A WebSocket of a person as this agent, here or on another process."""
        hub = self.baton.hub
        local = any(not conn.simulated for conn in hub.by_agent.get(agent_id, ()))
        return local or hub.online_elsewhere(agent_id)

    def _notice_people(self, now):
        for agent_id in list(self.conns):
            if self._person_connected(agent_id):
                self.claim(agent_id, now)
        for agent_id, since in list(self.claimed.items()):
            if self._person_connected(agent_id):
                self.claimed[agent_id] = now
            elif now - since >= REJOIN_SECS * 1000 / self.speed:
                del self.claimed[agent_id]
                self._connect(next(a for a in self.agents if a.id == agent_id), now)

    # what they see

    def _person_on(self, ticket_id):
        return any(agent not in self.conns for agent in self.baton.hub.viewers(ticket_id))

    def _pick_tickets(self):
        """The newest open tickets of their departments, the newest few each of them holds, and any
        ticket whose holder among them a person asked for the lock."""
        cache = self.baton.tickets
        departments = {d for conn in self.conns.values() for d in conn.agent.departments}
        picked = []
        for entry in cache.newest_first():
            if entry.department in departments and cache.get(entry.id).status != "resolved":
                picked.append(entry.id)
                if len(picked) >= OPEN_TICKETS:
                    break
        held = {}
        for ticket_id in cache.locked:
            entry = cache.entries[ticket_id]
            if entry.lock_holder in self.conns:
                held.setdefault(entry.lock_holder, []).append(entry[:2])
                if cache.get(ticket_id).lock_requester is not None:
                    picked.append(ticket_id)
        for places in held.values():
            picked += [ticket_id for _, ticket_id in sorted(places, reverse=True)[:HELD_PER_COLLEAGUE]]
        return sorted(set(picked))

    # what they do, through the person's paths

    def _apply(self, step):
        baton = self.baton
        kind = step.kind if step.kind != "command" else step.command_type
        try:
            if step.agent == 0:  # the customer, as the mail gateway posts it
                apply_command(baton.commands, step.ticket, parse_command(baton.commands, step.command), baton.system)
            else:
                conn = self.conns.get(step.agent)
                if conn is None:
                    return
                before = sum(conn.refusals.values())
                self._as_agent(conn, step)
                if sum(conn.refusals.values()) > before:
                    self.steps[(kind, "refused")] += 1
                    return
            self.steps[(kind, "ok")] += 1
        except ApiError:
            self.steps[(kind, "refused")] += 1

    def _as_agent(self, conn, step):
        baton = self.baton
        if step.kind == "view":
            ws.on_view(baton, conn, {"type": "view", "ticket": step.ticket})
        elif step.kind == "leave":
            if conn.viewing == step.ticket:
                ws.on_view(baton, conn, {"type": "view", "ticket": None})
        elif step.kind == "type":
            ticket = baton.tickets.get(step.ticket)
            ws.on_draft(baton, conn, {"type": "draft", "ticket": step.ticket, "body": step.body,
                                      "kind": step.draft_kind, "base_version": ticket.version if ticket else 0})
        elif step.command_type == "renew":
            ws.on_renew(baton, conn, {"type": "renew", "ticket": step.ticket})
        else:
            apply_command(baton.commands, step.ticket, parse_command(baton.commands, step.command), conn.actor)

    def render(self):
        """Prometheus lines for /metrics."""
        lines = ["# HELP baton_demo_colleagues Simulated colleagues at work (serve.py --demo).",
                 "# TYPE baton_demo_colleagues gauge",
                 f"baton_demo_colleagues {len(self.conns)}",
                 "# HELP baton_demo_steps_total The simulated colleagues' and customers' steps, by kind and "
                 "result (refused: the rules said no when it reached the server).",
                 "# TYPE baton_demo_steps_total counter"]
        lines += [f'baton_demo_steps_total{{kind="{kind}",result="{result}"}} {count}'
                  for (kind, result), count in sorted(self.steps.items())]
        return lines
