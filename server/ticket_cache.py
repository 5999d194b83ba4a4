"""The tickets in memory, as the core's `Ticket` values, so reads and decisions skip the database.

Loaded once from the projection (drafts merged back in); afterwards only a committed unit of work
replaces a ticket. Single-process by design: a multi-process store would reload on notification.
"""
import json
from collections import defaultdict, namedtuple

from .store import StoreUnavailable

# What the ticket list filters and sorts on, read from the core once per change of the ticket
# (each property read crosses into C++; a list request looks at every ticket).
ListEntry = namedtuple("ListEntry", "updated_at id department assignee lock_holder")


class TicketCache:
    def __init__(self, core):
        self.core = core
        self.by_id = {}
        self.by_ref = {}
        self.entries = {}  # id -> ListEntry
        self.locked = set()  # ids of tickets with a lock: the automations' work list
        self._summaries = {}  # id -> (ticket, summary dict) for the ticket list
        self._max_id = 0

    def load(self, ticket_rows, draft_rows):
        drafts = defaultdict(list)
        for row in draft_rows:
            drafts[row.ticket_id].append(json.loads(row.json))
        for row in ticket_rows:
            body = json.loads(row.json)
            body["drafts"] = drafts.get(row.id, [])
            ticket = self.core.Ticket.parse(json.dumps(body))
            if isinstance(ticket, self.core.Rejection):
                raise StoreUnavailable(f"ticket {row.id} in the database is unreadable: {ticket.message}")
            self.put(ticket)

    def get(self, ticket_id):
        return self.by_id.get(ticket_id)

    def put(self, ticket):
        self.by_id[ticket.id] = ticket
        self.by_ref[ticket.ref] = ticket.id
        self.entries[ticket.id] = ListEntry(ticket.updated_at, ticket.id, ticket.department,
                                            ticket.assignee, ticket.lock_holder)
        self._max_id = max(self._max_id, ticket.id)
        if ticket.lock_holder is None:
            self.locked.discard(ticket.id)
        else:
            self.locked.add(ticket.id)

    def department_of(self, ticket_id):
        ticket = self.by_id.get(ticket_id)
        return ticket.department if ticket else None

    def next_id(self):
        return self._max_id + 1

    def summary(self, ticket):
        """The core's summary as a dict, computed once per ticket value."""
        cached = self._summaries.get(ticket.id)
        if cached is None or cached[0] is not ticket:
            cached = (ticket, json.loads(ticket.summary_json()))
            self._summaries[ticket.id] = cached
        return cached[1]
