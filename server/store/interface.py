"""The storage interface: what the server needs from a database, and nothing about which one.

SQLite (`sqlite_store.py`) is the embedded default; PostgreSQL (`postgres_store.py`) implements the
same two classes; `open_store` picks one from `--db`. Both stores keep a schema version and refuse a
database whose schema is newer than the code. Handlers never see SQL. Every command is written by one `Transaction`: its events, the
ticket projection, drafts and the assignment cursor commit together or not at all.
"""
import json
from abc import ABC, abstractmethod
from dataclasses import dataclass


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


class Transaction(ABC):
    """Writes that commit together when the `with store.transaction()` block ends without error."""

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


class Store(ABC):
    @abstractmethod
    def close(self): ...

    @abstractmethod
    def transaction(self):
        """A context manager yielding a durable `Transaction` (committed = on disk)."""

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

    # tickets and their history
    @abstractmethod
    def tickets(self) -> list: ...

    @abstractmethod
    def drafts(self) -> list: ...

    @abstractmethod
    def events_after(self, seq) -> list:
        """Every logged event with a seq above `seq`, ascending (the WebSocket resume)."""

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
        starting with each of `words` (lower-case letters and digits), in list order (newest first)
        after the cursor `after` ((updated_at, id) or None), only among the (updated_at, id) places
        `among` if given. `departments` may narrow the result; the caller filters departments and
        views itself. None: no index can answer."""

    # the collision report (api_report.py)
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


def is_postgres_url(target):
    return str(target).startswith(("postgresql://", "postgres://"))


def open_store(target):
    """`postgresql://user@host:port/dbname` opens PostgreSQL; anything else is a SQLite file."""
    if is_postgres_url(target):
        from .postgres_store import PostgresStore  # psycopg is needed only for PostgreSQL
        return PostgresStore(str(target))
    from .sqlite_store import SqliteStore
    return SqliteStore(str(target))


def describe(target):
    """The database as the banner shows it (a URL without its password)."""
    if is_postgres_url(target):
        from .postgres_store import redact
        return redact(str(target))
    return str(target)
