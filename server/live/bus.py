"""The bus between serve.py processes that share one database: `Peers` tells the others what
this process did, `Bus` hears what they did and keeps this process's tickets and sockets in seq
order. Both work through the store's interface only; with SQLite, whose file one process owns,
the store answers as a database nobody else uses (nothing to hear, always the leader), and the
bus reduces to publishing this process's own events in order. With PostgreSQL any number of
processes may serve the same helpdesk, and the bus keeps each of them right:

- Commands: a unit of work locks the rows of the tickets it decides on and re-reads a ticket
  whose stored version differs from the cached one (server/commands/unit_of_work.py), so
  decisions are made on the truth. Its commit NOTIFYs the channel `baton` with the seq it
  reached, the tickets it wrote, the drafts it changed, and the events themselves when they fit
  (`CommitNotice`).
- Every process LISTENs (the event loop reads that connection's socket): on a notification from
  another process it applies the events that follow the last seq it published (in seq order,
  gap-free: the seq counter row serializes commits) to its cached tickets with core.evolve, as
  the committing process did, and pushes events and drafts to its sockets as if they had been
  its own. What a notification does not carry it reads from the database. Local events wait for
  earlier seqs from elsewhere (`catch_up`: the notifications already received first), so every
  socket's event chain stays ordered. A check every tick covers a lost notification.
- Presence and "online": each process writes its own agents' state to the `live` table and
  NOTIFYs it; the others merge it with their own (hub.py). A process that disappears from
  pg_stat_activity (killed) is forgotten by the survivors: its agents go offline from then on, so
  their locks are released after the disconnect grace.
- Timers: only the process holding an advisory lock runs the lock releases; when it dies the lock
  is free and another process takes over on its next tick. The row lock plus the core's re-decision
  on the fresh ticket make a release happen once even if two processes tried.
"""
import asyncio
import collections
import json
import logging

log = logging.getLogger("baton")

_Logged = collections.namedtuple("_Logged", "seq ticket_id json")  # a notified event, as a row

DEAD_CHECK_MS = 1000  # how often the survivors look for processes that died
NOTIFY_BYTES = 7900  # PostgreSQL's NOTIFY payload limit is 8,000 bytes


class CommitNotice:
    """A commit's notification. The store makes its text at commit time, with the JSON of the
    events the transaction logged (`text(logged)`): the events themselves ("l") and the drafts'
    events ("e") go in it when they fit in a NOTIFY (8,000 bytes), so the other processes apply
    them to their cached tickets and push them without reading anything back; otherwise they read
    the events and tickets from the database."""

    def __init__(self, notice, draft_events):
        self.notice, self.draft_events = notice, draft_events

    def text(self, logged=()):
        extras = []
        if logged and self.draft_events:
            extras.append({"l": list(logged), "e": self.draft_events})
        if logged:
            extras.append({"l": list(logged)})
        if self.draft_events:
            extras.append({"e": self.draft_events})
        for extra in extras:
            text = json.dumps({**self.notice, **extra})
            if len(text.encode()) <= NOTIFY_BYTES:
                return text
        return json.dumps(self.notice)

    def __call__(self, logged):
        return self.text(logged)


class Peers:
    """What this process tells the other processes on the database (their `Bus` hears it)."""

    def __init__(self, store):
        self.store = store
        self.origin = store.origin

    def commit_notice(self, steps, draft_pushes):
        """What a unit of work's commit tells the others (made into text by the transaction with
        the events it logged, see CommitNotice): the last seq, the tickets, the drafts."""
        seqs = [event.seq for step in steps for event in step.events if not event.ephemeral]
        drafts = {(step.ticket_id, author) for step in steps for author, _ in step.drafts(ephemeral=True)}
        draft_events = [text for step in steps for event, text in zip(step.events, step.texts) if event.ephemeral]
        if draft_pushes:  # drafts changed by logged events: the others re-read them
            drafts |= {(ticket_id, author) for ticket_id, author, _ in draft_pushes}
            draft_events = []
        tickets = sorted({step.ticket_id for step in steps})
        return CommitNotice({"o": self.origin, "k": "c", "s": max(seqs) if seqs else 0, "t": tickets,
                             "d": [list(d) for d in sorted(drafts)]}, draft_events)

    def presence(self, ticket_id, agent, state):
        self.store.set_live(agent, ticket_id, None if state == "gone" else state,
                            json.dumps({"o": self.origin, "k": "p", "t": ticket_id, "a": agent, "v": state}))

    def online(self, agent, on):
        self.store.set_live(agent, 0, "online" if on else None,
                            json.dumps({"o": self.origin, "k": "on", "a": agent, "v": on}))

    def settings_changed(self):
        self.store.notify(json.dumps({"o": self.origin, "k": "s"}))

    def logged_out(self, session):
        """The session's sockets on the other processes close too."""
        self.store.notify(json.dumps({"o": self.origin, "k": "x", "h": session}))


class Bus:
    def __init__(self, core, store, tickets, hub, config, clock):
        self.core, self.store, self.tickets, self.hub, self.config, self.clock = core, store, tickets, hub, config, clock
        self.origin = store.origin
        self.published_seq = self.store.last_seq()  # read before the tickets are loaded
        self.leader = False
        self._lost_at = clock.started_at  # when this process last could not hear the others
        self._last_dead_check = 0
        self._known = set()  # other processes seen on the bus
        self._listener = None  # the Listener, while it works
        self._failure = None  # a future that ends `_hear` with the error that broke it
        self._inbox = collections.deque()  # notifications received, not handled yet (parsed)
        self._draining = False

    # ids and lookups that may concern tickets another process made

    def find(self, ticket_id):
        ticket = self.tickets.get(ticket_id)
        if ticket is None:
            self.refresh([ticket_id])
            ticket = self.tickets.get(ticket_id)
        return ticket

    def find_ref(self, ref):
        ticket_id = self.tickets.by_ref.get(ref)
        if ticket_id is None:
            ticket_id = self.store.ticket_id_by_ref(ref)
            if ticket_id is not None:
                self.refresh([ticket_id])
        return ticket_id

    def refresh(self, ids):
        """Re-reads tickets (with their drafts) into the cache."""
        ids = sorted(set(ids))
        if ids:
            self.tickets.replace(self.store.tickets_by_id(ids), self.store.drafts_of(ids))

    # events in seq order

    def last_published(self):
        """The seq up to which this process's sockets have been sent events (after catching up)."""
        self.sync_events()
        return self.published_seq

    def sync_events(self, until=None):
        """Publishes the events others committed after the last one published here (up to `until`):
        from the notifications already received first, then from the database if some are still
        missing (a notification not arrived yet, lost, or too large to carry its events)."""
        self._drain(until)
        if until is None:
            rows = self.store.events_after(self.published_seq)
        elif until > self.published_seq:
            rows = self.store.events_between(self.published_seq, until)
        else:
            return
        if rows:
            core = self.core
            events = [core.Event.parse(row.json) for row in rows]
            if any(isinstance(e, core.Rejection) for e in events):  # not expected: read the tickets
                self.refresh({row.ticket_id for row in rows})
                events = [None] * len(rows)
            self._publish_logged(list(zip(events, rows)))

    def _publish_logged(self, items):
        """Publishes logged events (event, row) that continue the published seqs, after bringing
        the cached tickets up to them: core.evolve as the committing process did, or, for a ticket
        cached at an older version than the first event needs (or not at all), a re-read of it
        (as new as the database has it: later events then change nothing in it)."""
        core, tickets, hub = self.core, self.tickets, self.hub
        behind, seen = set(), set()
        for event, row in items:
            if event is not None and row.ticket_id not in seen:
                seen.add(row.ticket_id)
                ticket = tickets.get(row.ticket_id)
                if ticket is None or ticket.version < event.version - 1:
                    behind.add(row.ticket_id)
        self.refresh(behind)
        for event, row in items:
            ticket = tickets.get(row.ticket_id)
            if event is not None and ticket is not None and ticket.version == event.version - 1:
                tickets.put(core.evolve(ticket, event))
            hub.publish_event(tickets.department_of(row.ticket_id), row.seq, row.json)
            self.published_seq = row.seq

    def catch_up(self, first_seq):
        """Before a local commit's events (from `first_seq` on) are pushed: the earlier ones first."""
        if first_seq is not None and first_seq > self.published_seq + 1:
            self.sync_events(first_seq - 1)

    def published(self, seq):
        if seq is not None:
            self.published_seq = max(self.published_seq, seq)

    # timers

    def is_leader(self):
        if not self.leader:
            self.leader = self.store.try_lead()
        return self.leader

    def tick(self, now):
        """Missed notifications, and processes that died, are noticed here."""
        if now - self._last_dead_check < DEAD_CHECK_MS:
            return
        self._last_dead_check = now
        self.sync_events()
        alive = self.store.live_processes()
        dead = {origin for origin in self._known if origin not in alive}
        if dead:
            self._forget(dead, now)

    def _forget(self, dead, now):
        self._known -= dead
        self.store.forget_live(dead)
        for origin in dead:
            self.hub.remote_gone(origin, now)

    # hearing the others

    async def run(self):
        """Listens (the store's Listener, watched by the event loop as notifications arrive, and
        drained before a local commit's events are published, see `sync_events`); listens again
        (and resynchronizes) if that breaks."""
        loop = asyncio.get_running_loop()
        while True:
            try:
                listener = await loop.run_in_executor(None, self.store.listen)  # connecting may take a while
                try:
                    await self._hear(listener)
                finally:
                    self._listener = None
                    listener.close()
            except asyncio.CancelledError:
                raise
            except Exception as exc:  # noqa: BLE001 - the database went away: retry
                self._lost_at = self.clock.now()
                log.warning("bus: listening failed (%s); retrying in 1 s", exc)
                await asyncio.sleep(1)

    async def _hear(self, listener):
        """Until the listener fails."""
        loop = asyncio.get_running_loop()
        self._listener, self._failure = listener, loop.create_future()
        listener.start(self._drain)
        try:
            self._resync(first=self._lost_at == self.clock.started_at)
            self._drain()
            await self._failure
        finally:
            self._inbox.clear()  # the resync after listening again covers what is lost here

    def _receive(self):
        """Moves the notifications received into the inbox, without waiting."""
        listener = self._listener
        if listener is None:
            return
        try:
            for text in listener.receive():
                try:
                    self._inbox.append(json.loads(text))
                except ValueError:
                    log.warning("bus: unreadable notice %.200r", text)
        except Exception as exc:  # noqa: BLE001 - `run` listens again
            self._listener = None
            if self._failure is not None and not self._failure.done():
                self._failure.set_exception(exc)

    def _drain(self, until=None):
        """Handles the notifications received so far, in order. With `until` (a local commit is
        about to publish the events after that seq, and then update the cache) it handles only
        the commits up to that seq: it stops at any other notification, which waits its turn."""
        if self._draining:
            return  # a notice being handled reads the database itself if it must
        self._draining = True
        try:
            self._receive()
            while self._inbox:
                notice = self._inbox[0]
                if until is not None and not (notice.get("k") == "c" and 0 < (notice.get("s") or 0) <= until):
                    break
                self._inbox.popleft()
                try:
                    self._handle(notice)
                except Exception:  # noqa: BLE001 - one bad notice must not stop the bus
                    log.exception("bus notice failed: %.200s", notice)
        finally:
            self._draining = False

    def _resync(self, first):
        """What happened while nobody listened: events, drafts, and the others' presence. At the
        start only drafts saved since loading can be missing; after a lost connection, any."""
        self.sync_events()
        since = self._lost_at - 5000
        drafted = {row.ticket_id for row in self.store.drafts() if first is False or row.updated_at >= since}
        if not first:
            drafted |= {tid for tid, ticket in self.tickets.by_id.items() if ticket.drafters}
        self.refresh(drafted)
        alive = self.store.live_processes()
        rows = [r for r in self.store.live_rows() if r[0] != self.origin]
        dead = {r[0] for r in rows if r[0] not in alive}
        if dead:
            self.store.forget_live(dead)
        hub = self.hub
        now = self.clock.now()
        for process, agent, ticket, state in rows:
            if process in dead:
                continue
            self._known.add(process)
            if ticket == 0:
                hub.remote_online(process, agent, True, now)
            else:
                hub.remote_presence(process, ticket, agent, state)

    def _handle(self, notice):
        origin = notice["o"]
        if origin == self.origin:
            return
        self._known.add(origin)
        kind = notice["k"]
        if kind == "c":
            self._committed(notice)
        elif kind == "p":
            self.hub.remote_presence(origin, notice["t"], notice["a"], notice["v"])
        elif kind == "on":
            self.hub.remote_online(origin, notice["a"], notice["v"], self.clock.now())
        elif kind == "s":
            self.config.reload_settings()
        elif kind == "x":
            asyncio.ensure_future(self.hub.close_session(notice["h"]))

    def _committed(self, notice):
        if notice["s"] and notice["s"] > self.published_seq and not self._apply_logged(notice.get("l")):
            self.sync_events()
        drafts = [tuple(d) for d in notice["d"]]
        if not drafts:
            return
        if "e" in notice and self._apply_draft_events(notice["e"]):
            return
        self.refresh({ticket_id for ticket_id, _ in drafts})
        hub = self.hub
        for ticket_id, author in drafts:
            ticket = self.tickets.get(ticket_id)
            if ticket is None:
                continue
            draft = next((d for d in json.loads(ticket.to_json())["drafts"] if d["author"] == author), None)
            hub.publish_draft(ticket_id, ticket.department, author, draft)

    def _apply_logged(self, texts):
        """Publishes the events of another process's commit from its notification (see
        `_publish_logged`): no query. False when they do not continue what was published here (a
        notification missed): the caller reads them from the database then."""
        if not texts:
            return False
        core = self.core
        items = []
        for text in texts:
            event = core.Event.parse(text)
            if isinstance(event, core.Rejection):
                return False
            if event.seq <= self.published_seq:
                continue  # already published (a local commit caught up on it)
            if event.seq != self.published_seq + 1 + len(items):
                return False
            items.append((event, _Logged(event.seq, event.ticket, text)))
        self._publish_logged(items)
        return True

    def _apply_draft_events(self, texts):
        """Applies draft events another process committed to the cached tickets and pushes them;
        False (nothing applied) if one cannot be read or names a ticket not cached here."""
        core, tickets = self.core, self.tickets
        events = [core.Event.parse(text) for text in texts]
        if any(isinstance(e, core.Rejection) or tickets.get(e.ticket) is None for e in events):
            return False
        for event in events:
            before = tickets.get(event.ticket)
            ticket = core.evolve(before, event)
            tickets.put(ticket)
            for author, draft in core.draft_effects(before, event):
                self.hub.publish_draft(event.ticket, ticket.department, author, draft and json.loads(draft))
        return True
