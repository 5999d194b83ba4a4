"""The tickets in memory, as the core's `Ticket` values, so reads and decisions skip the database.

Loaded once from the projection (drafts merged back in); afterwards a committed unit of work
replaces a ticket, and with several processes on one database (server/live/bus.py) so does a ticket re-read
after another process changed it (`replace`).

The list's order (newest `updated_at` first, then highest id) is kept as a sorted index, so a page
of the list walks from its cursor and stops after `limit` rows instead of sorting every ticket;
the sparse views (mine, locked) start from their own sets of ids. `timed` (a lock or a reply in its
undo window) is what the automations look at.
"""
import bisect
import json
from collections import defaultdict, namedtuple

from ..store import StoreUnavailable

# What the ticket list filters and sorts on, read from the core once per change of the ticket
# (each property read crosses into C++; a list request looks at many tickets).
ListEntry = namedtuple("ListEntry", "updated_at id department assignee lock_holder")
SEARCHED = ("ref", "subject", "organization", "preview")  # and the requester's name and email


def _search_text(summary):
    requester = summary.get("requester") or {}
    return " ".join([str(summary.get(key, "")) for key in SEARCHED] +
                    [requester.get("name", ""), requester.get("email", "")]).lower()


def order_key(updated_at, ticket_id):
    """Ascending keys = the list's order: newest first, then the highest id."""
    return (-updated_at, -ticket_id)


class TicketCache:
    def __init__(self, core):
        self.core = core
        self.by_id = {}
        self.by_ref = {}
        self.entries = {}  # id -> ListEntry
        self.locked = set()  # ids of tickets with a lock: the "locked" view
        self.timed = set()  # ids of tickets with a lock or a reply waiting to go out: the automations' work list
        self.assigned = defaultdict(set)  # agent id -> ids of the tickets assigned to them
        # Per department: how many tickets, and how many unassigned (the list's view counts).
        self.department_total = defaultdict(int)
        self.department_unassigned = defaultdict(int)
        self._order = []  # order_key of every ticket, ascending
        self._summaries = {}  # id -> (ticket, summary dict, search text) for the ticket list

    def load(self, ticket_rows, draft_rows):
        for ticket in self._parse(ticket_rows, draft_rows):
            self._index(ticket, self.entries.get(ticket.id))
        self._order = sorted(order_key(e.updated_at, e.id) for e in self.entries.values())

    def replace(self, ticket_rows, draft_rows):
        """Puts tickets re-read from the database (rows and all their drafts)."""
        for ticket in self._parse(ticket_rows, draft_rows):
            self.put(ticket)

    def _parse(self, ticket_rows, draft_rows):
        drafts = defaultdict(list)
        for row in draft_rows:
            drafts[row.ticket_id].append(json.loads(row.json))
        for row in ticket_rows:
            body = json.loads(row.json)
            body["drafts"] = drafts.get(row.id, [])
            ticket = self.core.Ticket.parse(json.dumps(body))
            if isinstance(ticket, self.core.Rejection):
                raise StoreUnavailable(f"ticket {row.id} in the database is unreadable: {ticket.message}")
            yield ticket

    def get(self, ticket_id):
        return self.by_id.get(ticket_id)

    def put(self, ticket):
        before = self.entries.get(ticket.id)
        entry = self._index(ticket, before)
        if before is not None:
            if before[:2] == entry[:2]:
                return
            del self._order[bisect.bisect_left(self._order, order_key(*before[:2]))]
        bisect.insort(self._order, order_key(*entry[:2]))

    def newest_first(self, after=None):
        """Entries in the list's order, from just below the cursor (updated_at, id) if given."""
        start = 0 if after is None else bisect.bisect_right(self._order, order_key(*after))
        for index in range(start, len(self._order)):
            yield self.entries[-self._order[index][1]]

    def counts(self, can_see, me):
        """The list's view counts for an agent: `can_see(department)` says which count."""
        departments = [d for d in self.department_total if can_see(d)]
        visible = set(departments)
        in_view = lambda ids: sum(1 for i in ids if self.entries[i].department in visible)  # noqa: E731
        return {"all": sum(self.department_total[d] for d in departments),
                "mine": in_view(self.assigned.get(me, ())),
                "unassigned": sum(self.department_unassigned[d] for d in departments),
                "locked": in_view(self.locked)}

    def department_of(self, ticket_id):
        ticket = self.by_id.get(ticket_id)
        return ticket.department if ticket else None

    def summary(self, ticket):
        """The core's summary as a dict, computed once per ticket value."""
        return self._listed(ticket)[1]

    def search_text(self, ticket):
        """What the list's search looks in, lower-cased, computed once per ticket value."""
        return self._listed(ticket)[2]

    def _listed(self, ticket):
        cached = self._summaries.get(ticket.id)
        if cached is None or cached[0] is not ticket:
            summary = json.loads(ticket.summary_json())
            cached = self._summaries[ticket.id] = (ticket, summary, _search_text(summary))
        return cached

    def _index(self, ticket, before):
        """Everything but the order (`before`: the previous ListEntry, if any); returns the new one."""
        if before is not None:
            if before.assignee is not None:
                self.assigned[before.assignee].discard(ticket.id)
            self._count(before, -1)
        entry = ListEntry(ticket.updated_at, ticket.id, ticket.department, ticket.assignee, ticket.lock_holder)
        self._count(entry, +1)
        self.by_id[ticket.id] = ticket
        self.by_ref[ticket.ref] = ticket.id
        self.entries[ticket.id] = entry
        if entry.assignee is not None:
            self.assigned[entry.assignee].add(ticket.id)
        if ticket.lock_holder is None:
            self.locked.discard(ticket.id)
        else:
            self.locked.add(ticket.id)
        if ticket.has_timers:
            self.timed.add(ticket.id)
        else:
            self.timed.discard(ticket.id)
        return entry

    def _count(self, entry, delta):
        self.department_total[entry.department] += delta
        if entry.assignee is None:
            self.department_unassigned[entry.department] += delta
