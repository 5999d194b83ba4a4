"""The SQLite store: WAL mode, synchronous=FULL, one `BEGIN IMMEDIATE` transaction per command.

WAL with synchronous=NORMAL may lose the last commits on power loss, which would break
"acknowledged means durable"; FULL syncs the WAL on every commit. The single serve.py process
owns the database, and all access happens on the event loop thread, so commands never interleave.
So what the interface offers for several processes has its one-process answer here: no ticket
row needs locking (this process's tickets are the stored truth), nobody is notified or heard,
this process is the only one alive and always leads.
"""
import json
import os
import secrets
import sqlite3
import threading
from contextlib import contextmanager
from pathlib import Path

from .interface import (AgentRecord, DraftRow, EventRow, Listener, RefusalRow, Store, StoreUnavailable,
                        TicketRow, Transaction)
from .search_text import bigrams, cjk_grams, fold, is_cjk, split_words
from .sqlite_mail import MAIL_SCHEMA, SqliteMailStore, SqliteMailTransaction

SCHEMA_VERSION = 5  # PRAGMA user_version; 0 is a new file (or one made before versions were kept)

# The ticket list's search (version 2): an FTS5 index of each ticket's ref, subject, organization,
# requester and message bodies (their start: see SEARCH_*_CHARS), kept by triggers on `tickets` through the function
# baton_search_text (registered on the connection: write tickets only through this store). The
# indexed text is normalized (lower case, no diacritics, words of letters and digits, one space
# around each), so " " + prefix found in it means "a word starts with prefix"; since version 4
# it also holds the pairs of characters of its Chinese, Japanese and Korean text (search_text.py),
# in which a CJK word is found anywhere. Its rowid is the
# ticket's place in the list (newest updated_at first, then highest id): updated_at (ms since
# 2020, 41 bits: until 2089) and the id (22 bits: 4,194,303 tickets) packed into 63 bits.
SEARCH_EPOCH_MS = 1_577_836_800_000
SEARCH_MAX_ID = (1 << 22) - 1
SEARCH_BODY_CHARS = 1000  # of each message body, indexed (a long body: its start)
SEARCH_TICKET_CHARS = 16_000  # indexed per ticket at most: a command re-indexes its ticket
SEARCH_SAMPLE = 500  # rows read in list order before asking the word index (see `search`)
SEARCH_RARE = 0.05  # a word in fewer of the sampled rows than this is looked up in the index
WARM_CHUNK = 1 << 20  # see `warm`
WARM_MAX_FRACTION = 0.25
_KEY = "(((2199023255551 - ({t}.updated_at - 1577836800000)) << 22) | (4194303 - {t}.id))"
_TEXT = "baton_search_text({t}.json)"
SEARCH_SCHEMA = f"""
CREATE VIRTUAL TABLE IF NOT EXISTS ticket_search USING fts5(
  text, detail = none, prefix = '2 3', tokenize = 'unicode61 remove_diacritics 2');
CREATE TRIGGER IF NOT EXISTS tickets_search_insert AFTER INSERT ON tickets BEGIN
  INSERT INTO ticket_search (rowid, text) VALUES ({_KEY.format(t="new")}, {_TEXT.format(t="new")});
END;
CREATE TRIGGER IF NOT EXISTS tickets_search_update AFTER UPDATE ON tickets BEGIN
  DELETE FROM ticket_search WHERE rowid = {_KEY.format(t="old")};
  INSERT INTO ticket_search (rowid, text) VALUES ({_KEY.format(t="new")}, {_TEXT.format(t="new")});
END;
"""

# The collision report (version 3): refused commands, and events found by time.
REFUSALS_SCHEMA = """
CREATE TABLE IF NOT EXISTS refusals (
  id INTEGER PRIMARY KEY, at INTEGER NOT NULL, ticket_id INTEGER NOT NULL, agent INTEGER NOT NULL,
  command TEXT NOT NULL, code TEXT NOT NULL, idempotency_key TEXT, holder INTEGER,
  dedupe TEXT UNIQUE  -- one row per key (a draft under a colleague's lock: once per lock)
);
CREATE INDEX IF NOT EXISTS refusals_by_at ON refusals (at);
CREATE INDEX IF NOT EXISTS events_by_at ON events (at);
"""

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


class SqliteTransaction(SqliteMailTransaction, Transaction):
    """BEGIN IMMEDIATE (the write lock) with the first statement, COMMIT at `commit`."""

    def __init__(self, store):
        self.store = store
        self.db = store.db
        self._seq = None
        self.begun = False
        self.open = True

    def _begin(self):
        if not self.begun:
            self.db.execute("BEGIN IMMEDIATE")
            self.begun = True

    def execute(self, sql, args=()):
        self._begin()
        return self.db.execute(sql, args)

    def executemany(self, sql, rows):
        self._begin()
        self.db.executemany(sql, rows)

    def lock_ticket(self, ticket_id):
        return None  # one process, one unit of work at a time: its cached ticket is the truth

    def next_seq(self):
        # The write lock is held (BEGIN IMMEDIATE), so nobody else can take this number.
        if self._seq is None:
            row = self.execute("SELECT seq FROM sqlite_sequence WHERE name = 'events'").fetchone()
            self._seq = row[0] if row else 0
        self._seq += 1
        return self._seq

    def append_event(self, row):
        self.execute(
            "INSERT INTO events (seq, ticket_id, type, command, message_id, at, json) "
            "VALUES (?, ?, ?, ?, ?, ?, ?)",
            (row.seq, row.ticket_id, row.type, row.command, row.message_id, row.at, row.json))

    def put_ticket(self, row):
        # An upsert, not INSERT OR REPLACE: the search index's UPDATE trigger must see the old row.
        self.execute(
            "INSERT INTO tickets (id, ref, department, status, assignee, lock_holder, "
            "lock_expires_at, updated_at, version, json) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?) "
            "ON CONFLICT (id) DO UPDATE SET ref = excluded.ref, department = excluded.department, "
            "status = excluded.status, assignee = excluded.assignee, lock_holder = excluded.lock_holder, "
            "lock_expires_at = excluded.lock_expires_at, updated_at = excluded.updated_at, "
            "version = excluded.version, json = excluded.json",
            (row.id, row.ref, row.department, row.status, row.assignee, row.lock_holder,
             row.lock_expires_at, row.updated_at, row.version, row.json))

    def put_draft(self, row):
        self.execute(
            "INSERT OR REPLACE INTO drafts (ticket_id, author, updated_at, json) VALUES (?, ?, ?, ?)",
            (row.ticket_id, row.author, row.updated_at, row.json))

    def delete_draft(self, ticket_id, author):
        self.execute("DELETE FROM drafts WHERE ticket_id = ? AND author = ?", (ticket_id, author))

    def set_assignment_cursor(self, department, agent_id):
        self.execute("INSERT OR REPLACE INTO assignment_cursors VALUES (?, ?)", (department, agent_id))

    def notify(self, compose):
        pass  # no other process opens this file: nobody to tell

    def commit(self):
        try:
            if self.begun:
                self.db.execute("COMMIT")
        except BaseException:
            self.rollback()
            raise
        self._end()

    def rollback(self):
        if self.open:
            try:
                if self.db.in_transaction:
                    self.db.execute("ROLLBACK")
            finally:
                self._end()

    def _end(self):
        self.open = False
        if self.store.current is self:
            self.store.current = None


class _NothingToHear(Listener):
    """No other process writes this file, so no notification ever arrives."""

    def start(self, on_arrival):
        pass

    def receive(self):
        return []

    def close(self):
        pass


class SqliteStore(SqliteMailStore, Store):
    def __init__(self, path):
        self.path = path
        self.origin = secrets.token_hex(6)
        self.current = None  # the open SqliteTransaction, if any
        try:
            Path(path).parent.mkdir(parents=True, exist_ok=True)
            self.db = sqlite3.connect(path, isolation_level=None)
            self.db.execute("PRAGMA journal_mode = WAL")
            self.db.execute("PRAGMA synchronous = FULL")
            self.db.execute("PRAGMA foreign_keys = ON")
            self.db.execute("PRAGMA busy_timeout = 5000")
            self.db.create_function("baton_search_text", 1, search_text, deterministic=True)
            version = self.db.execute("PRAGMA user_version").fetchone()[0]
            if version > SCHEMA_VERSION:
                self.db.close()
                raise StoreUnavailable(f"the database {path} has schema version {version}, newer than "
                                       f"this serve.py knows ({SCHEMA_VERSION}): run a newer Baton on it")
            if version < SCHEMA_VERSION:
                self._migrate(version)
        except (sqlite3.Error, OSError) as exc:
            raise StoreUnavailable(f"cannot open the database {path}: {exc}") from None

    def _migrate(self, version):
        """Version 1 had no search index: a database from then gets one, filled from its tickets.
        Version 2 had no refusals (the collision report). Version 3 indexed CJK runs as whole
        words and had no mail (sqlite_mail.py); two lines of work each called their step version 4
        (the CJK pairs in the index, or mail): 5 is both, and the index is rebuilt below 5."""
        # idempotent: a crash here just runs it again
        self.db.executescript(SCHEMA + SEARCH_SCHEMA + REFUSALS_SCHEMA + MAIL_SCHEMA)
        self.db.execute("BEGIN IMMEDIATE")
        try:
            if version < 5:
                self.db.execute("DELETE FROM ticket_search")
                self.db.execute(f"INSERT INTO ticket_search (rowid, text) SELECT {_KEY.format(t='tickets')}, "
                                f"{_TEXT.format(t='tickets')} FROM tickets")
            self.db.execute(f"PRAGMA user_version = {SCHEMA_VERSION}")
            self.db.execute("COMMIT")
        except BaseException:
            if self.db.in_transaction:
                self.db.execute("ROLLBACK")
            raise

    def close(self):
        if self.current is not None:
            self.current.rollback()
        self.db.close()

    def warm(self):
        """Runs one search, and reads the database file once, on a thread, into the OS's page
        cache, so that the first search after a start does not wait for the disk: the start-up
        reads every ticket but not the search index, and from a cold cache the first search at
        100,000 tickets took 12-18 ms (1.4 ms warm). A plain sequential read (the GIL is released
        while reading) is faster than walking the index's tables through SQLite. Skipped for a
        file larger than a quarter of the machine's memory."""
        def read():
            try:
                with open(self.path, "rb", buffering=0) as file:
                    if os.fstat(file.fileno()).st_size > WARM_MAX_FRACTION * _memory_bytes():
                        return
                    os.posix_fadvise(file.fileno(), 0, 0, os.POSIX_FADV_SEQUENTIAL)
                    while file.read(WARM_CHUNK):
                        pass
            except OSError:
                pass  # an optimization only
        thread = threading.Thread(target=read, name="baton-warm", daemon=True)
        thread.start()
        # This connection's own page cache and prepared statements: the first search in-process
        # took 1.6-1.7 ms against 0.7-0.8 ms for later ones, with the file already cached.
        self.search(["baton"], None, (), 1)
        return thread

    def begin(self):
        if self.current is not None:
            self.current.rollback()
        self.current = SqliteTransaction(self)
        return self.current

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
        with self.transaction() as tx:  # one sync for all, not one per agent
            tx.executemany("UPDATE agents SET last_seen = ? WHERE id = ?", [(at, a) for a in agent_ids])

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

    def tickets_by_id(self, ids):
        ids = list(ids)
        rows = self.db.execute(
            "SELECT id, ref, department, status, assignee, lock_holder, lock_expires_at, updated_at, "
            f"version, json FROM tickets WHERE id IN ({','.join('?' * len(ids))}) ORDER BY id", ids)
        return [TicketRow(*r) for r in rows]

    def drafts_of(self, ids):
        ids = list(ids)
        rows = self.db.execute(f"SELECT ticket_id, author, updated_at, json FROM drafts WHERE ticket_id "
                               f"IN ({','.join('?' * len(ids))}) ORDER BY ticket_id, updated_at", ids)
        return [DraftRow(*r) for r in rows]

    def ticket_id_by_ref(self, ref):
        return self._one("SELECT id FROM tickets WHERE ref = ?", (ref,))

    def next_ticket_id(self):
        # Units of work run one at a time here, and a creation commits before the next begins.
        return self._one("SELECT COALESCE(MAX(id), 0) + 1 FROM tickets")

    def events_between(self, after, until):
        rows = self.db.execute("SELECT seq, ticket_id, type, command, message_id, at, json "
                               "FROM events WHERE seq > ? AND seq <= ? ORDER BY seq", (after, until))
        return [EventRow(*r) for r in rows]

    def assignment_cursor(self, department):
        return self._one("SELECT last_assigned FROM assignment_cursors WHERE department = ?",
                         (department,))

    def search(self, words, after, departments, count, among=None):
        """Common words are found by reading the tickets' text in list order (a page fills soon);
        rare ones through the FTS5 index of the rarest word, whose list of tickets is short. A
        sample of SEARCH_SAMPLE rows tells which is which. (FTS5 alone would merge the whole
        document list of every word before `ORDER BY rowid LIMIT` could stop it.)"""
        if (self._one("SELECT max(id) FROM tickets") or 0) > SEARCH_MAX_ID:
            return None  # beyond what the index's rowid can order: the caller reads every ticket
        words = [fold(word) for word in words]
        needles = [word if is_cjk(word) else " " + word for word in words]  # CJK: anywhere
        tests = " AND ".join("instr(c0, ?)" for _ in needles)
        key = 0 if after is None else _search_key(*after) + 1  # rowids ascend in list order
        if among is not None:  # a few tickets (a sparse view): read their text
            keys = sorted(k for k in (_search_key(*place) for place in among) if k >= key)
            if not keys:
                return []
            rows = self.db.execute(f"SELECT id FROM ticket_search_content WHERE id IN "
                                   f"({','.join('?' * len(keys))}) AND {tests} ORDER BY id LIMIT ?",
                                   (*keys, *needles, count))
            return [_search_place(r[0]) for r in rows]
        hits = ", ".join("instr(c0, ?) > 0" for _ in needles)
        sample = self.db.execute(f"SELECT id, {hits} FROM ticket_search_content WHERE id >= ? "
                                 "ORDER BY id LIMIT ?", (*needles, key, SEARCH_SAMPLE)).fetchall()
        found = [row[0] for row in sample if all(row[1:])]
        if len(found) >= count or len(sample) < SEARCH_SAMPLE:
            return [_search_place(k) for k in found[:count]]
        rest, last = count - len(found), sample[-1][0]
        counts = [sum(row[1 + i] for row in sample) for i in range(len(needles))]
        rarest = min(range(len(needles)), key=counts.__getitem__)
        if counts[rarest] <= SEARCH_RARE * SEARCH_SAMPLE:
            rows = self.db.execute(
                f"SELECT rowid FROM ticket_search WHERE ticket_search MATCH ? AND rowid > ? AND "
                f"{tests.replace('c0', 'text')} ORDER BY rowid LIMIT ?",
                (_match(words[rarest]), last, *needles, rest))
        else:  # every word is common but seldom together: keep reading in list order
            rows = self.db.execute(f"SELECT id FROM ticket_search_content WHERE id > ? AND {tests} "
                                   "ORDER BY id LIMIT ?", (last, *needles, rest))
        return [_search_place(k) for k in found + [r[0] for r in rows]]

    # the collision report

    def record_refusal(self, row):
        with self.transaction() as tx:
            tx.execute(
                "INSERT INTO refusals (at, ticket_id, agent, command, code, idempotency_key, holder, "
                "dedupe) VALUES (?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT (dedupe) DO NOTHING",
                (row.at, row.ticket_id, row.agent, row.command, row.code, row.idempotency_key,
                 row.holder, row.dedupe))

    def refusals_between(self, start, end):
        rows = self.db.execute("SELECT at, ticket_id, agent, command, code, idempotency_key, holder, "
                               "dedupe FROM refusals WHERE at >= ? AND at < ? ORDER BY at, id",
                               (start, end))
        return [RefusalRow(*r) for r in rows]

    def events_at_between(self, start, end):
        rows = self.db.execute("SELECT json FROM events WHERE at >= ? AND at < ? ORDER BY seq",
                               (start, end))
        return [r[0] for r in rows]


    # the other processes: there are none

    def notify(self, text):
        pass

    def listen(self):
        return _NothingToHear()

    def set_live(self, agent, ticket, state, payload):
        pass  # this process's own presence is all there is (server/live/hub.py)

    def live_rows(self):
        return []

    def forget_live(self, processes):
        pass

    def live_processes(self):
        return {self.origin}

    def try_lead(self):
        return True


def _memory_bytes():
    try:
        return os.sysconf("SC_PHYS_PAGES") * os.sysconf("SC_PAGE_SIZE")
    except (ValueError, OSError):
        return 0


def _match(word):
    """The FTS5 query for one folded search word: a word prefix, or a CJK word's pairs (one
    character: the pairs and last characters it starts; the caller checks the whole word)."""
    if is_cjk(word) and len(word) > 1:
        return " ".join('"%s"' % pair for pair in bigrams(word))
    return '"%s"*' % word


def search_text(ticket_json):
    """What the search index holds for a ticket: " word word ... " (see SEARCH_SCHEMA)."""
    try:
        ticket = json.loads(ticket_json)
        requester = ticket.get("requester") or {}
        parts = [ticket.get("ref"), ticket.get("subject"), ticket.get("organization"),
                 requester.get("name"), requester.get("email")]
        parts += [m.get("body", "")[:SEARCH_BODY_CHARS] for m in ticket.get("messages") or ()]
    except (ValueError, AttributeError, TypeError):
        return " "
    text = fold(" ".join(p for p in parts if isinstance(p, str))[:SEARCH_TICKET_CHARS])
    return " " + " ".join(split_words(text) + cjk_grams(text)) + " "


def _search_key(updated_at, ticket_id):
    return (((1 << 41) - 1 - (updated_at - SEARCH_EPOCH_MS)) << 22) | (SEARCH_MAX_ID - ticket_id)


def _search_place(key):
    """(updated_at, id) back from an index rowid."""
    return (1 << 41) - 1 - (key >> 22) + SEARCH_EPOCH_MS, SEARCH_MAX_ID - (key & SEARCH_MAX_ID)
