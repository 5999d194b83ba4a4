"""The admin automations: replies delivered when their undo window ends, locks released when they
expire, their holder has gone or stopped typing, requests for a lock answered when the holder does
not, and new tickets handed out round-robin.

Each tick asks the core what is due from stored times (a pending reply's deliver_at, the lock's
expires_at, the holder's last draft, a lock request's time, when the holder's last connection
closed), not from in-memory timers, so a restart loses no deadline.
"""
import asyncio
import json
import logging

from .commands import UnitOfWork

log = logging.getLogger("baton")

TICK_SECS = 0.5
MAX_DUE_PER_TICKET = 4  # a reply delivered, then its lock released: never more than a few at once
LAST_SEEN_EVERY_MS = 5000  # how often connected agents' last_seen is written


class Automations:
    def __init__(self, baton):
        self.baton = baton
        self._last_seen_written = 0

    async def run(self):
        while True:
            await asyncio.sleep(TICK_SECS)
            try:
                self.tick(self.baton.now())
            except Exception:  # noqa: BLE001 - one bad tick must not stop the timers
                log.exception("automation tick failed")

    def tick(self, now):
        """Due timers (replies leaving their undo window, lock releases and hand-overs), typing
        that stopped, and the connected agents' last_seen. With several processes (bus.py) only
        the leader runs the timers."""
        self.baton.bus.tick(now)
        if self.baton.bus.is_leader():
            self.run_timers(now)
        self.baton.hub.expire_typing(now)
        if now - self._last_seen_written >= LAST_SEEN_EVERY_MS:
            self.baton.store.set_last_seen(self.baton.hub.online_agents(), now)
            self._last_seen_written = now

    def _due(self, ticket, now):
        holder = ticket.lock_holder
        offline_since = None if holder is None else self.baton.hub.offline_since(holder)
        return self.baton.core.due_command(ticket, now, self.baton.settings, offline_since)

    def run_timers(self, now):
        """Runs every command `core.due_command` says is due now, as the system, in one unit of
        work. A ticket whose cached copy shows something due is locked and re-read (several
        processes) and asked again, then again after each command (several may be due at once)."""
        baton = self.baton
        uow = UnitOfWork(baton)
        for ticket_id in sorted(baton.tickets.timed):
            if self._due(baton.tickets.get(ticket_id), now) is None:
                continue
            ticket = uow.ticket(ticket_id)  # with several processes: locked and re-read if changed
            if baton.bus.shared:  # drafts (the holder's last typing) do not change the version
                baton.bus.refresh([ticket_id])
                ticket = uow.ticket(ticket_id)
            for _ in range(MAX_DUE_PER_TICKET):
                command = self._due(ticket, now)
                if command is None:
                    break
                result = uow.run(ticket_id, command, baton.system, now)
                if isinstance(result, baton.core.Rejection):
                    log.warning("%s on ticket %s rejected: %s", command.type, ticket_id, result.message)
                    break
                ticket = uow.ticket(ticket_id)
        uow.commit()


def auto_assign(baton, uow, ticket):
    """Hands a new ticket to the next online agent of its department, if the admin enabled it."""
    if not baton.settings.auto_assign:
        return
    core = baton.core
    department = ticket.department
    candidates = sorted(a for a in baton.hub.online_agents() if department in baton.agents[a].departments)
    last = uow.cursors.get(department) or baton.store.assignment_cursor(department)
    chosen = core.choose_assignee(ticket, candidates, last, baton.hub.someone_on(ticket.id))
    if chosen is None:
        return
    command = core.Command.parse(json.dumps({"type": "assign", "agent": chosen}), baton.max_command_bytes())
    if not isinstance(uow.run(ticket.id, command, baton.system), core.Rejection):
        uow.cursors[department] = chosen
