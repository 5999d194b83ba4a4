"""The record of collisions prevented, for the collision report (server/api/report.py).

The unit of work (unit_of_work.py) tells this module about every decision it makes. Kept (in the store's
`refusals` table):
- a command rejected `locked` or `stale` (any command type), with its idempotency key if it has one;
- the first reply draft an agent saves on a ticket that a colleague holds locked: they wanted to
  reply and had to wait (command `draft`, code `locked`), once per (agent, ticket, lock).

A rejection writes nothing to the unit of work's transaction (it is rolled back), so the rows are
written after it, in their own short transaction, once the unit of work has ended (committed, or
rolled back on the event loop's next turn) and calls `flush`. The report is statistics: a row
lost to a failed write is logged, and never fails the command.
"""
import json
import logging

from ..store import RefusalRow

log = logging.getLogger("baton")

CODES = ("locked", "stale")
_SEEN_LIMIT = 100_000  # (agent, ticket, lock) already recorded in this process; the store dedupes too


class RefusalLog:
    def __init__(self, store):
        self.store = store
        self.pending = []
        self.seen = set()

    def rejected(self, ticket, command, actor, now, rejection):
        if rejection.code not in CODES or actor.id == 0:
            return
        key = json.loads(command.to_json()).get("idempotency_key")
        self._add(RefusalRow(now, ticket.id, actor.id, command.type, rejection.code,
                             key if isinstance(key, str) else None, rejection.holder))

    def accepted(self, ticket, command, actor, now):
        """A reply draft saved while someone else holds the lock: recorded once per lock."""
        if command.type != "draft":
            return
        holder = ticket.lock_holder
        if holder is None or holder == actor.id or actor.id == 0:
            return
        expires_at = ticket.lock_expires_at
        if expires_at is not None and expires_at <= now:  # expired: no longer anyone's lock
            return
        seen = (actor.id, ticket.id, ticket.lock_acquired_at)
        if seen in self.seen or json.loads(command.to_json()).get("kind", "reply") != "reply":
            return
        if len(self.seen) >= _SEEN_LIMIT:
            self.seen.clear()
        self.seen.add(seen)
        self._add(RefusalRow(now, ticket.id, actor.id, "draft", "locked", None, holder,
                             dedupe="draft:%d:%d:%d" % seen))

    def _add(self, row):
        self.pending.append(row)

    def flush(self):
        """Writes the pending rows; call it when no unit of work has a transaction open."""
        rows, self.pending = self.pending, []
        for row in rows:
            try:
                self.store.record_refusal(row)
            except Exception:  # noqa: BLE001 - statistics must never fail a command
                log.exception("recording a refusal for the collision report failed")
