"""The mail channel's tables in SQLite (schema version 4; the interface is mail.py)."""
from .mail import OUTBOX_PENDING, AttachmentRow, InboundMailRow, OutboxRow

MAIL_SCHEMA = """
CREATE TABLE IF NOT EXISTS mail_in (
  key TEXT PRIMARY KEY,  -- each mail once (server/mail/receive.py)
  message_id TEXT, content_hash TEXT NOT NULL, ticket_id INTEGER, message INTEGER,
  kind TEXT NOT NULL, refs TEXT NOT NULL, received_at INTEGER NOT NULL
);
CREATE INDEX IF NOT EXISTS mail_in_by_message_id ON mail_in (message_id);
CREATE INDEX IF NOT EXISTS mail_in_by_ticket ON mail_in (ticket_id, received_at);
CREATE TABLE IF NOT EXISTS attachments (
  id TEXT PRIMARY KEY, ticket_id INTEGER NOT NULL, name TEXT NOT NULL, content_type TEXT NOT NULL,
  size INTEGER NOT NULL, data BLOB NOT NULL
);
CREATE TABLE IF NOT EXISTS outbox (
  id INTEGER PRIMARY KEY AUTOINCREMENT, ticket_id INTEGER NOT NULL, message INTEGER NOT NULL,
  to_address TEXT NOT NULL, state TEXT NOT NULL, reason TEXT NOT NULL DEFAULT '',
  attempts INTEGER NOT NULL DEFAULT 0, queued_at INTEGER NOT NULL, next_at INTEGER,
  claimed_until INTEGER, claimed_by TEXT, sent_at INTEGER, updated_at INTEGER NOT NULL,
  UNIQUE (ticket_id, message)
);
CREATE INDEX IF NOT EXISTS outbox_by_next ON outbox (next_at) WHERE next_at IS NOT NULL;
CREATE INDEX IF NOT EXISTS outbox_by_state ON outbox (state, id);
"""

_MAIL_COLUMNS = "key, message_id, content_hash, ticket_id, message, kind, refs, received_at"
_OUTBOX_COLUMNS = ("id, ticket_id, message, to_address, state, reason, attempts, queued_at, next_at, "
                   "claimed_until, sent_at, updated_at")
_PENDING = "state IN ('" + "', '".join(OUTBOX_PENDING) + "')"


class SqliteMailTransaction:
    """Mixed into SqliteTransaction (its `execute` begins the transaction)."""

    def add_inbound_mail(self, row):
        self.execute(f"INSERT INTO mail_in ({_MAIL_COLUMNS}) VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
                     (row.key, row.message_id, row.content_hash, row.ticket_id, row.message, row.kind,
                      row.refs, row.received_at))

    def add_attachment(self, row):
        self.execute("INSERT INTO attachments (id, ticket_id, name, content_type, size, data) "
                     "VALUES (?, ?, ?, ?, ?, ?)",
                     (row.id, row.ticket_id, row.name, row.content_type, row.size, row.data))

    def add_outbox(self, ticket_id, message, to_address, state, at):
        self.execute("INSERT INTO outbox (ticket_id, message, to_address, state, queued_at, next_at, "
                     "updated_at) VALUES (?, ?, ?, ?, ?, ?, ?) ON CONFLICT (ticket_id, message) DO NOTHING",
                     (ticket_id, message, to_address, state, at, at if state in OUTBOX_PENDING else None, at))

    def set_outbox_state(self, ticket_id, message, state, reason, at):
        restart = state == "queued" and not reason
        self.execute(
            "UPDATE outbox SET state = ?, reason = ?, updated_at = ?, "
            "sent_at = CASE WHEN ? = 'sent' THEN ? ELSE sent_at END, "
            "next_at = CASE WHEN ? THEN ? WHEN ? IN ('sent', 'failed') THEN NULL ELSE next_at END, "
            "attempts = CASE WHEN ? THEN 0 ELSE attempts END, "
            "queued_at = CASE WHEN ? THEN ? ELSE queued_at END "
            "WHERE ticket_id = ? AND message = ?",
            (state, reason, at, state, at, restart, at, state, restart, restart, at, ticket_id, message))

    def set_outbox_schedule(self, outbox_id, attempts, next_at, reason, at):
        self.execute("UPDATE outbox SET attempts = ?, next_at = ?, reason = ?, claimed_until = NULL, "
                     "updated_at = ? WHERE id = ?", (attempts, next_at, reason, at, outbox_id))


class SqliteMailStore:
    """Mixed into SqliteStore."""

    def inbound_mails(self, message_id):
        rows = self.db.execute(f"SELECT {_MAIL_COLUMNS} FROM mail_in WHERE message_id = ?", (message_id,))
        return [InboundMailRow(*r) for r in rows]

    def inbound_mail(self, key):
        row = self.db.execute(f"SELECT {_MAIL_COLUMNS} FROM mail_in WHERE key = ?", (key,)).fetchone()
        return InboundMailRow(*row) if row else None

    def ticket_by_mail_id(self, message_id):
        return self._one("SELECT ticket_id FROM mail_in WHERE message_id = ? AND ticket_id IS NOT NULL "
                         "ORDER BY received_at LIMIT 1", (message_id,))

    def last_customer_mail(self, ticket_id):
        row = self.db.execute(f"SELECT {_MAIL_COLUMNS} FROM mail_in WHERE ticket_id = ? AND kind = 'message' "
                              "ORDER BY received_at DESC LIMIT 1", (ticket_id,)).fetchone()
        return InboundMailRow(*row) if row else None

    def attachment(self, ticket_id, attachment_id):
        row = self.db.execute("SELECT id, ticket_id, name, content_type, size, data FROM attachments "
                              "WHERE id = ? AND ticket_id = ?", (attachment_id, ticket_id)).fetchone()
        return AttachmentRow(*row) if row else None

    def _outbox(self, where, args):
        rows = self.db.execute(f"SELECT {_OUTBOX_COLUMNS} FROM outbox WHERE {where}", args)
        return [OutboxRow(*r) for r in rows]

    def outbox_row(self, outbox_id):
        rows = self._outbox("id = ?", (outbox_id,))
        return rows[0] if rows else None

    def outbox_row_of(self, ticket_id, message):
        rows = self._outbox("ticket_id = ? AND message = ?", (ticket_id, message))
        return rows[0] if rows else None

    def outbox_due(self, now, limit):
        return self._outbox(f"next_at <= ? AND {_PENDING} AND (claimed_until IS NULL OR claimed_until < ?) "
                            "ORDER BY next_at, id LIMIT ?", (now, now, limit))

    def outbox_list(self, states, limit):
        states = list(states)
        return self._outbox(f"state IN ({','.join('?' * len(states))}) ORDER BY id DESC LIMIT ?",
                            (*states, limit))

    def claim_outbox(self, ids, now, until):
        ids = list(ids)
        with self.transaction() as tx:
            rows = tx.execute(f"UPDATE outbox SET claimed_until = ?, claimed_by = ? WHERE id IN "
                              f"({','.join('?' * len(ids))}) AND {_PENDING} AND next_at IS NOT NULL AND "
                              "(claimed_until IS NULL OR claimed_until < ?) RETURNING id",
                              (until, self.origin, *ids, now)).fetchall()
            return {r[0] for r in rows}

    def release_outbox_claims(self, alive):
        alive = list(alive)
        with self.transaction() as tx:
            return tx.execute(f"UPDATE outbox SET claimed_until = NULL WHERE claimed_until IS NOT NULL AND "
                              f"(claimed_by IS NULL OR claimed_by NOT IN ({','.join('?' * len(alive))}))",
                              alive).rowcount

    def hold_outbox(self, outbox_id, reason, at):
        with self.transaction() as tx:
            tx.execute(f"UPDATE outbox SET next_at = NULL, reason = ?, updated_at = ? WHERE id = ? AND {_PENDING}",
                       (reason, at, outbox_id))

    def release_held_outbox(self, now):
        with self.transaction() as tx:
            return tx.execute(f"UPDATE outbox SET next_at = ?, reason = '', updated_at = ? "
                              f"WHERE next_at IS NULL AND {_PENDING}", (now, now)).rowcount
