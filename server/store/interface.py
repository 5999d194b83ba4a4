"""The storage interface: everything the server asks of a database, and nothing about which one.

SQLite (`sqlite.py`) is the embedded default, for one serve.py process; PostgreSQL (`postgres.py`)
serves one or several processes; `open_store` (`opening.py`) picks one from `--db`. Both keep a
schema version and refuse a database whose schema is newer than the code. Handlers never see SQL.
Every command is written by one `Transaction`: its events, the ticket projection, drafts and the
assignment cursor commit together or not at all (and, for mail, the rows of `mail.py`).

Several processes on one database need more than reads and writes: a row lock per ticket,
notifications on commit, who is connected to which process, and one leader for the timers (the
bus, server/live/bus.py). Every store implements all of it; SQLite, whose file one process owns,
answers as a database with no other process: nothing to lock against or tell, always the leader.
"""
import json
from abc import ABC, abstractmethod
from contextlib import contextmanager
from dataclasses import dataclass

from .mail import MailStore, MailTransaction

PREFERENCES_KEY = "agent_preferences:"  # + the agent's id: the settings table's key of their preferences


class StoreUnavailable(Exception):
    """The database cannot be opened or read; the message is meant for the operator."""


@dataclass(frozen=True)
class AgentRecord:
    id: int
    name: str
    email: str
    role: str
    departments: tuple
    password_hash: str
    last_seen: int | None

    def public(self):
        """The agent as the core's directory and the API show it (never the password hash)."""
        return {"id": self.id, "name": self.name, "email": self.email, "role": self.role,
                "departments": list(self.departments)}


@dataclass(frozen=True)
class TicketRow:
    """The projection: the ticket's JSON without drafts, plus the columns queries filter on."""
    id: int
    ref: str
    department: str
    status: str
    assignee: int | None
    lock_holder: int | None
    lock_expires_at: int | None
    updated_at: int
    version: int
    json: str


@dataclass(frozen=True)
class EventRow:
    """One logged event; `command` groups the events one command produced."""
    seq: int
    ticket_id: int
    type: str
    command: str
    message_id: int | None
    at: int
    json: str


@dataclass(frozen=True)
class DraftRow:
    ticket_id: int
    author: int
    updated_at: int
    json: str


@dataclass(frozen=True)
class RefusalRow:
    """A command refused `locked` or `stale` (or a reply draft saved under a colleague's lock), for
    the collision report. `dedupe`: rows with the same non-null key are stored once."""
    at: int
    ticket_id: int
    agent: int
    command: str
    code: str
    idempotency_key: str | None
    holder: int | None
    dedupe: str | None = None

    def to_json(self):
        return json.dumps({"at": self.at, "ticket": self.ticket_id, "agent": self.agent,
                           "command": self.command, "code": self.code,
                           "idempotency_key": self.idempotency_key, "holder": self.holder})


class Transaction(MailTransaction, ABC):
    """One unit of work's writes: they commit together (`commit`) or not at all (`rollback`, or
    an error). The database transaction begins with the first statement that needs it."""

    @abstractmethod
    def lock_ticket(self, ticket_id) -> int | None:
        """Holds the ticket against other processes' writers until the transaction ends. Returns
        its stored version when another process may have changed it since this one read it (the
        caller re-reads it if its copy differs, or its drafts may), None when none can have."""

    @abstractmethod
    def next_seq(self):
        """The seq the next appended event gets (events carry their seq in their JSON)."""

    @abstractmethod
    def append_event(self, row: EventRow): ...

    @abstractmethod
    def put_ticket(self, row: TicketRow): ...

    @abstractmethod
    def put_draft(self, row: DraftRow): ...

    @abstractmethod
    def delete_draft(self, ticket_id, author): ...

    @abstractmethod
    def set_assignment_cursor(self, department, agent_id): ...

    @abstractmethod
    def notify(self, compose):
        """Tells the other processes about this commit, if and when it commits: `compose(logged)`
        makes the notification's text from the JSON of the events appended (called at commit,
        and not at all when no other process can be listening)."""

    @abstractmethod
    def commit(self):
        """Makes every write durable (raises, having rolled back, if that fails)."""

    @abstractmethod
    def rollback(self):
        """Drops every write; nothing if the transaction has already ended."""


class Listener(ABC):
    """The notifications of the other processes (`Store.notify`, `Transaction.notify`)."""

    @abstractmethod
    def start(self, on_arrival):
        """From now on, `on_arrival()` is called on the event loop when notifications may have
        arrived (then `receive` them)."""

    @abstractmethod
    def receive(self) -> list:
        """The texts arrived so far, in order, without waiting; ConnectionError once broken."""

    @abstractmethod
    def close(self): ...


class Store(MailStore, ABC):
    #: this process, as the other processes on the database know it (their notifications, `live`)
    origin: str

    @abstractmethod
    def close(self): ...

    @abstractmethod
    def begin(self) -> Transaction:
        """A new transaction (durable once committed). One an abandoned unit of work left open
        (a rejection) is rolled back first: a process writes through one transaction at a time."""

    @contextmanager
    def transaction(self):
        """`with store.transaction() as tx:` commits at the end of the block, or rolls back."""
        tx = self.begin()
        try:
            yield tx
        except BaseException:
            tx.rollback()
            raise
        tx.commit()

    @abstractmethod
    def bulk_load(self):
        """A context manager for seeding a new database quickly (durability may be relaxed)."""

    def warm(self):
        """Starts bringing what the first search reads into memory, in the background (serve.py
        calls it at start); None, or the thread doing it."""
        return None

    @abstractmethod
    def is_empty(self):
        """True when there are neither agents nor tickets (a fresh database)."""

    # agents and sessions
    @abstractmethod
    def agents(self) -> list: ...

    @abstractmethod
    def agent_by_email(self, email) -> AgentRecord | None: ...

    @abstractmethod
    def add_agent(self, name, email, role, departments, password_hash) -> AgentRecord: ...

    @abstractmethod
    def set_last_seen(self, agent_ids, at): ...

    @abstractmethod
    def add_session(self, token_hash, agent_id, created_at): ...

    @abstractmethod
    def session_agent(self, token_hash, created_after) -> int | None: ...

    @abstractmethod
    def delete_session(self, token_hash): ...

    # settings (JSON text by key)
    @abstractmethod
    def get_setting(self, key) -> str | None: ...

    @abstractmethod
    def put_setting(self, key, text): ...

    # an agent's own preferences (docs/API.md): JSON text in the settings table, one key per agent,
    # so every process on the database reads the same value and no schema change was needed
    def agent_preferences(self, agent_id) -> str | None:
        return self.get_setting(f"{PREFERENCES_KEY}{agent_id}")

    def put_agent_preferences(self, agent_id, text):
        self.put_setting(f"{PREFERENCES_KEY}{agent_id}", text)

    # tickets and their history
    @abstractmethod
    def tickets(self) -> list: ...

    @abstractmethod
    def drafts(self) -> list: ...

    @abstractmethod
    def tickets_by_id(self, ids) -> list:
        """The TicketRows of these ids (those that exist), by id."""

    @abstractmethod
    def drafts_of(self, ids) -> list:
        """The DraftRows of these tickets."""

    @abstractmethod
    def ticket_id_by_ref(self, ref) -> int | None: ...

    @abstractmethod
    def next_ticket_id(self) -> int:
        """An id no ticket has, nor will be given to another caller."""

    @abstractmethod
    def events_after(self, seq) -> list:
        """Every logged event with a seq above `seq`, ascending (the WebSocket resume)."""

    @abstractmethod
    def events_between(self, after, until) -> list:
        """Logged events with after < seq <= until, ascending."""

    @abstractmethod
    def last_seq(self) -> int: ...

    @abstractmethod
    def history(self, ticket_id) -> list:
        """The ticket's events as JSON texts, ascending seq (the audit trail)."""

    @abstractmethod
    def command_events(self, ticket_id, message_id) -> list:
        """The JSON of the events logged by the command that added message `message_id`."""

    @abstractmethod
    def assignment_cursor(self, department) -> int | None: ...

    @abstractmethod
    def search(self, words, after, departments, count, among=None) -> list | None:
        """The ticket list's search: (updated_at, id) of up to `count` tickets whose text has a word
        starting with each of `words` (lower-case letters and digits; a Chinese, Japanese or Korean
        word anywhere in such text, see search_text.py), in list order (newest first)
        after the cursor `after` ((updated_at, id) or None), only among the (updated_at, id) places
        `among` if given. `departments` may narrow the result; the caller filters departments and
        views itself. None: no index can answer."""

    # the collision report (server/api/report.py)
    @abstractmethod
    def record_refusal(self, row: RefusalRow):
        """Stores one refusal in its own short transaction (a row with a `dedupe` key already
        stored is left out). Call it when no unit of work has a transaction open."""

    @abstractmethod
    def refusals_between(self, start, end) -> list:
        """The RefusalRows with start <= at < end, by `at`."""

    @abstractmethod
    def events_at_between(self, start, end) -> list:
        """The JSON of every logged event with start <= at < end, ascending seq."""

    # the other processes on this database (the bus, server/live/bus.py)
    @abstractmethod
    def notify(self, text):
        """Tells the other processes `text` now (outside any transaction)."""

    @abstractmethod
    def listen(self) -> Listener:
        """A new Listener to the other processes' notifications (may block while connecting)."""

    @abstractmethod
    def set_live(self, agent, ticket, state, payload):
        """Records this process's presence row (ticket 0: the agent is connected here; state None:
        gone) and notifies `payload`, together."""

    @abstractmethod
    def live_rows(self) -> list:
        """(process, agent, ticket, state) recorded by every process."""

    @abstractmethod
    def forget_live(self, processes):
        """Drops the presence rows of processes that are gone."""

    @abstractmethod
    def live_processes(self) -> set:
        """The origins of the processes connected to the database right now (this one included)."""

    @abstractmethod
    def try_lead(self) -> bool:
        """True while this process is the one that runs the timers (once true, it stays so)."""
