"""The mail channel's tables in PostgreSQL (schema version 4; the interface is mail.py)."""
from .mail import OUTBOX_PENDING, AttachmentRow, InboundMailRow, OutboxRow

MAIL_SCHEMA = """
CREATE TABLE IF NOT EXISTS mail_in (
  key TEXT PRIMARY KEY,  -- each mail once (server/mail/receive.py)
  message_id TEXT, content_hash TEXT NOT NULL, ticket_id BIGINT, message BIGINT,
  kind TEXT NOT NULL, refs TEXT NOT NULL, received_at BIGINT NOT NULL
);
CREATE INDEX IF NOT EXISTS mail_in_by_message_id ON mail_in (message_id);
CREATE INDEX IF NOT EXISTS mail_in_by_ticket ON mail_in (ticket_id, received_at);
CREATE TABLE IF NOT EXISTS attachments (
  id TEXT PRIMARY KEY, ticket_id BIGINT NOT NULL, name TEXT NOT NULL, content_type TEXT NOT NULL,
  size BIGINT NOT NULL, data BYTEA NOT NULL
);
CREATE TABLE IF NOT EXISTS outbox (
  id BIGSERIAL PRIMARY KEY, ticket_id BIGINT NOT NULL, message BIGINT NOT NULL,
  to_address TEXT NOT NULL, state TEXT NOT NULL, reason TEXT NOT NULL DEFAULT '',
  attempts INTEGER NOT NULL DEFAULT 0, queued_at BIGINT NOT NULL, next_at BIGINT,
  claimed_until BIGINT, claimed_by TEXT, sent_at BIGINT, updated_at BIGINT NOT NULL,
  UNIQUE (ticket_id, message)
);
CREATE INDEX IF NOT EXISTS outbox_by_next ON outbox (next_at) WHERE next_at IS NOT NULL;
CREATE INDEX IF NOT EXISTS outbox_by_state ON outbox (state, id);
"""

_MAIL_COLUMNS = "key, message_id, content_hash, ticket_id, message, kind, refs, received_at"
_OUTBOX_COLUMNS = ("id, ticket_id, message, to_address, state, reason, attempts, queued_at, next_at, "
                   "claimed_until, sent_at, updated_at")
_PENDING = "state IN ('" + "', '".join(OUTBOX_PENDING) + "')"


class PostgresMailTransaction:
    """Mixed into PostgresTransaction: the writes go with its COMMIT (see there)."""

    def add_inbound_mail(self, row):
        self.writes.append((f"INSERT INTO mail_in ({_MAIL_COLUMNS}) VALUES (%s, %s, %s, %s, %s, %s, %s, %s)",
                            (row.key, row.message_id, row.content_hash, row.ticket_id, row.message, row.kind,
                             row.refs, row.received_at)))

    def add_attachment(self, row):
        self.writes.append(("INSERT INTO attachments (id, ticket_id, name, content_type, size, data) "
                            "VALUES (%s, %s, %s, %s, %s, %s)",
                            (row.id, row.ticket_id, row.name, row.content_type, row.size, row.data)))

    def add_outbox(self, ticket_id, message, to_address, state, at):
        self.writes.append((
            "INSERT INTO outbox (ticket_id, message, to_address, state, queued_at, next_at, updated_at) "
            "VALUES (%s, %s, %s, %s, %s, %s, %s) ON CONFLICT (ticket_id, message) DO NOTHING",
            (ticket_id, message, to_address, state, at, at if state in OUTBOX_PENDING else None, at)))

    def set_outbox_state(self, ticket_id, message, state, reason, at):
        restart = state == "queued" and not reason
        self.writes.append((
            "UPDATE outbox SET state = %s, reason = %s, updated_at = %s, "
            "sent_at = CASE WHEN %s = 'sent' THEN %s ELSE sent_at END, "
            "next_at = CASE WHEN %s THEN %s WHEN %s IN ('sent', 'failed') THEN NULL ELSE next_at END, "
            "attempts = CASE WHEN %s THEN 0 ELSE attempts END, "
            "queued_at = CASE WHEN %s THEN %s ELSE queued_at END "
            "WHERE ticket_id = %s AND message = %s",
            (state, reason, at, state, at, restart, at, state, restart, restart, at, ticket_id, message)))

    def set_outbox_schedule(self, outbox_id, attempts, next_at, reason, at):
        self.writes.append(("UPDATE outbox SET attempts = %s, next_at = %s, reason = %s, claimed_until = NULL, "
                            "updated_at = %s WHERE id = %s", (attempts, next_at, reason, at, outbox_id)))


class PostgresMailStore:
    """Mixed into PostgresStore."""

    def inbound_mails(self, message_id):
        return [InboundMailRow(*r) for r in
                self._all(f"SELECT {_MAIL_COLUMNS} FROM mail_in WHERE message_id = %s", (message_id,))]

    def inbound_mail(self, key):
        rows = self._all(f"SELECT {_MAIL_COLUMNS} FROM mail_in WHERE key = %s", (key,))
        return InboundMailRow(*rows[0]) if rows else None

    def ticket_by_mail_id(self, message_id):
        return self._one("SELECT ticket_id FROM mail_in WHERE message_id = %s AND ticket_id IS NOT NULL "
                         "ORDER BY received_at LIMIT 1", (message_id,))

    def last_customer_mail(self, ticket_id):
        rows = self._all(f"SELECT {_MAIL_COLUMNS} FROM mail_in WHERE ticket_id = %s AND kind = 'message' "
                         "ORDER BY received_at DESC LIMIT 1", (ticket_id,))
        return InboundMailRow(*rows[0]) if rows else None

    def attachment(self, ticket_id, attachment_id):
        rows = self._all("SELECT id, ticket_id, name, content_type, size, data FROM attachments "
                         "WHERE id = %s AND ticket_id = %s", (attachment_id, ticket_id))
        if not rows:
            return None
        row = list(rows[0])
        row[5] = bytes(row[5])
        return AttachmentRow(*row)

    def _outbox(self, where, args):
        return [OutboxRow(*r) for r in self._all(f"SELECT {_OUTBOX_COLUMNS} FROM outbox WHERE {where}", args)]

    def outbox_row(self, outbox_id):
        rows = self._outbox("id = %s", (outbox_id,))
        return rows[0] if rows else None

    def outbox_row_of(self, ticket_id, message):
        rows = self._outbox("ticket_id = %s AND message = %s", (ticket_id, message))
        return rows[0] if rows else None

    def outbox_due(self, now, limit):
        return self._outbox(f"next_at <= %s AND {_PENDING} AND (claimed_until IS NULL OR claimed_until < %s) "
                            "ORDER BY next_at, id LIMIT %s", (now, now, limit))

    def outbox_list(self, states, limit):
        return self._outbox("state = ANY(%s) ORDER BY id DESC LIMIT %s", (list(states), limit))

    def claim_outbox(self, ids, now, until):
        """Its own transaction: `begin` first rolls back one a rejected unit of work left open."""
        with self.transaction() as tx:
            row = tx._ask(f"WITH c AS (UPDATE outbox SET claimed_until = %s, claimed_by = %s WHERE id = ANY(%s) "
                          f"AND {_PENDING} AND next_at IS NOT NULL AND (claimed_until IS NULL OR claimed_until < %s) "
                          "RETURNING id) SELECT coalesce(array_agg(id), '{}') FROM c",
                          (until, self.origin, list(ids), now))
            return set(row[0]) if row else set()

    def release_outbox_claims(self, alive):
        with self.transaction() as tx:
            rows = tx._ask("WITH r AS (UPDATE outbox SET claimed_until = NULL WHERE claimed_until IS NOT NULL "
                           "AND (claimed_by IS NULL OR claimed_by <> ALL(%s)) RETURNING 1) SELECT count(*) FROM r",
                           (list(alive),))
            return rows[0] if rows else 0

    def hold_outbox(self, outbox_id, reason, at):
        with self.transaction() as tx:
            tx.writes.append((f"UPDATE outbox SET next_at = NULL, reason = %s, updated_at = %s "
                              f"WHERE id = %s AND {_PENDING}", (reason, at, outbox_id)))

    def release_held_outbox(self, now):
        with self.transaction() as tx:
            rows = tx._ask(f"WITH r AS (UPDATE outbox SET next_at = %s, reason = '', updated_at = %s "
                           f"WHERE next_at IS NULL AND {_PENDING} RETURNING 1) SELECT count(*) FROM r",
                           (now, now))
            return rows[0] if rows else 0
