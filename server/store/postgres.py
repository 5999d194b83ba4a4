"""The PostgreSQL store (psycopg 3): the same tables as SQLite, for one or several serve.py processes.

`serve.py --db postgresql://user@host:port/dbname` (or $BATON_DB) selects it. One connection per
process, in autocommit mode; a command's writes run in one transaction (`begin`), which also
holds the row lock of every ticket the command decides on (`lock_ticket`, see server/commands/unit_of_work.py).
Event seqs come from a counter row that the transaction locks (`FOR UPDATE`) until it commits, so
seqs are gap-free and commit in order even with several writers: a reader never sees seq N+1
before seq N. Ticket ids come from a sequence. Acknowledged means durable: `synchronous_commit`
stays on (the server's default). The `live` table and the `baton` NOTIFY channel are the bus
between processes (server/live/bus.py).
"""
import asyncio
import json
import secrets
from contextlib import contextmanager

import psycopg

from .interface import (AgentRecord, DraftRow, EventRow, Listener, RefusalRow, Store, StoreUnavailable,
                        TicketRow, Transaction)
from .opening import redact
from .postgres_mail import MAIL_SCHEMA, PostgresMailStore, PostgresMailTransaction
from .search_text import CJK_CLASS, bigrams, is_cjk

# 2: the ticket list's search index; 3: refusals (the collision report); 4 (two branches of work
# met here): CJK pairs in the search index, or mail; 5: both
SCHEMA_VERSION = 5
MIGRATION_LOCK = 7_201_001  # pg_advisory_lock key: one process creates or migrates the schema

SCHEMA = """
CREATE TABLE IF NOT EXISTS baton_schema (version INTEGER NOT NULL);
CREATE TABLE IF NOT EXISTS agents (
  id BIGSERIAL PRIMARY KEY, name TEXT NOT NULL, email TEXT NOT NULL UNIQUE, role TEXT NOT NULL,
  departments TEXT NOT NULL, password_hash TEXT NOT NULL,
  last_seen BIGINT  -- ms; when the agent last had an open WebSocket (the disconnect grace)
);
CREATE TABLE IF NOT EXISTS sessions (
  token_hash TEXT PRIMARY KEY, agent_id BIGINT NOT NULL REFERENCES agents(id),
  created_at BIGINT NOT NULL
);
CREATE TABLE IF NOT EXISTS settings (key TEXT PRIMARY KEY, json TEXT NOT NULL);
CREATE TABLE IF NOT EXISTS tickets (
  id BIGINT PRIMARY KEY, ref TEXT NOT NULL UNIQUE, department TEXT NOT NULL,
  status TEXT NOT NULL, assignee BIGINT, lock_holder BIGINT, lock_expires_at BIGINT,
  updated_at BIGINT NOT NULL, version BIGINT NOT NULL,
  json TEXT NOT NULL  -- the core's ticket JSON without drafts
);
CREATE INDEX IF NOT EXISTS tickets_by_update ON tickets (updated_at DESC, id DESC);
CREATE TABLE IF NOT EXISTS counters (name TEXT PRIMARY KEY, value BIGINT NOT NULL);
INSERT INTO counters VALUES ('seq', 0) ON CONFLICT (name) DO NOTHING;
CREATE TABLE IF NOT EXISTS events (
  seq BIGINT PRIMARY KEY,  -- the WebSocket resume cursor
  ticket_id BIGINT NOT NULL, type TEXT NOT NULL,
  command TEXT NOT NULL,  -- groups the events of one command
  message_id BIGINT, at BIGINT NOT NULL, json TEXT NOT NULL
);
CREATE INDEX IF NOT EXISTS events_by_ticket ON events (ticket_id, seq);
CREATE INDEX IF NOT EXISTS events_by_command ON events (command);
CREATE OR REPLACE FUNCTION events_append_only() RETURNS trigger LANGUAGE plpgsql AS
  $$ BEGIN RAISE EXCEPTION 'events are append-only'; END $$;
DROP TRIGGER IF EXISTS events_append_only ON events;
CREATE TRIGGER events_append_only BEFORE UPDATE OR DELETE ON events
  FOR EACH STATEMENT EXECUTE FUNCTION events_append_only();
CREATE TABLE IF NOT EXISTS drafts (
  ticket_id BIGINT NOT NULL, author BIGINT NOT NULL, updated_at BIGINT NOT NULL,
  json TEXT NOT NULL, PRIMARY KEY (ticket_id, author)
);
CREATE TABLE IF NOT EXISTS assignment_cursors (department TEXT PRIMARY KEY, last_assigned BIGINT);
CREATE SEQUENCE IF NOT EXISTS ticket_ids;
SELECT setval('ticket_ids', GREATEST((SELECT max(id) FROM tickets), 1), (SELECT max(id) FROM tickets) IS NOT NULL);
-- Who is online and on which ticket, per serve.py process (ticket 0: the agent is connected).
-- Not logged: after a database restart every process is gone anyway.
CREATE UNLOGGED TABLE IF NOT EXISTS live (
  process TEXT NOT NULL, agent BIGINT NOT NULL, ticket BIGINT NOT NULL, state TEXT NOT NULL,
  PRIMARY KEY (process, agent, ticket)
);
"""
# The ticket list's search (version 2): a tsvector of each ticket's ref, subject, organization,
# requester and message bodies (the first 1,000 characters of each, 16,000 in all: a command
# re-indexes its ticket; lower-cased, split at anything but letters and digits, as the
# queries are), kept by a trigger, with a GIN index; `word:*` queries match as-you-type prefixes.
# Version 4: words are also split where a CJK run begins or ends (`e42エラー`: `e42`, `エラー`), and the pairs of characters of its CJK runs and each run's last character come first,
# in order (baton_cjk_grams, see search_text.py): a CJK word is found anywhere as its pairs one
# after another (`'異音' <-> '音が'`; they come first so that their positions stay below
# tsvector's limit of 16,383), one character as a prefix of them.
SEARCH_SCHEMA = """
ALTER TABLE tickets ADD COLUMN IF NOT EXISTS search tsvector;
CREATE OR REPLACE FUNCTION baton_search_text(j jsonb) RETURNS text LANGUAGE sql IMMUTABLE AS $$
  SELECT regexp_replace(regexp_replace(lower(left(concat_ws(' ', j->>'ref', j->>'subject', j->>'organization',
    j->'requester'->>'name', j->'requester'->>'email',
    (SELECT string_agg(left(m->>'body', 1000), ' ') FROM jsonb_array_elements(j->'messages') m)), 16000)),
    '([CJK_CLASS]+)', ' \\1 ', 'g'), '[^[:alnum:]]+', ' ', 'g') $$;
CREATE OR REPLACE FUNCTION baton_cjk_grams(t text) RETURNS text LANGUAGE sql IMMUTABLE AS $$
  SELECT coalesce(string_agg(substr(m.run[1], i, 2), ' ' ORDER BY m.n, i), '')
  FROM regexp_matches(t, '[CJK_CLASS]+', 'g') WITH ORDINALITY AS m(run, n),
       generate_series(1, length(m.run[1])) AS i $$;
CREATE OR REPLACE FUNCTION baton_search_vector(j jsonb) RETURNS tsvector LANGUAGE plpgsql IMMUTABLE AS $$
  DECLARE t text := baton_search_text(j);
  BEGIN RETURN to_tsvector('simple', baton_cjk_grams(t) || ' ' || t); END $$;
CREATE OR REPLACE FUNCTION tickets_search() RETURNS trigger LANGUAGE plpgsql AS $$
  BEGIN NEW.search := baton_search_vector(NEW.json::jsonb); RETURN NEW; END $$;
DROP TRIGGER IF EXISTS tickets_search ON tickets;
CREATE TRIGGER tickets_search BEFORE INSERT OR UPDATE OF json ON tickets
  FOR EACH ROW EXECUTE FUNCTION tickets_search();
CREATE INDEX IF NOT EXISTS tickets_search_gin ON tickets USING gin (search);
""".replace("CJK_CLASS", CJK_CLASS)
# Before version 4 the tsvectors had no CJK pairs: every ticket is indexed again once (the GIN
# index built afterwards, faster than updated row by row).
REINDEX_SQL = """
DROP INDEX IF EXISTS tickets_search_gin;
UPDATE tickets SET search = baton_search_vector(json::jsonb);
CREATE INDEX tickets_search_gin ON tickets USING gin (search);
"""
# The collision report (version 3): refused commands, and events found by time.
REFUSALS_SCHEMA = """
CREATE TABLE IF NOT EXISTS refusals (
  id BIGSERIAL PRIMARY KEY, at BIGINT NOT NULL, ticket_id BIGINT NOT NULL, agent BIGINT NOT NULL,
  command TEXT NOT NULL, code TEXT NOT NULL, idempotency_key TEXT, holder BIGINT,
  dedupe TEXT UNIQUE  -- one row per key (a draft under a colleague's lock: once per lock)
);
CREATE INDEX IF NOT EXISTS refusals_by_at ON refusals (at);
CREATE INDEX IF NOT EXISTS events_by_at ON events (at);
"""
# Every command rewrites its ticket's row, so its words enter the GIN index's pending list again
# (a row update is a new row version for every index). Each search reads that list through: at
# the default 4 MB limit that was 2 ms a search (uncontended) before it is merged in. 256 kB keeps
# it to a few pages, merged more often, a little at a time. Set on every start (no new schema).
SEARCH_PENDING_OPTION = "gin_pending_list_limit=256"
SEARCH_SAMPLE = 200  # see `search`: each sampled row costs a tsvector check
SEARCH_RARE = 0.05
# A query that the sample shows in a few percent of the tickets fills its page within this many
# rows read on in list order (~1 ms): cheaper than the index, which returns every ticket with the
# rarest word to be sorted (a word in 2% of 100,000 tickets: 2,000 rows, 3-8 ms).
SEARCH_READ_MAX = 2000
# The index for the rare word only; the whole query as a check it cannot use.
SEARCH_RARE_SQL = (
    "SELECT updated_at, id FROM tickets WHERE search @@ to_tsquery('simple', %s) "
    "AND (search @@ to_tsquery('simple', %s)) IS TRUE AND department = ANY(%s) "
    "AND (updated_at, id) < (%s, %s) ORDER BY updated_at + 0 DESC, id DESC LIMIT %s")
# Reading on in list order, at most SEARCH_READ_MAX rows: the inner LIMIT keeps the planner on the
# list's index (for a phrase of CJK pairs it misjudged how many match and scanned the whole table).
SEARCH_READ_SQL = (
    "SELECT updated_at, id FROM (SELECT updated_at, id, search FROM tickets WHERE department = ANY(%s) "
    "AND (updated_at, id) < (%s, %s) ORDER BY updated_at DESC, id DESC LIMIT %s) AS newer "
    "WHERE search @@ to_tsquery('simple', %s) ORDER BY updated_at DESC, id DESC LIMIT %s")
SEARCH_COMMON_SQL = (
    "SELECT updated_at, id FROM tickets WHERE (search @@ to_tsquery('simple', %s)) IS TRUE "
    "AND department = ANY(%s) AND (updated_at, id) < (%s, %s) "
    "ORDER BY updated_at DESC, id DESC LIMIT %s")
CHANNEL = "baton"
LEADER_LOCK = 7_201_002  # pg_try_advisory_lock key of the process that runs the automations


def _one_line(exc):
    text = " ".join(line.strip() for line in str(exc).strip().splitlines() if line.strip())
    return text or type(exc).__name__


class PostgresTransaction(PostgresMailTransaction, Transaction):
    """One command's transaction, in as few round trips as its answers allow: BEGIN travels with
    the first statement whose answer is needed (the row lock); the writes, the seq counter's new
    value, the notifications and the COMMIT are queued and sent together. So a command waits on
    the database three times (row lock, seq counter, commit), a draft twice, instead of once per
    statement. The statements travel as one query text each time, their values bound by psycopg
    on this side (a ClientCursor, quoting them as literals): psycopg's pure-Python pipeline mode
    cost more CPU per statement than the round trips it saved."""

    def __init__(self, store):
        self.store = store
        self.conn = store.conn
        self.cur = store.client  # client-side binding: several statements in one query text
        self.seq = None  # the counter's value as this transaction moved it (None: untouched)
        self.open = True
        self.begun = False  # BEGIN sent
        self.writes = []  # (sql, args) sent with the COMMIT
        self.logged = []  # the JSON of the events appended, for the commit's notification
        self.notices = []

    def _ask(self, sql, args):
        """A statement whose answer is needed now; the transaction's BEGIN goes with the first."""
        if self.begun:
            self.cur.execute(sql, args)
        else:
            self.begun = True
            self.cur.execute("BEGIN; " + sql, args)
            self.cur.nextset()
        return self.cur.fetchone()

    def commit(self):
        """Sends the queued writes, the seq counter and the notifications with the COMMIT (NOTIFY
        is delivered at commit), and waits for them: one round trip."""
        try:
            statements, args = ([] if self.begun else ["BEGIN"]), []
            for sql, values in self.writes:
                statements.append(sql)
                args += values
            if self.seq is not None:
                statements.append("UPDATE counters SET value = %s WHERE name = 'seq'")
                args.append(self.seq)
            for compose in self.notices:
                statements.append("SELECT pg_notify(%s, %s)")
                args += (CHANNEL, compose(self.logged))
            if self.begun or len(statements) > 1:
                self.begun = True
                self.cur.execute("; ".join(statements + ["COMMIT"]), args)
        except BaseException:
            self.rollback()
            raise
        self._end()

    def rollback(self):
        if self.open:
            try:
                if self.begun and not self.conn.closed:
                    self.conn.execute("ROLLBACK")
            finally:
                self._end()

    def _end(self):
        self.open = False
        self.writes = []
        if self.store.current is self:
            self.store.current = None

    def notify(self, compose):
        """A NOTIFY on the bus's channel, sent with the COMMIT: `compose(logged)` makes its text
        from the JSON of the events appended."""
        self.notices.append(compose)

    def lock_ticket(self, ticket_id):
        """Locks the ticket's row until the end of the transaction; its stored version (None: no
        such ticket)."""
        row = self._ask("SELECT version FROM tickets WHERE id = %s FOR UPDATE", (ticket_id,))
        return row[0] if row else None

    def next_seq(self):
        # The counter row stays locked until this transaction ends: other writers of events wait.
        if self.seq is None:
            self.seq = self._ask("SELECT value FROM counters WHERE name = 'seq' FOR UPDATE", ())[0]
        self.seq += 1
        return self.seq

    def append_event(self, row):
        self.logged.append(row.json)
        self.writes.append((
            "INSERT INTO events (seq, ticket_id, type, command, message_id, at, json) "
            "VALUES (%s, %s, %s, %s, %s, %s, %s)",
            (row.seq, row.ticket_id, row.type, row.command, row.message_id, row.at, row.json)))

    def put_ticket(self, row):
        self.writes.append((
            "INSERT INTO tickets (id, ref, department, status, assignee, lock_holder, lock_expires_at, "
            "updated_at, version, json) VALUES (%s, %s, %s, %s, %s, %s, %s, %s, %s, %s) "
            "ON CONFLICT (id) DO UPDATE SET ref = EXCLUDED.ref, department = EXCLUDED.department, "
            "status = EXCLUDED.status, assignee = EXCLUDED.assignee, lock_holder = EXCLUDED.lock_holder, "
            "lock_expires_at = EXCLUDED.lock_expires_at, updated_at = EXCLUDED.updated_at, "
            "version = EXCLUDED.version, json = EXCLUDED.json",
            (row.id, row.ref, row.department, row.status, row.assignee, row.lock_holder,
             row.lock_expires_at, row.updated_at, row.version, row.json)))

    def put_draft(self, row):
        self.writes.append((
            "INSERT INTO drafts (ticket_id, author, updated_at, json) VALUES (%s, %s, %s, %s) "
            "ON CONFLICT (ticket_id, author) DO UPDATE SET updated_at = EXCLUDED.updated_at, "
            "json = EXCLUDED.json", (row.ticket_id, row.author, row.updated_at, row.json)))

    def delete_draft(self, ticket_id, author):
        self.writes.append(("DELETE FROM drafts WHERE ticket_id = %s AND author = %s", (ticket_id, author)))

    def set_assignment_cursor(self, department, agent_id):
        self.writes.append((
            "INSERT INTO assignment_cursors VALUES (%s, %s) "
            "ON CONFLICT (department) DO UPDATE SET last_assigned = EXCLUDED.last_assigned",
            (department, agent_id)))


class PostgresListener(Listener):
    """Its own connection, LISTENing on the bus's channel; the event loop watches its socket."""

    def __init__(self, url, application_name):
        self.conn = psycopg.connect(url, autocommit=True, connect_timeout=5, application_name=application_name)
        try:
            self.conn.execute(f"LISTEN {CHANNEL}")
        except BaseException:
            self.conn.close()
            raise
        self._watched = None  # (loop, fd) while `start`ed

    def start(self, on_arrival):
        loop, fd = asyncio.get_running_loop(), self.conn.pgconn.socket
        loop.add_reader(fd, on_arrival)
        self._watched = (loop, fd)

    def receive(self):
        pgconn = self.conn.pgconn
        pgconn.consume_input()
        texts = []
        while True:
            notify = pgconn.notifies()
            if notify is None:
                break
            texts.append(notify.extra.decode(errors="replace"))
        if pgconn.status != 0:  # CONNECTION_OK
            raise ConnectionError("the LISTEN connection is broken")
        return texts

    def close(self):
        if self._watched is not None:
            loop, fd = self._watched
            self._watched = None
            loop.remove_reader(fd)
        self.conn.close()


class PostgresStore(PostgresMailStore, Store):
    def __init__(self, url):
        self.url = url
        self.origin = secrets.token_hex(6)  # this process, on the bus and in pg_stat_activity
        self.current = None  # the open PostgresTransaction, if any
        try:
            self.conn = psycopg.connect(url, autocommit=True, connect_timeout=5,
                                        application_name=self.application_name)
        except psycopg.Error as exc:
            raise StoreUnavailable(f"cannot connect to the database {redact(url)}: {_one_line(exc)}") from None
        self.client = psycopg.ClientCursor(self.conn)  # see PostgresTransaction
        try:
            self._migrate()
        except psycopg.Error as exc:
            self.conn.close()
            raise StoreUnavailable(f"cannot prepare the database {redact(url)}: {_one_line(exc)}") from None

    def _migrate(self):
        with self.conn.cursor() as cur:
            cur.execute("SELECT pg_advisory_lock(%s)", (MIGRATION_LOCK,))
            try:
                cur.execute("SELECT to_regclass('baton_schema') IS NOT NULL")
                if cur.fetchone()[0]:
                    cur.execute("SELECT max(version) FROM baton_schema")
                    version = cur.fetchone()[0] or 0
                    if version > SCHEMA_VERSION:
                        self.conn.close()
                        raise StoreUnavailable(
                            f"the database {redact(self.url)} has schema version {version}, newer than "
                            f"this serve.py knows ({SCHEMA_VERSION}): run a newer Baton on it")
                else:
                    version = 0
                if version < SCHEMA_VERSION:
                    with self.conn.transaction():
                        cur.execute(SCHEMA)
                        cur.execute(SEARCH_SCHEMA)
                        if version < 5:  # a version 4 may have been mail's, without the CJK pairs
                            cur.execute(REINDEX_SQL)
                        cur.execute(REFUSALS_SCHEMA)
                        cur.execute(MAIL_SCHEMA)
                        cur.execute("DELETE FROM baton_schema")
                        cur.execute("INSERT INTO baton_schema VALUES (%s)", (SCHEMA_VERSION,))
                cur.execute("SELECT reloptions FROM pg_class WHERE oid = 'tickets_search_gin'::regclass")
                if SEARCH_PENDING_OPTION not in (cur.fetchone()[0] or ()):
                    cur.execute(f"ALTER INDEX tickets_search_gin SET ({SEARCH_PENDING_OPTION})")
            finally:
                if not self.conn.closed:
                    cur.execute("SELECT pg_advisory_unlock(%s)", (MIGRATION_LOCK,))

    @property
    def application_name(self):
        return f"baton-{self.origin}"

    def close(self):
        if self.current is not None:
            self.current.rollback()
        self.conn.close()

    def warm(self):
        """The first search on a new connection plans its queries and fills the backend's caches
        of the tables, indexes and text-search functions it uses: 6 ms or more that the first
        agent to search would wait. Done here once, at start (each query with nothing to return)."""
        self.search(["baton"], (0, 0), [], 0)  # the sample, below the oldest ticket: empty at once
        for sql, args in ((SEARCH_RARE_SQL, ("baton:*", "baton:*", [], 0, 0, 0)),
                          (SEARCH_COMMON_SQL, ("baton:*", [], 0, 0, 0))):
            self._planned(sql, args)
        self._one("SELECT to_tsvector('simple', 'baton') @@ to_tsquery('simple', 'baton:*')")  # text search's caches
        return None

    def begin(self):
        """A new transaction; one left open by an abandoned unit of work is rolled back first."""
        if self.current is not None:
            self.current.rollback()
        self.current = PostgresTransaction(self)  # BEGIN goes with its first statement
        return self.current

    @contextmanager
    def bulk_load(self):
        """Seeding a new database (demo data): commits are not waited for on disk; a crash
        meanwhile leaves a database to drop, which is fine for data made up at start."""
        self.conn.execute("SET synchronous_commit = off")
        try:
            yield
        finally:
            if self.current is not None:
                self.current.rollback()
            self.conn.execute("SET synchronous_commit = on")
            # The planner's statistics for what was loaded, and the GIN index's pending list
            # merged into the index (every search would read that list through otherwise).
            self.conn.execute("VACUUM (ANALYZE) tickets")

    def _one(self, sql, args=()):
        row = self.conn.execute(sql, args).fetchone()
        return row[0] if row else None

    def _all(self, sql, args=()):
        return self.conn.execute(sql, args).fetchall()

    def _planned(self, sql, args):
        """A search query, planned for its own words every time: never a prepared statement,
        whose generic plan (chosen after a few runs, blind to how rare a prefix is) took a search
        from 1.5-2 ms to 8-14 ms once it had run about ten times."""
        return self.conn.execute(sql, args, prepare=False).fetchall()

    def is_empty(self):
        return not self._one("SELECT EXISTS (SELECT 1 FROM agents) OR EXISTS (SELECT 1 FROM tickets)")

    # agents and sessions

    _AGENT_COLUMNS = "id, name, email, role, departments, password_hash, last_seen"

    @staticmethod
    def _agent(row):
        return AgentRecord(row[0], row[1], row[2], row[3], tuple(json.loads(row[4])), row[5], row[6])

    def agents(self):
        return [self._agent(r) for r in self._all(f"SELECT {self._AGENT_COLUMNS} FROM agents ORDER BY id")]

    def agent_by_email(self, email):
        rows = self._all(f"SELECT {self._AGENT_COLUMNS} FROM agents WHERE email = %s", (email,))
        return self._agent(rows[0]) if rows else None

    def add_agent(self, name, email, role, departments, password_hash):
        agent_id = self._one(
            "INSERT INTO agents (name, email, role, departments, password_hash) "
            "VALUES (%s, %s, %s, %s, %s) RETURNING id",
            (name, email, role, json.dumps(list(departments)), password_hash))
        return AgentRecord(agent_id, name, email, role, tuple(departments), password_hash, None)

    def set_last_seen(self, agent_ids, at):
        agent_ids = list(agent_ids)
        if agent_ids:
            self.conn.execute("UPDATE agents SET last_seen = %s WHERE id = ANY(%s)", (at, agent_ids))

    def add_session(self, token_hash, agent_id, created_at):
        self.conn.execute("INSERT INTO sessions VALUES (%s, %s, %s)", (token_hash, agent_id, created_at))

    def session_agent(self, token_hash, created_after):
        return self._one("SELECT agent_id FROM sessions WHERE token_hash = %s AND created_at > %s",
                         (token_hash, created_after))

    def delete_session(self, token_hash):
        self.conn.execute("DELETE FROM sessions WHERE token_hash = %s", (token_hash,))

    # settings

    def get_setting(self, key):
        return self._one("SELECT json FROM settings WHERE key = %s", (key,))

    def put_setting(self, key, text):
        self.conn.execute("INSERT INTO settings VALUES (%s, %s) "
                          "ON CONFLICT (key) DO UPDATE SET json = EXCLUDED.json", (key, text))

    # tickets and history

    def tickets(self):
        rows = self._all("SELECT id, ref, department, status, assignee, lock_holder, lock_expires_at, "
                         "updated_at, version, json FROM tickets ORDER BY id")
        return [TicketRow(*r) for r in rows]

    def drafts(self):
        rows = self._all("SELECT ticket_id, author, updated_at, json FROM drafts "
                         "ORDER BY ticket_id, updated_at")
        return [DraftRow(*r) for r in rows]

    def events_after(self, seq):
        rows = self._all("SELECT seq, ticket_id, type, command, message_id, at, json "
                         "FROM events WHERE seq > %s ORDER BY seq", (seq,))
        return [EventRow(*r) for r in rows]

    def last_seq(self):
        return self._one("SELECT COALESCE(MAX(seq), 0) FROM events")

    def history(self, ticket_id):
        return [r[0] for r in self._all("SELECT json FROM events WHERE ticket_id = %s ORDER BY seq",
                                        (ticket_id,))]

    def command_events(self, ticket_id, message_id):
        rows = self._all(
            "SELECT json FROM events WHERE command = (SELECT command FROM events "
            "WHERE ticket_id = %s AND message_id = %s) ORDER BY seq", (ticket_id, message_id))
        return [r[0] for r in rows]

    def tickets_by_id(self, ids):
        rows = self._all("SELECT id, ref, department, status, assignee, lock_holder, lock_expires_at, "
                         "updated_at, version, json FROM tickets WHERE id = ANY(%s) ORDER BY id", (list(ids),))
        return [TicketRow(*r) for r in rows]

    def drafts_of(self, ids):
        rows = self._all("SELECT ticket_id, author, updated_at, json FROM drafts "
                         "WHERE ticket_id = ANY(%s) ORDER BY ticket_id, updated_at", (list(ids),))
        return [DraftRow(*r) for r in rows]

    def ticket_id_by_ref(self, ref):
        return self._one("SELECT id FROM tickets WHERE ref = %s", (ref,))

    def events_between(self, after, until):
        """Logged events with after < seq <= until, ascending."""
        rows = self._all("SELECT seq, ticket_id, type, command, message_id, at, json "
                         "FROM events WHERE seq > %s AND seq <= %s ORDER BY seq", (after, until))
        return [EventRow(*r) for r in rows]

    def next_ticket_id(self):
        return self._one("SELECT nextval('ticket_ids')")

    # the bus between processes (server/live/bus.py)

    def notify(self, text):
        self.conn.execute("SELECT pg_notify(%s, %s)", (CHANNEL, text))

    def listen(self):
        return PostgresListener(self.url, self.application_name)

    def set_live(self, agent, ticket, state, payload):
        """This process's presence row (state None: gone) and its notification, in one statement."""
        if state is None:
            self.conn.execute("WITH w AS (DELETE FROM live WHERE process = %s AND agent = %s AND ticket = %s) "
                              "SELECT pg_notify(%s, %s)", (self.origin, agent, ticket, CHANNEL, payload))
        else:
            self.conn.execute("WITH w AS (INSERT INTO live VALUES (%s, %s, %s, %s) ON CONFLICT "
                              "(process, agent, ticket) DO UPDATE SET state = EXCLUDED.state) "
                              "SELECT pg_notify(%s, %s)", (self.origin, agent, ticket, state, CHANNEL, payload))

    def live_rows(self):
        """(process, agent, ticket, state) of every process."""
        return self._all("SELECT process, agent, ticket, state FROM live")

    def forget_live(self, processes):
        self.conn.execute("DELETE FROM live WHERE process = ANY(%s)", (list(processes),))

    def live_processes(self):
        """The processes connected to the database right now (by their application_name)."""
        rows = self._all("SELECT DISTINCT application_name FROM pg_stat_activity "
                         "WHERE application_name LIKE 'baton-%%'")
        return {name[len("baton-"):] for (name,) in rows}

    def try_lead(self):
        """True while this process holds the automations' advisory lock (held by its connection)."""
        return bool(self._one("SELECT pg_try_advisory_lock(%s)", (LEADER_LOCK,)))

    def search(self, words, after, departments, count, among=None):
        """As in SQLite (sqlite.py): the newest SEARCH_SAMPLE tickets from the cursor are read
        in list order; if they do not fill the page, reading goes on in list order when the
        sample's matches say the page fills within SEARCH_READ_MAX rows, or when every word is
        common; otherwise the GIN index finds the rest through the rarest word in the sample. (The
        GIN index returns its matches unordered, so they are all read and sorted: right for a rare
        word, not for one in a few percent of the tickets, which SQLite's FTS5 reads in list order.)
        The planner is not left to guess which: prefix queries defeat its estimates."""
        queries = [_tsquery(word) for word in words]
        full = " & ".join(queries)
        cursor = "" if after is None else "AND (updated_at, id) < (%s, %s) "
        cursor_args = tuple(after or ())
        departments = list(departments)
        if among is not None:  # `IS TRUE`: a check the GIN index cannot take, so the ids lead
            return [tuple(r) for r in self._planned(
                f"SELECT updated_at, id FROM tickets WHERE id = ANY(%s) AND department = ANY(%s) {cursor}"
                "AND (search @@ to_tsquery('simple', %s)) IS TRUE ORDER BY updated_at DESC, id DESC LIMIT %s",
                ([p[1] for p in among], departments, *cursor_args, full, count))]
        hits = ", ".join("search @@ to_tsquery('simple', %s)" for _ in queries)
        sample = self._planned(  # the checks run on the sampled rows only (after the inner LIMIT)
            f"SELECT updated_at, id, {hits} FROM (SELECT updated_at, id, search FROM tickets "
            f"WHERE department = ANY(%s) {cursor}ORDER BY updated_at DESC, id DESC LIMIT %s) AS newest "
            "ORDER BY updated_at DESC, id DESC",
            (*queries, departments, *cursor_args, SEARCH_SAMPLE))
        found = [tuple(row[:2]) for row in sample if all(row[2:])]
        if len(found) >= count or len(sample) < SEARCH_SAMPLE:
            return found[:count]
        rest, last = count - len(found), tuple(sample[-1][:2])
        counts = [sum(1 for row in sample if row[2 + i]) for i in range(len(queries))]
        rarest = min(range(len(queries)), key=counts.__getitem__)
        if found and rest * SEARCH_SAMPLE <= SEARCH_READ_MAX * len(found):  # a few percent: read on
            rows = [tuple(r) for r in self._planned(SEARCH_READ_SQL, (departments, *last, SEARCH_READ_MAX, full, rest))]
            found, rest, last = found + rows, rest - len(rows), (rows[-1] if rows else last)
            if not rest:
                return found
        if counts[rarest] <= SEARCH_RARE * SEARCH_SAMPLE:
            rows = self._planned(SEARCH_RARE_SQL, (queries[rarest], full, departments, *last, rest))
        else:
            rows = self._planned(SEARCH_COMMON_SQL, (full, departments, *last, rest))
        return found + [tuple(r) for r in rows]

    def assignment_cursor(self, department):
        return self._one("SELECT last_assigned FROM assignment_cursors WHERE department = %s",
                         (department,))

    # the collision report

    def record_refusal(self, row):
        """Its own transaction: `begin` first rolls back one a rejected unit of work left open."""
        with self.transaction() as tx:
            tx.cur.execute(
                "INSERT INTO refusals (at, ticket_id, agent, command, code, idempotency_key, holder, "
                "dedupe) VALUES (%s, %s, %s, %s, %s, %s, %s, %s) ON CONFLICT (dedupe) DO NOTHING",
                (row.at, row.ticket_id, row.agent, row.command, row.code, row.idempotency_key,
                 row.holder, row.dedupe))

    def refusals_between(self, start, end):
        rows = self._all("SELECT at, ticket_id, agent, command, code, idempotency_key, holder, "
                         "dedupe FROM refusals WHERE at >= %s AND at < %s ORDER BY at, id", (start, end))
        return [RefusalRow(*r) for r in rows]

    def events_at_between(self, start, end):
        return [r[0] for r in self._all("SELECT json FROM events WHERE at >= %s AND at < %s ORDER BY seq",
                                        (start, end))]


def _tsquery(word):
    """The tsquery of one search word (letters and digits only): a word prefix, or a CJK word as
    its pairs of characters one after another (one character: a prefix of the pairs)."""
    if is_cjk(word) and len(word) > 1:
        return "(" + " <-> ".join(bigrams(word)) + ")"
    return f"{word}:*"
