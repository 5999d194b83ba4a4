"""The one way a ticket changes: core.decide, store the events, core.evolve, push the events.

A unit of work decides one or more commands against working copies of the tickets, then writes
everything in one transaction. Only after the commit do the cache and the sockets see the result,
so a rejection or a failed write leaves no trace. Nothing between deciding and publishing awaits:
commands are serialized by the event loop.

With a store that several processes share (PostgreSQL, see server/live/bus.py) that is not
enough: the unit of work opens its transaction when it first looks at a ticket, locks the ticket's
row there (held until the commit), and re-reads the ticket if another process changed it since
this one cached it. So every decision is made on the stored truth, one command per ticket at a
time across processes, and tickets are always locked in ascending id order (no deadlock between
processes). SQLite's one process needs no row lock: its cache is the truth (the store says so).
A unit of work dropped without a commit (a rejection) is rolled back on the loop's next turn.
"""
import asyncio
import json
import secrets
from dataclasses import dataclass, field

from ..store import DraftRow, EventRow, TicketRow
from . import outbox_rows

_MESSAGE_EVENTS = ("created", "customer_message", "replied", "note_added")


class Commands:
    """The command path's services, for its units of work (`unit()`) and those who make them."""

    def __init__(self, core, store, clock, metrics, config, tickets, hub, bus, peers, refusals, system):
        self.core, self.store, self.clock, self.metrics, self.config = core, store, clock, metrics, config
        self.tickets, self.hub, self.bus, self.peers, self.refusals = tickets, hub, bus, peers, refusals
        self.system = system
        self.outbox_changed = None  # called after a commit that added or re-queued a reply's mail

    def unit(self):
        return UnitOfWork(self)


@dataclass
class Step:
    """One accepted command: its core events and, after the commit, their JSON (with seq)."""
    ticket_id: int
    events: list
    # (event, author, draft dict or None) for each draft an event saves or ends (core.draft_effects)
    effects: list = field(default_factory=list)
    texts: list = field(default_factory=list)
    command: str = ""  # the command's type

    @property
    def draft(self):
        """The draft this step saved, if any."""
        return next((draft for event, _, draft in self.effects if event.ephemeral and draft), None)

    def drafts(self, ephemeral):
        """(author, draft or None) of the draft events (ephemeral) or of the logged ones."""
        return [(author, draft) for event, author, draft in self.effects if event.ephemeral == ephemeral]


class UnitOfWork:
    def __init__(self, commands):
        self.c = commands
        self.core = commands.core
        self.working = {}  # ticket id -> Ticket after the accepted commands
        self.original = {}  # ticket id -> Ticket before them (None: created here)
        self.steps = []
        self.cursors = {}  # department -> agent last auto-assigned
        self._tx = None  # the transaction, from the first ticket looked at (it holds the row locks)
        self._stored = {}  # ticket id -> its stored version as the row lock found it (None: ours is the truth)
        # Drafts that logged events took away or gave back (a reply, a note, an undone send):
        # pushed like draft events after the commit, so no digest still holds the old state:
        # (ticket, author, draft|None)
        self.draft_pushes = []
        self.extra_writes = []  # see `also`
        self._outbox_touched = False

    def ticket(self, ticket_id, with_drafts=False):
        """The ticket as this unit of work sees it (including its own accepted commands). Looked
        at first, its row is locked, and the ticket re-read if the store says another process
        changed it; `with_drafts`: re-read then too if only its drafts may have changed (they do
        not change the version), as the holder's last typing that the automations look at."""
        ticket = self.working.get(ticket_id)
        if ticket is not None:
            return ticket
        first = ticket_id not in self._stored
        if first:
            self._stored[ticket_id] = self._transaction().lock_ticket(ticket_id)
        version = self._stored[ticket_id]
        if version is not None and (first or with_drafts):
            cached = self.c.tickets.get(ticket_id)
            if with_drafts or cached is None or cached.version != version:
                self.c.bus.refresh([ticket_id])  # same connection: read inside this transaction
        return self.c.tickets.get(ticket_id)

    def _transaction(self):
        if self._tx is None:
            self._tx = self.c.store.begin()
            try:
                asyncio.get_running_loop().call_soon(self.close)
            except RuntimeError:  # no loop (tests, seeding): the store's next `begin` rolls it back
                pass
        return self._tx

    def close(self):
        """Ends a transaction that was not committed (nothing of it is kept), then records the
        refusals it met (in their own transaction)."""
        if self._tx is not None:
            self._tx.rollback()
            self._tx = None
        self.c.refusals.flush()

    def also(self, write):
        """`write(tx)` is called in the commit's transaction, after the events: rows that must be
        stored with them or not at all (a received mail with its message, see server/mail)."""
        self.extra_writes.append(write)

    def run(self, ticket_id, command, actor, now=None):
        """Decides `command` on the ticket as it is right now; returns the Step or the Rejection."""
        return self._decide(self.ticket(ticket_id), command, actor, now)

    def create(self, blank, command, actor, now=None):
        """Decides a `create` command on a blank ticket with a fresh id and ref."""
        return self._decide(blank, command, actor, now)

    def _decide(self, ticket, command, actor, now):
        core, c = self.core, self.c
        now = c.clock.now() if now is None else now
        result = core.decide(ticket, command, actor, now, c.config.settings, c.config.directory)
        if isinstance(result, core.Rejection):
            c.metrics.command(command.type, result.code)
            c.refusals.rejected(ticket, command, actor, now, result)  # the collision report
            return result
        c.metrics.command(command.type, "ok")
        c.refusals.accepted(ticket, command, actor, now)  # a reply draft under a colleague's lock
        self.original.setdefault(ticket.id, c.tickets.get(ticket.id))
        step = Step(ticket.id, result, command=command.type)
        for event in result:
            for author, draft in core.draft_effects(ticket, event):
                step.effects.append((event, author, draft and json.loads(draft)))
            ticket = core.evolve(ticket, event)
        self.working[ticket.id] = ticket
        self.steps.append(step)
        return step

    def commit(self):
        """Stores every step durably, then updates the cache and pushes. Raises if the write fails."""
        if not self.steps:
            self.close()
            return
        c = self.c
        tx = self._transaction()
        self._tx = None
        try:
            self._write(tx)
            tx.notify(c.peers.commit_notice(self.steps, self.draft_pushes))
        except BaseException:
            tx.rollback()
            raise
        tx.commit()
        seqs = [event.seq for step in self.steps for event in step.events if not event.ephemeral]
        c.bus.catch_up(seqs[0] if seqs else None)  # events other processes committed before these
        for ticket in self.working.values():
            c.tickets.put(ticket)
        for step in self.steps:
            self._publish(step)
        for ticket_id, author, draft in self.draft_pushes:
            c.hub.publish_draft(ticket_id, c.tickets.department_of(ticket_id), author, draft)
        c.bus.published(seqs[-1] if seqs else None)
        c.refusals.flush()
        if self._outbox_touched and c.outbox_changed is not None:
            c.outbox_changed()

    def _write(self, tx):
        self.draft_pushes = []
        for step in self.steps:
            self._append_events(tx, step)
        for ticket_id, ticket in self.working.items():
            self._write_ticket(tx, ticket, self.original[ticket_id])
        for department, agent in self.cursors.items():
            tx.set_assignment_cursor(department, agent)
        for write in self.extra_writes:
            write(tx)

    def _append_events(self, tx, step):
        command_id = secrets.token_hex(8)
        for event in step.events:
            if event.ephemeral:
                step.texts.append(event.to_json())
                continue
            event.seq = tx.next_seq()
            text = event.to_json()
            step.texts.append(text)
            message_id = json.loads(text)["message"]["id"] if event.type in _MESSAGE_EVENTS else None
            tx.append_event(EventRow(event.seq, event.ticket, event.type, command_id, message_id,
                                     event.at, text))
            self._outbox_touched |= outbox_rows.follow(tx, event, text)

    def _write_ticket(self, tx, ticket, before):
        if before is None or before.version != ticket.version:
            tx.put_ticket(TicketRow(ticket.id, ticket.ref, ticket.department, ticket.status,
                                    ticket.assignee, ticket.lock_holder, ticket.lock_expires_at,
                                    ticket.updated_at, ticket.version, ticket.to_json(False)))
        # Drafts live in their own table, changed as the core's draft_effects says. A reply or note
        # sent drops its author's draft without a draft event, also when this process had not seen
        # that draft yet (it was saved through another one); a queued reply delivered later drops
        # nothing; an undone send gives the reply back as the author's draft.
        drafters = set(ticket.drafters)
        authors_before = set(before.drafters) if before is not None else set()
        dropped, saved, logged = set(), {}, set()
        for step in self.steps:
            if step.ticket_id != ticket.id:
                continue
            for event, author, draft in step.effects:
                if draft is None:
                    dropped.add(author)
                else:
                    saved[author] = draft
                if not event.ephemeral:
                    logged.add(author)
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
        """The events and the drafts they save or end, in the order of the events."""
        hub = self.c.hub
        department = self.c.tickets.department_of(step.ticket_id)
        for event, text in zip(step.events, step.texts):
            if not event.ephemeral:
                hub.publish_event(department, event.seq, text)
                continue
            for changed, author, draft in step.effects:
                if changed is event:
                    hub.publish_draft(step.ticket_id, department, author, draft)
