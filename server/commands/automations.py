"""The admin automations: replies delivered when their undo window ends, locks released when they
expire, their holder has gone or stopped typing, requests for a lock answered when the holder does
not, and new tickets handed out round-robin.

Each tick asks the core what is due from stored times (a pending reply's deliver_at, the lock's
expires_at, the holder's last draft, a lock request's time, when the holder's last connection
closed), not from in-memory timers, so a restart loses no deadline.

What is due is done in batches: one transaction for as many tickets as fit in BATCH_SECS of work
(deciding and writing: a ticket's cost is learned from the batches before), then the event loop
serves everyone else before the next batch. A burst (the demo's 10,000 locks released 30 s after
a start, every lock expired after a long stop) thus costs the other requests at most one batch's
wait, not the whole burst's.
"""
import asyncio
import json
import logging
import time


log = logging.getLogger("baton")

TICK_SECS = 0.5
MAX_DUE_PER_TICKET = 4  # a reply delivered, then its lock released: never more than a few at once
LAST_SEEN_EVERY_MS = 5000  # how often connected agents' last_seen is written
BATCH_SECS = 0.02  # work per transaction before the loop serves the others
MAX_BATCH = 500  # tickets per transaction at most (a PostgreSQL commit's row locks)
FIRST_COST_SECS = 0.002  # a due ticket's cost (decided, stored, pushed) until a batch has measured it


class Automations:
    def __init__(self, commands, batch_secs=BATCH_SECS, max_batch=MAX_BATCH):
        self.c = commands
        self.batch_secs, self.max_batch = batch_secs, max_batch
        self._last_seen_written = 0
        self.batches = 0  # transactions committed (for /metrics)
        self._cost = FIRST_COST_SECS  # seconds per due ticket, commit included, as last measured

    async def run(self):
        while True:
            await asyncio.sleep(TICK_SECS)
            try:
                await self.tick(self.c.clock.now())
            except Exception:  # noqa: BLE001 - one bad tick must not stop the timers
                log.exception("automation tick failed")

    async def tick(self, now):
        """Due timers (replies leaving their undo window, lock releases and hand-overs), typing
        that stopped, and the connected agents' last_seen. With several processes
        (server/live/bus.py) only the leader runs the timers."""
        c = self.c
        c.bus.tick(now)
        if c.bus.is_leader():
            await self.run_timers(now)
        c.hub.expire_typing(now)
        if now - self._last_seen_written >= LAST_SEEN_EVERY_MS:
            c.store.set_last_seen(c.hub.online_agents(), now)
            self._last_seen_written = now

    def _due(self, ticket, now):
        holder = ticket.lock_holder
        offline_since = None if holder is None else self.c.hub.offline_since(holder)
        return self.c.core.due_command(ticket, now, self.c.config.settings, offline_since)

    async def run_timers(self, now):
        """Runs every command `core.due_command` says is due now, as the system, in batches (one
        unit of work each, the loop free between them). A ticket whose cached copy shows something
        due is locked and re-read (several processes) and asked again, then again after each
        command (several may be due at once). After a pause the time is read again: a batch is
        decided at its own `now`, on the tickets as they are then."""
        timed = sorted(self.c.tickets.timed)
        at = 0
        while at < len(timed):
            at = self._batch(timed, at, now)
            if at < len(timed):
                await asyncio.sleep(0)
                now = self.c.clock.now()

    def _batch(self, timed, at, now):
        """Runs what is due on the tickets of `timed` from index `at` on, in one transaction, until
        the batch's time or size is spent; returns the index to go on from."""
        c = self.c
        uow = c.unit()
        started = time.perf_counter()
        deadline = started + self.batch_secs
        room = max(1, min(self.max_batch, int(self.batch_secs / self._cost)))
        done, start = 0, at
        while at < len(timed):
            if at > start and (done >= room or time.perf_counter() >= deadline):
                break
            ticket_id = timed[at]
            at += 1
            cached = c.tickets.get(ticket_id)
            if cached is None or self._due(cached, now) is None:
                continue
            done += 1
            ticket = uow.ticket(ticket_id, with_drafts=True)  # several processes: locked, re-read
            for _ in range(MAX_DUE_PER_TICKET):
                if ticket is None:
                    break
                command = self._due(ticket, now)
                if command is None:
                    break
                result = uow.run(ticket_id, command, c.system, now)
                if isinstance(result, c.core.Rejection):
                    log.warning("%s on ticket %s rejected: %s", command.type, ticket_id, result.message)
                    break
                ticket = uow.ticket(ticket_id)
        uow.commit()
        if uow.steps:
            self.batches += 1
            measured = (time.perf_counter() - started) / done
            self._cost = max(1e-5, (self._cost + measured) / 2)  # the writes cost most: learn them
        return at


def auto_assign(commands, uow, ticket):
    """Hands a new ticket to the next online agent of its department, if the admin enabled it."""
    c = commands
    if not c.config.settings.auto_assign:
        return
    core = c.core
    department = ticket.department
    candidates = sorted(a for a in c.hub.online_agents() if department in c.config.agents[a].departments)
    last = uow.cursors.get(department) or c.store.assignment_cursor(department)
    chosen = core.choose_assignee(ticket, candidates, last, c.hub.someone_on(ticket.id))
    if chosen is None:
        return
    command = core.Command.parse(json.dumps({"type": "assign", "agent": chosen}), c.config.max_command_bytes())
    if not isinstance(uow.run(ticket.id, command, c.system), core.Rejection):
        uow.cursors[department] = chosen
