"""The one way a ticket changes: core.decide, store the events, core.evolve, push the events.

A unit of work decides one or more commands against working copies of the tickets, then writes
everything in one transaction. Only after the commit do the cache and the sockets see the result,
so a rejection or a failed write leaves no trace. Nothing between deciding and publishing awaits:
commands are serialized by the event loop.

With a store that several processes share (PostgreSQL, see bus.py) that is not enough: the unit
of work opens its transaction when it first looks at a ticket, locks the ticket's row there
(held until the commit), and re-reads the ticket if another process changed it since this one
cached it. So every decision is made on the stored truth, one command per ticket at a time across
processes, and tickets are always locked in ascending id order (no deadlock between processes).
A unit of work dropped without a commit (a rejection) is rolled back on the loop's next turn.
"""
import asyncio
import json
import secrets
from dataclasses import dataclass, field

from .refusals import refusal_log
from .store import DraftRow, EventRow, TicketRow

_MESSAGE_EVENTS = ("created", "customer_message", "replied", "note_added")


@dataclass
class Step:
    """One accepted command: its core events and, after the commit, their JSON (with seq)."""
    ticket_id: int
    events: list
    texts: list = field(default_factory=list)
    draft: dict | None = None  # the draft it saved, if any
    command: str = ""  # the command's type


class UnitOfWork:
    def __init__(self, baton):
        self.baton = baton
        self.core = baton.core
        self.working = {}  # ticket id -> Ticket after the accepted commands
        self.original = {}  # ticket id -> Ticket before them (None: created here)
        self.steps = []
        self.cursors = {}  # department -> agent last auto-assigned
        self.shared = baton.bus.shared
        self._tx = None  # shared store: the transaction holding the row locks
        self._locked = set()
        # Drafts that logged events took away or gave back (a reply, an undone send): pushed like
        # draft events after the commit, so no digest still holds the old state: (ticket, author, draft|None)
        self.draft_pushes = []

    def ticket(self, ticket_id):
        """The ticket as this unit of work sees it (including its own accepted commands)."""
        ticket = self.working.get(ticket_id)
        if ticket is not None:
            return ticket
        if self.shared and ticket_id not in self._locked:
            self._lock(ticket_id)
        return self.baton.tickets.get(ticket_id)

    def _lock(self, ticket_id):
        version = self._transaction().lock_ticket(ticket_id)
        self._locked.add(ticket_id)
        cached = self.baton.tickets.get(ticket_id)
        if version is not None and (cached is None or cached.version != version):
            self.baton.bus.refresh([ticket_id])  # same connection: read inside this transaction

    def _transaction(self):
        if self._tx is None:
            self._tx = self.baton.store.begin()
            try:
                asyncio.get_running_loop().call_soon(self.close)
            except RuntimeError:  # no loop (tests, seeding): the store's next `begin` rolls it back
                pass
        return self._tx

    def close(self):
        """Ends a transaction that was not committed (nothing of it is kept)."""
        if self._tx is not None:
            self._tx.rollback()
            self._tx = None

    def run(self, ticket_id, command, actor, now=None):
        """Decides `command` on the ticket as it is right now; returns the Step or the Rejection."""
        return self._decide(self.ticket(ticket_id), command, actor, now)

    def create(self, blank, command, actor, now=None):
        """Decides a `create` command on a blank ticket with a fresh id and ref."""
        return self._decide(blank, command, actor, now)

    def _decide(self, ticket, command, actor, now):
        core = self.core
        now = self.baton.now() if now is None else now
        result = core.decide(ticket, command, actor, now, self.baton.settings, self.baton.directory)
        if isinstance(result, core.Rejection):
            self.baton.metrics.command(command.type, result.code)
            refusal_log(self.baton).rejected(ticket, command, actor, now, result)  # the collision report
            return result
        self.baton.metrics.command(command.type, "ok")
        refusal_log(self.baton).accepted(ticket, command, actor, now)  # a reply draft under a colleague's lock
        self.original.setdefault(ticket.id, self.baton.tickets.get(ticket.id))
        for event in result:
            ticket = core.evolve(ticket, event)
        self.working[ticket.id] = ticket
        step = Step(ticket.id, result, command=command.type)
        self.steps.append(step)
        return step

    def commit(self):
        """Stores every step durably, then updates the cache and pushes. Raises if the write fails."""
        if not self.steps:
            self.close()
            return
        if self.shared:
            tx = self._transaction()
            self._tx = None
            try:
                self._write(tx)
                tx.notify(self._notice())
            except BaseException:
                tx.rollback()
                raise
            tx.commit()
        else:
            with self.baton.store.transaction() as tx:
                self._write(tx)
        seqs = [event.seq for step in self.steps for event in step.events if not event.ephemeral]
        bus = self.baton.bus
        bus.catch_up(seqs[0] if seqs else None)  # events other processes committed before these
        for ticket in self.working.values():
            self.baton.tickets.put(ticket)
        for step in self.steps:
            self._publish(step)
        hub = self.baton.hub
        for ticket_id, author, draft in self.draft_pushes:
            hub.publish_draft(ticket_id, self.baton.tickets.department_of(ticket_id), author, draft)
        bus.published(seqs[-1] if seqs else None)

    def _write(self, tx):
        self.draft_pushes = []
        for step in self.steps:
            self._append_events(tx, step)
        for ticket_id, ticket in self.working.items():
            self._write_ticket(tx, ticket, self.original[ticket_id])
        for department, agent in self.cursors.items():
            tx.set_assignment_cursor(department, agent)

    def _notice(self):
        """What the other processes are told (bus.py): the last seq, the tickets, the drafts."""
        seqs = [event.seq for step in self.steps for event in step.events if not event.ephemeral]
        drafts = {(step.ticket_id, event.actor) for step in self.steps for event in step.events
                  if event.type in ("draft_saved", "draft_discarded")}
        draft_events = [text for step in self.steps for event, text in zip(step.events, step.texts)
                        if event.type in ("draft_saved", "draft_discarded")]
        if self.draft_pushes:  # drafts changed by logged events: the others re-read them
            drafts |= {(ticket_id, author) for ticket_id, author, _ in self.draft_pushes}
            draft_events = []
        drafts = sorted(drafts)
        return self.baton.bus.commit_notice(max(seqs) if seqs else 0, self.working,
                                            [list(d) for d in drafts], draft_events)

    def _append_events(self, tx, step):
        command_id = secrets.token_hex(8)
        for event in step.events:
            if event.ephemeral:
                step.texts.append(event.to_json())
                if event.type == "draft_saved":
                    step.draft = json.loads(step.texts[-1])["draft"]
                continue
            event.seq = tx.next_seq()
            text = event.to_json()
            step.texts.append(text)
            message_id = json.loads(text)["message"]["id"] if event.type in _MESSAGE_EVENTS else None
            tx.append_event(EventRow(event.seq, event.ticket, event.type, command_id, message_id,
                                     event.at, text))

    def _write_ticket(self, tx, ticket, before):
        if before is None or before.version != ticket.version:
            tx.put_ticket(TicketRow(ticket.id, ticket.ref, ticket.department, ticket.status,
                                    ticket.assignee, ticket.lock_holder, ticket.lock_expires_at,
                                    ticket.updated_at, ticket.version, ticket.to_json(False)))
        # Drafts live in their own table. A reply sent (or queued for its undo window) drops its
        # author's draft without a draft event, also when this process had not seen that draft yet
        # (it was saved through another one); a queued reply delivered later drops nothing (a draft
        # its author started since is theirs). An undone send gives the reply back as the author's
        # draft inside the logged send_undone event.
        drafters = set(ticket.drafters)
        authors_before = set(before.drafters) if before is not None else set()
        dropped, saved, logged = set(), {}, set()
        for step in self.steps:
            if step.ticket_id != ticket.id:
                continue
            for event, text in zip(step.events, step.texts):
                kind = event.type
                if kind == "draft_saved":
                    saved[event.actor] = step.draft
                elif kind == "draft_discarded":
                    dropped.add(event.actor)
                elif kind == "reply_queued" or (kind == "replied" and step.command != "deliver_reply"):
                    dropped.add(event.actor)
                    logged.add(event.actor)
                elif kind == "send_undone":
                    draft = json.loads(text)["draft"]
                    saved[draft["author"]] = draft
                    logged.add(draft["author"])
        for author in (authors_before | dropped) - drafters:
            tx.delete_draft(ticket.id, author)
        for author, draft in saved.items():
            if author in drafters:
                tx.put_draft(DraftRow(ticket.id, author, draft["updated_at"], json.dumps(draft)))
        for author in sorted(logged):
            if author in drafters and author in saved:
                self.draft_pushes.append((ticket.id, author, saved[author]))
            elif author in authors_before and author not in drafters:
                self.draft_pushes.append((ticket.id, author, None))

    def _publish(self, step):
        hub = self.baton.hub
        department = self.baton.tickets.department_of(step.ticket_id)
        for event, text in zip(step.events, step.texts):
            if not event.ephemeral:
                hub.publish_event(department, event.seq, text)
            elif event.type == "draft_saved":
                hub.publish_draft(step.ticket_id, department, event.actor, step.draft)
            else:  # draft_discarded
                hub.publish_draft(step.ticket_id, department, event.actor, None)
