"""The SQLite store: WAL mode, synchronous=FULL, one `BEGIN IMMEDIATE` transaction per command.

WAL with synchronous=NORMAL may lose the last commits on power loss, which would break
"acknowledged means durable"; FULL syncs the WAL on every commit. The single serve.py process
owns the database, and all access happens on the event loop thread, so commands never interleave.
"""
import json
import sqlite3
from contextlib import contextmanager
from pathlib import Path

from .store import (AgentRecord, DraftRow, EventRow, Store, StoreUnavailable, TicketRow,
                    Transaction)

SCHEMA_VERSION = 1  # PRAGMA user_version; 0 is a new file (or one made before versions were kept)

SCHEMA = """
CREATE TABLE IF NOT EXISTS agents (
  id INTEGER PRIMARY KEY, name TEXT NOT NULL, email TEXT NOT NULL UNIQUE, role TEXT NOT NULL,
  departments TEXT NOT NULL, password_hash TEXT NOT NULL,
  last_seen INTEGER  -- ms; when the agent last had an open WebSocket (the disconnect grace)
);
CREATE TABLE IF NOT EXISTS sessions (
  token_hash TEXT PRIMARY KEY, agent_id INTEGER NOT NULL REFERENCES agents(id),
  created_at INTEGER NOT NULL
);
CREATE TABLE IF NOT EXISTS settings (key TEXT PRIMARY KEY, json TEXT NOT NULL);
CREATE TABLE IF NOT EXISTS tickets (
  id INTEGER PRIMARY KEY, ref TEXT NOT NULL UNIQUE, department TEXT NOT NULL,
  status TEXT NOT NULL, assignee INTEGER, lock_holder INTEGER, lock_expires_at INTEGER,
  updated_at INTEGER NOT NULL, version INTEGER NOT NULL,
  json TEXT NOT NULL  -- the core's ticket JSON without drafts
);
CREATE INDEX IF NOT EXISTS tickets_by_update ON tickets (updated_at DESC, id DESC);
CREATE TABLE IF NOT EXISTS events (
  seq INTEGER PRIMARY KEY AUTOINCREMENT,  -- the WebSocket resume cursor
  ticket_id INTEGER NOT NULL, type TEXT NOT NULL,
  command TEXT NOT NULL,  -- groups the events of one command
  message_id INTEGER, at INTEGER NOT NULL, json TEXT NOT NULL
);
CREATE INDEX IF NOT EXISTS events_by_ticket ON events (ticket_id, seq);
CREATE INDEX IF NOT EXISTS events_by_command ON events (command);
CREATE TRIGGER IF NOT EXISTS events_no_update BEFORE UPDATE ON events
  BEGIN SELECT RAISE(ABORT, 'events are append-only'); END;
CREATE TRIGGER IF NOT EXISTS events_no_delete BEFORE DELETE ON events
  BEGIN SELECT RAISE(ABORT, 'events are append-only'); END;
CREATE TABLE IF NOT EXISTS drafts (
  ticket_id INTEGER NOT NULL, author INTEGER NOT NULL, updated_at INTEGER NOT NULL,
  json TEXT NOT NULL, PRIMARY KEY (ticket_id, author)
);
CREATE TABLE IF NOT EXISTS assignment_cursors (department TEXT PRIMARY KEY, last_assigned INTEGER);
"""


class SqliteTransaction(Transaction):
    def __init__(self, db):
        self.db = db
        self._seq = None

    def next_seq(self):
        # The write lock is held (BEGIN IMMEDIATE), so nobody else can take this number.
        if self._seq is None:
            row = self.db.execute("SELECT seq FROM sqlite_sequence WHERE name = 'events'").fetchone()
            self._seq = row[0] if row else 0
        self._seq += 1
        return self._seq

    def append_event(self, row):
        self.db.execute(
            "INSERT INTO events (seq, ticket_id, type, command, message_id, at, json) "
            "VALUES (?, ?, ?, ?, ?, ?, ?)",
            (row.seq, row.ticket_id, row.type, row.command, row.message_id, row.at, row.json))

    def put_ticket(self, row):
        self.db.execute(
            "INSERT OR REPLACE INTO tickets (id, ref, department, status, assignee, lock_holder, "
            "lock_expires_at, updated_at, version, json) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
            (row.id, row.ref, row.department, row.status, row.assignee, row.lock_holder,
             row.lock_expires_at, row.updated_at, row.version, row.json))

    def put_draft(self, row):
        self.db.execute(
            "INSERT OR REPLACE INTO drafts (ticket_id, author, updated_at, json) VALUES (?, ?, ?, ?)",
            (row.ticket_id, row.author, row.updated_at, row.json))

    def delete_draft(self, ticket_id, author):
        self.db.execute("DELETE FROM drafts WHERE ticket_id = ? AND author = ?", (ticket_id, author))

    def set_assignment_cursor(self, department, agent_id):
        self.db.execute("INSERT OR REPLACE INTO assignment_cursors VALUES (?, ?)", (department, agent_id))


class SqliteStore(Store):
    def __init__(self, path):
        try:
            Path(path).parent.mkdir(parents=True, exist_ok=True)
            self.db = sqlite3.connect(path, isolation_level=None)
            self.db.execute("PRAGMA journal_mode = WAL")
            self.db.execute("PRAGMA synchronous = FULL")
            self.db.execute("PRAGMA foreign_keys = ON")
            self.db.execute("PRAGMA busy_timeout = 5000")
            version = self.db.execute("PRAGMA user_version").fetchone()[0]
            if version > SCHEMA_VERSION:
                self.db.close()
                raise StoreUnavailable(f"the database {path} has schema version {version}, newer than "
                                       f"this serve.py knows ({SCHEMA_VERSION}): run a newer Baton on it")
            if version < SCHEMA_VERSION:
                self.db.executescript(SCHEMA)
                self.db.execute(f"PRAGMA user_version = {SCHEMA_VERSION}")
        except (sqlite3.Error, OSError) as exc:
            raise StoreUnavailable(f"cannot open the database {path}: {exc}") from None

    def close(self):
        self.db.close()

    @contextmanager
    def transaction(self):
        self.db.execute("BEGIN IMMEDIATE")
        try:
            yield SqliteTransaction(self.db)
            self.db.execute("COMMIT")
        except BaseException:
            if self.db.in_transaction:
                self.db.execute("ROLLBACK")
            raise

    @contextmanager
    def bulk_load(self):
        """Seeding a new database (demo data): no fsync per ticket; one checkpoint at the end.
        A crash meanwhile leaves a database to delete, which is fine for data made up at start."""
        self.db.execute("PRAGMA synchronous = OFF")
        try:
            yield
        finally:
            self.db.execute("PRAGMA synchronous = FULL")
            self.db.execute("PRAGMA wal_checkpoint(TRUNCATE)")

    def _one(self, sql, args=()):
        row = self.db.execute(sql, args).fetchone()
        return row[0] if row else None

    def is_empty(self):
        return not self._one("SELECT EXISTS (SELECT 1 FROM agents) OR EXISTS (SELECT 1 FROM tickets)")

    # agents and sessions

    _AGENT_COLUMNS = "id, name, email, role, departments, password_hash, last_seen"

    @staticmethod
    def _agent(row):
        return AgentRecord(row[0], row[1], row[2], row[3], tuple(json.loads(row[4])), row[5], row[6])

    def agents(self):
        rows = self.db.execute(f"SELECT {self._AGENT_COLUMNS} FROM agents ORDER BY id")
        return [self._agent(r) for r in rows]

    def agent_by_email(self, email):
        row = self.db.execute(f"SELECT {self._AGENT_COLUMNS} FROM agents WHERE email = ?",
                              (email,)).fetchone()
        return self._agent(row) if row else None

    def add_agent(self, name, email, role, departments, password_hash):
        cursor = self.db.execute(
            "INSERT INTO agents (name, email, role, departments, password_hash) VALUES (?, ?, ?, ?, ?)",
            (name, email, role, json.dumps(list(departments)), password_hash))
        return AgentRecord(cursor.lastrowid, name, email, role, tuple(departments), password_hash, None)

    def set_last_seen(self, agent_ids, at):
        with self.transaction():  # one sync for all, not one per agent
            self.db.executemany("UPDATE agents SET last_seen = ? WHERE id = ?", [(at, a) for a in agent_ids])

    def add_session(self, token_hash, agent_id, created_at):
        self.db.execute("INSERT INTO sessions VALUES (?, ?, ?)", (token_hash, agent_id, created_at))

    def session_agent(self, token_hash, created_after):
        return self._one("SELECT agent_id FROM sessions WHERE token_hash = ? AND created_at > ?",
                         (token_hash, created_after))

    def delete_session(self, token_hash):
        self.db.execute("DELETE FROM sessions WHERE token_hash = ?", (token_hash,))

    # settings

    def get_setting(self, key):
        return self._one("SELECT json FROM settings WHERE key = ?", (key,))

    def put_setting(self, key, text):
        self.db.execute("INSERT OR REPLACE INTO settings VALUES (?, ?)", (key, text))

    # tickets and history

    def tickets(self):
        rows = self.db.execute(
            "SELECT id, ref, department, status, assignee, lock_holder, lock_expires_at, "
            "updated_at, version, json FROM tickets ORDER BY id")
        return [TicketRow(*r) for r in rows]

    def drafts(self):
        rows = self.db.execute("SELECT ticket_id, author, updated_at, json FROM drafts "
                               "ORDER BY ticket_id, updated_at")
        return [DraftRow(*r) for r in rows]

    def events_after(self, seq):
        rows = self.db.execute("SELECT seq, ticket_id, type, command, message_id, at, json "
                               "FROM events WHERE seq > ? ORDER BY seq", (seq,))
        return [EventRow(*r) for r in rows]

    def last_seq(self):
        return self._one("SELECT COALESCE(MAX(seq), 0) FROM events")

    def history(self, ticket_id):
        rows = self.db.execute("SELECT json FROM events WHERE ticket_id = ? ORDER BY seq", (ticket_id,))
        return [r[0] for r in rows]

    def command_events(self, ticket_id, message_id):
        rows = self.db.execute(
            "SELECT json FROM events WHERE command = (SELECT command FROM events "
            "WHERE ticket_id = ? AND message_id = ?) ORDER BY seq", (ticket_id, message_id))
        return [r[0] for r in rows]

    def assignment_cursor(self, department):
        return self._one("SELECT last_assigned FROM assignment_cursors WHERE department = ?",
                         (department,))
