"""Live drafts typed over the WebSocket: throttled per (ticket, author), saved in batches, never lost.

Leading and trailing edge: the first update after a quiet spell is saved at once; later ones at
most once per INTERVAL, and a newer pending update replaces an older one, so the last keystroke is
always the one that lands. Each save is a core `draft` command; one transaction covers a batch.
"""
import asyncio
import logging
import math
from dataclasses import dataclass

from ..errors import ApiError

log = logging.getLogger("baton")

INTERVAL = 0.04  # at most 25 saves per second per (ticket, author), as often as the workspace sends
SLACK = 0.01  # updates due this soon join the batch being saved


@dataclass
class DraftUpdate:
    conn: object
    ticket_id: int
    command: object  # a parsed core Command of type draft


class DraftSaver:
    def __init__(self, commands):
        self.commands = commands
        self._pending = {}  # (ticket, author) -> newest DraftUpdate not saved yet
        self._last = {}  # (ticket, author) -> loop time of the last save
        self._timer = None

    def submit(self, update):
        now = asyncio.get_running_loop().time()
        key = (update.ticket_id, update.conn.agent.id)
        if key not in self._pending and now - self._last.get(key, -math.inf) >= INTERVAL:
            self._last[key] = now
            self._save([update])
            return
        self._pending[key] = update
        self._schedule()

    def flush(self):
        """Saves everything pending now (shutdown)."""
        batch = list(self._pending.values())
        self._pending.clear()
        if batch:
            self._save(batch)

    def _schedule(self):
        if self._timer is None and self._pending:
            due = min(self._last[key] for key in self._pending) + INTERVAL
            self._timer = asyncio.get_running_loop().call_at(due, self._on_timer)

    def _on_timer(self):
        self._timer = None
        now = asyncio.get_running_loop().time()
        due = [key for key in self._pending if now - self._last[key] >= INTERVAL - SLACK]
        batch = [self._pending.pop(key) for key in due]
        for key in due:
            self._last[key] = now
        self._last = {key: at for key, at in self._last.items()
                      if now - at < INTERVAL or key in self._pending}
        if batch:
            self._save(batch)
        self._schedule()

    def _save(self, batch):
        batch = sorted(batch, key=lambda u: u.ticket_id)  # row locks in ascending id order (bus.py)
        uow = self.commands.unit()
        results = [(u, uow.run(u.ticket_id, u.command, u.conn.actor)) for u in batch]
        try:
            uow.commit()
        except Exception:  # noqa: BLE001 - the authors hear about it; nothing was stored
            log.exception("saving %d drafts failed", len(batch))
            for update in batch:
                update.conn.push_error(ApiError(500, "draft.not_saved").body(self.commands.core),
                                       ticket=update.ticket_id)
            return
        for update, result in results:
            if isinstance(result, self.commands.core.Rejection):
                update.conn.push_rejection(result, ticket=update.ticket_id)
            else:
                update.conn.push_json({"type": "draft_saved", "ticket": update.ticket_id,
                                       "updated_at": result.draft["updated_at"]})
