"""Sends the replies in the outbox through the mail relay, each once.

A reply's outbox row is written in the transaction that logs its `replied` event (after its undo
window: an undone reply never gets one). The process that leads the automations (one across
processes, see server/live/bus.py) sends the due rows: it claims a row (committed: another
process taking over meanwhile leaves it alone until the claim ends), hands the mail to the relay
(`serve.py --smtp-relay HOST:PORT`, aiosmtplib on the event loop), then records the answer with
the core's `record_delivery` and the row's schedule in one transaction: sent; retrying (4xx, an
unreachable relay: 2 s, doubling, at most 60 s apart, given up after 48 h); failed (5xx).

SMTP cannot close one window: the relay has taken the mail (250) and this process dies before it
commits "sent". The row is still pending, so the mail goes out once more when the next leader
(this process restarted, or another one) releases the dead process's claim: at most one copy
more than the relay acknowledged, with the same Message-ID (mail programs show one). Without a
relay, rows are held, marked "no mail relay configured", until one is.
"""
import asyncio
import json
import logging

import aiosmtplib

from .compose import Reply, compose
from .retry import NO_RELAY, Answer, read_error

log = logging.getLogger("baton.mail")

POLL_SECS = 0.5  # due rows are looked for this often (and at once when this process adds one)
BATCH = 16  # replies claimed, sent (concurrently) and recorded together
SEND_TIMEOUT_SECS = 30
CLAIM_MS = 4 * SEND_TIMEOUT_SECS * 1000  # longer than any try: a claim outlives its sender only if it died


class Outbox:
    def __init__(self, channel):
        self.channel = channel
        self.c = channel.commands
        self._wake = asyncio.Event()
        self._led = False  # claims of dead processes released since this process leads

    def wake(self):
        """A row was added or queued again here: look now, not at the next poll."""
        self._wake.set()

    async def run(self):
        if self.channel.relay is not None:
            released = self.c.store.release_held_outbox(self.c.clock.now())
            if released:
                log.warning("mail: %d replies held without a relay go out now", released)
        while True:
            try:
                await asyncio.wait_for(self._wake.wait(), POLL_SECS)
            except asyncio.TimeoutError:
                pass
            self._wake.clear()
            try:
                if self.c.bus.is_leader():
                    if not self._led:  # what a dead process was sending is due again (see above)
                        self.c.store.release_outbox_claims(self.c.store.live_processes())
                        self._led = True
                    await self.send_due()
            except asyncio.CancelledError:
                raise
            except Exception:  # noqa: BLE001 - one bad round must not stop the outbox
                log.exception("mail: the outbox round failed")

    async def send_due(self):
        """Due rows, a batch at a time: claimed together (one commit), handed to the relay
        concurrently, their answers recorded together (one commit)."""
        store, clock = self.c.store, self.c.clock
        while True:
            rows = store.outbox_due(clock.now(), BATCH)
            if self.channel.relay is None:
                for row in rows:
                    store.hold_outbox(row.id, NO_RELAY, clock.now())
            elif rows:
                now = clock.now()
                claimed = store.claim_outbox([row.id for row in rows], now, now + CLAIM_MS)
                batch = [row for row in rows if row.id in claimed]  # others: sent or claimed meanwhile
                answers = await asyncio.gather(*(self.send(row) for row in batch))
                self.record(list(zip(batch, answers)))
            if len(rows) < BATCH:
                return

    async def send(self, row):
        """The relay's answer to one reply's mail."""
        message = self._compose(row)
        if message is None:
            return Answer("failed", "the reply is no longer in its ticket")
        host, port = self.channel.relay
        try:
            smtp = aiosmtplib.SMTP(hostname=host, port=port, timeout=SEND_TIMEOUT_SECS, start_tls=False)
            await smtp.connect()
            try:
                await smtp.send_message(message, sender=self.channel.names.bounce_address(row.id),
                                        recipients=[row.to_address])
            finally:
                try:
                    await smtp.quit()
                except Exception:  # noqa: BLE001 - the mail went (or not) before this
                    smtp.close()
            return Answer("sent")
        except asyncio.CancelledError:
            raise
        except Exception as exc:  # noqa: BLE001 - the relay's answer, or why there was none
            return read_error(exc)

    def record(self, tried):
        """The answers on their tickets (the core's record_delivery, pushed to every workspace) and
        the rows' schedules, in one transaction. `tried`: (row, Answer)."""
        c, retry = self.c, self.channel.retry
        now = c.clock.now()
        schedules = []
        uow = c.unit()
        for row, answer in sorted(tried, key=lambda pair: pair[0].ticket_id):  # row locks in id order
            attempts, next_at = row.attempts + 1, None
            if answer.state == "retrying":
                if retry.gave_up(row.queued_at, now):
                    answer = Answer("failed", f"gave up after {retry.give_up_secs / 3600:g} h: {answer.reason}"[:900])
                else:
                    next_at = now + retry.delay_ms(attempts)
            c.metrics.mail_sent(answer.state)
            if answer.state != "sent":
                log.warning("mail: reply %s of ticket %s: %s (%s)", row.message, row.ticket_id, answer.state,
                            answer.reason)
            schedules.append((row.id, attempts, next_at, answer.reason))
            if c.bus.find(row.ticket_id) is not None:
                # A rejection means nothing new to say on the ticket (the same reason again): the
                # row's schedule is written all the same.
                uow.run(row.ticket_id, c.core.Command.parse(json.dumps(
                    {"type": "record_delivery", "message": row.message, "state": answer.state,
                     "reason": answer.reason}), 1 << 16), c.system, now)

        def write(tx):
            for outbox_id, attempts, next_at, reason in schedules:
                tx.set_outbox_schedule(outbox_id, attempts, next_at, reason, now)

        if uow.steps:
            uow.also(write)
            uow.commit()
        else:
            uow.close()
            with c.store.transaction() as tx:
                write(tx)

    def _compose(self, row):
        c, channel = self.c, self.channel
        found = self._reply_of(row)
        if found is None:
            # The row may be newer than this process's copy of the ticket: another process
            # committed the reply with its row, and this one's bus has not read that commit's
            # notification yet. Caught up with every event stored (the `replied` included: the row
            # was read after its commit), the copy says whether the reply is really gone.
            c.bus.sync_events()
            found = self._reply_of(row)
        if found is None:
            return None
        ticket, message = found
        book = channel.book()
        last = c.store.last_customer_mail(ticket.id)
        reply = Reply(ticket_id=ticket.id, message_id=row.message, ref=ticket.ref, subject=ticket.subject,
                      to_name=ticket.requester_name, to_address=row.to_address,
                      agent_name=c.config.directory.name(message["agent"] or 0),
                      department_address=book.by_department.get(ticket.department)
                      or f"{ticket.department}@{channel.domain}",
                      body=message["body"], at=message["at"],
                      in_reply_to=last.message_id if last else None,
                      references=tuple(last.refs.split()) if last else ())
        return compose(reply, channel.names)

    def _reply_of(self, row):
        """(ticket, message) of the row's reply in this process's copy, or None."""
        ticket = self.c.bus.find(row.ticket_id)
        if ticket is None:
            return None
        message = next((m for m in json.loads(ticket.to_json(False))["messages"] if m["id"] == row.message), None)
        return None if message is None else (ticket, message)
