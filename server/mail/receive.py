"""A mail received over SMTP, stored once on the right ticket (or dropped, on purpose and logged).

In order: a bounce of one of our replies marks that reply "not delivered"; our own mail coming
back (a loop) is dropped; a mail already stored is answered 250 and changes nothing; the rest is
threaded (threading.py) and becomes a customer message on its ticket (an auto-reply marked
automatic), or a new ticket when it threads nowhere (an auto-reply that threads nowhere is
dropped: answering robots is how loops start).

Each mail once: its key is its Message-ID; a different mail under an ID already stored gets
`ID#content-hash`, and a mail without an ID `#content-hash` (the hash leaves out the headers added
on the way, see decode.content_hash). The key is stored in the transaction that stores the message
(a primary key: a second process storing the same mail at the same moment fails its commit, the
MTA is told 451 and retries, and finds it stored).
"""
import asyncio
import json
import logging
import secrets

from ..commands.automations import auto_assign
from ..commands.creation import blank_ticket
from ..store.mail import AttachmentRow, InboundMailRow
from . import classify, decode, threading
from .smtp_in import TEMPORARY_FAILURE

log = logging.getLogger("baton.mail")

MAX_LINE_BYTES = 200  # the core's limit for a subject or a name
MAX_CONTENT_TYPE = 255
MAX_ATTACHMENTS = 100  # the core's limit per message
# Each reply quotes the whole thread again, which the thread already shows: kept short, or a long
# conversation's ticket would grow with the square of its mails (and every command writes it).
MAX_QUOTED_BYTES = 10_000


class Receiver:
    def __init__(self, channel):
        self.channel = channel
        self.c = channel.commands

    def accepts(self, address):
        return self.channel.book().accepts(address)

    async def deliver(self, mail_from, rcpt_tos, raw):
        """The SMTP answer to one mail (smtp_in.Handler)."""
        try:
            # Parsing is pure Python: on a thread, a large mail does not hold up the loop alone.
            mail = await asyncio.get_running_loop().run_in_executor(None, decode.parse, raw)
            answer = self.receive(mail, mail_from, rcpt_tos)
        except Exception:  # noqa: BLE001 - whatever it was, the MTA keeps the mail and retries
            log.exception("mail: storing a mail failed (answered 451)")
            self.c.metrics.mail("failed")
            return TEMPORARY_FAILURE
        return answer

    def receive(self, mail, mail_from, rcpt_tos):
        """Decides and commits with no await in between: what the lookups saw is still true."""
        book, now = self.channel.book(), self.c.clock.now()
        if any(book.is_bounce(r) for r in rcpt_tos) or classify.is_report(mail):
            return self._bounce(mail, [r for r in rcpt_tos if book.is_bounce(r)], now)
        if classify.is_loop(mail, book.is_own, self.channel.domain):
            return self._drop(mail, "loop", "Baton's own mail came back", now)
        key = self._key(mail)
        if key is None:
            self.c.metrics.mail("duplicate")
            return "250 2.0.0 Already received"
        automatic = classify.is_automatic(mail, mail_from)
        found = threading.find_ticket(mail, rcpt_tos, self.channel.names, self._lookups())
        sender = mail.from_address or (mail_from if mail_from.count("@") == 1 else "")
        if not sender:
            return self._drop(mail, "dropped", "no sender address", now, key)
        if found is None and automatic:
            return self._drop(mail, "dropped", "an auto-reply to no ticket", now, key)
        department = next((d for d in map(book.department_for, rcpt_tos) if d), None)
        if found is None and department is None:
            return self._drop(mail, "dropped", "no department address among the recipients", now, key)
        return self._store(mail, key, sender, automatic, found, department, now)

    # each mail once

    def _key(self, mail):
        store = self.c.store
        if mail.message_id:
            stored = store.inbound_mails(mail.message_id)
            if any(row.content_hash == mail.content_hash for row in stored):
                return None
            return f"{mail.message_id}#{mail.content_hash}" if stored else mail.message_id
        key = "#" + mail.content_hash
        return None if store.inbound_mail(key) else key

    def _row(self, mail, key, kind, ticket_id, message, now):
        return InboundMailRow(key, mail.message_id, mail.content_hash, ticket_id, message, kind,
                              " ".join(mail.references), now)

    def _drop(self, mail, kind, why, now, key=None):
        """Answered 250 (nothing for the MTA to retry), logged, and remembered so a second
        delivery is recognised."""
        key = key or self._key(mail)
        if key is not None:
            with self.c.store.transaction() as tx:
                tx.add_inbound_mail(self._row(mail, key, kind, None, None, now))
        log.warning("mail: dropped %s from %s: %s", mail.message_id or "(no Message-ID)",
                    mail.from_address or "(no sender)", why)
        self.c.metrics.mail(kind)
        return f"250 2.0.0 Dropped: {why}"

    # a customer's message

    def _lookups(self):
        bus, store = self.c.bus, self.c.store

        def requester_email(ticket_id):
            ticket = bus.find(ticket_id)
            return ticket.requester_email if ticket is not None else ""

        return threading.Lookups(ticket_exists=lambda ticket_id: bus.find(ticket_id) is not None,
                                 ticket_by_message_id=store.ticket_by_mail_id,
                                 ticket_by_ref=bus.find_ref, requester_email=requester_email)

    def _store(self, mail, key, sender, automatic, found, department, now):
        c, core = self.c, self.c.core
        uow = c.unit()
        blank = None if found else blank_ticket(c)  # a new ticket's id is needed for its files' URLs
        ticket_id = found[0] if found else blank.id
        body, attachments = self._body_and_files(mail, ticket_id)
        parts = {"body": body, "from": sender, "quoted": _quoted(mail.quoted, c.config.settings.max_body_bytes),
                 "attachments": [{"name": a.name, "size": a.size, "content_type": a.content_type,
                                  "url": f"/api/tickets/{ticket_id}/attachments/{a.id}"} for a in attachments]}
        if found is not None:
            fields = {"type": "receive", **parts, "automatic": automatic}
        else:
            name = mail.from_name or sender.split("@")[0]
            fields = {"type": "create", **parts, "department": department,
                      "subject": _cut(mail.subject, MAX_LINE_BYTES) or "(no subject)",
                      "requester": {"name": _cut(name, MAX_LINE_BYTES), "email": sender}}
        text = json.dumps(fields)
        command = core.Command.parse(text, len(text.encode()) + 1)
        if isinstance(command, core.Rejection):
            raise MailNotStored(command.message)
        result = uow.run(ticket_id, command, c.system, now) if found else uow.create(blank, command, c.system, now)
        if isinstance(result, core.Rejection):
            raise MailNotStored(result.message)
        ticket = uow.ticket(ticket_id)
        if found is None:
            auto_assign(c, uow, ticket)
        message = ticket.message_count
        kind = "automatic" if automatic else "message"

        def rows(tx):
            tx.add_inbound_mail(self._row(mail, key, kind, ticket_id, message, now))
            for attachment in attachments:
                tx.add_attachment(attachment)

        uow.also(rows)
        uow.commit()
        c.metrics.mail("threaded" if found else "new_ticket")
        how = f" ({found[1]})" if found else " (new ticket)"
        return f"250 2.0.0 Stored on ticket {ticket.ref}{how}"

    def _body_and_files(self, mail, ticket_id):
        """The body within the core's max_body_bytes (the whole text, if longer, as an attachment)
        and the attachments' rows."""
        limit = self.c.config.settings.max_body_bytes
        files = [(a.name, a.content_type, a.data) for a in mail.attachments]
        body = mail.body
        if len(files) >= MAX_ATTACHMENTS:  # the core's limit; one place kept for message.txt
            left_out = len(files) - (MAX_ATTACHMENTS - 1)
            files = files[:MAX_ATTACHMENTS - 1]
            body += f"\n\n[{left_out} more attachments were left out: at most {MAX_ATTACHMENTS} are kept]"
        if len(body.encode()) > limit:
            files.append(("message.txt", "text/plain; charset=utf-8", body.encode()))
            body = _cut(body, limit - 200) + "\n\n[The mail goes on: its whole text is attached as message.txt]"
        if not body.strip():
            body = "(no text)" if files else "(empty mail)"
        rows = [AttachmentRow(secrets.token_urlsafe(16), ticket_id, name,
                              _content_type(content_type), len(data), data) for name, content_type, data in files]
        return body, rows

    # a bounce of one of our replies

    def _bounce(self, mail, bounce_rcpts, now):
        c, names = self.c, self.channel.names
        report = classify.bounce(mail)
        target = None
        for address in bounce_rcpts:
            outbox_id = names.parse_bounce_address(address)
            row = c.store.outbox_row(outbox_id) if outbox_id is not None else None
            if row is not None:
                target = (row.ticket_id, row.message)
                break
        if target is None and report is not None:
            target = next((own for own in map(names.parse_message_id, report.message_ids) if own), None)
        if report is None:
            return self._drop(mail, "bounce", "a delivery report that reports no failure", now)
        if target is None or c.bus.find(target[0]) is None:
            return self._drop(mail, "bounce", "a bounce of no reply of ours", now)
        key = self._key(mail)
        if key is None:
            return "250 2.0.0 Already received"
        command = c.core.Command.parse(json.dumps({"type": "record_delivery", "message": target[1],
                                                   "state": "failed", "reason": report.reason}), 1 << 16)
        uow = c.unit()
        result = uow.run(target[0], command, c.system, now)
        if isinstance(result, c.core.Rejection):  # already failed (a second bounce), or never mailed
            uow.close()
            return self._drop(mail, "bounce", f"a bounce that changes nothing ({result.message})", now, key)
        uow.also(lambda tx: tx.add_inbound_mail(self._row(mail, key, "bounce", target[0], target[1], now)))
        uow.commit()
        c.metrics.mail("bounce")
        log.info("mail: reply %s of ticket %s bounced: %s", target[1], target[0], report.reason)
        return "250 2.0.0 Bounce noted"


class MailNotStored(Exception):
    """The core refused the message a mail would make (answered 451: nothing is lost)."""


def _cut(text, max_bytes):
    """At most `max_bytes` of UTF-8, never ending inside a character."""
    data = text.encode()
    return text if len(data) <= max_bytes else data[:max_bytes].decode("utf-8", "ignore")


def _quoted(text, max_body_bytes):
    limit = min(max_body_bytes, MAX_QUOTED_BYTES)
    return text if len(text.encode()) <= limit else _cut(text, limit - 4) + "\n..."


def _content_type(text):
    text = "".join(ch for ch in text if " " <= ch < "\x7f")[:MAX_CONTENT_TYPE]
    return text or "application/octet-stream"
