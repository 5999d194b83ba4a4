"""The admin automations: locks released when they expire or their holder has gone, and new
tickets handed out round-robin.

Each tick asks the core what is due from stored times (the lock's expires_at, when the holder's
last connection closed), not from in-memory timers, so a restart loses no deadline.
"""
import asyncio
import json
import logging

from .commands import UnitOfWork

log = logging.getLogger("baton")

TICK_SECS = 0.5
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
        """Due lock releases, typing that stopped, and the connected agents' last_seen. With
        several processes (bus.py) only the leader releases locks."""
        self.baton.bus.tick(now)
        if self.baton.bus.is_leader():
            self.release_locks(now)
        self.baton.hub.expire_typing(now)
        if now - self._last_seen_written >= LAST_SEEN_EVERY_MS:
            self.baton.store.set_last_seen(self.baton.hub.online_agents(), now)
            self._last_seen_written = now

    def release_locks(self, now):
        baton = self.baton
        uow = UnitOfWork(baton)
        for ticket_id in sorted(baton.tickets.locked):
            ticket = baton.tickets.get(ticket_id)
            if baton.core.release_due(ticket, now, baton.settings, baton.hub.offline_since(ticket.lock_holder)) is None:
                continue
            ticket = uow.ticket(ticket_id)  # with several processes: locked and re-read if changed
            if ticket.lock_holder is None:
                continue
            offline_since = baton.hub.offline_since(ticket.lock_holder)
            command = baton.core.release_due(ticket, now, baton.settings, offline_since)
            if command is None:
                continue
            result = uow.run(ticket_id, command, baton.system, now)
            if isinstance(result, baton.core.Rejection):
                log.warning("release of ticket %s rejected: %s", ticket_id, result.message)
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
