"""What the mail channel keeps (docs/MAIL.md), as part of the storage interface (interface.py's
Store and Transaction include these): the mails received (each once: the dedupe key), their
attachments (bytes kept out of the event log), and the outbox of replies to mail.

Every write goes with the unit of work that decides on the mail or the reply, so a mail is stored
with its message or not at all, and a reply's outbox row with its `replied` event.
"""
from abc import ABC, abstractmethod
from dataclasses import dataclass

OUTBOX_PENDING = ("queued", "retrying")


@dataclass(frozen=True)
class InboundMailRow:
    """One mail received. `key`: its Message-ID, or Message-ID#hash for a different mail under
    the same ID, or #hash without one (see server/mail/receive.py). `kind`: message, automatic,
    bounce or dropped (a loop, an auto-reply to no ticket, no sender); `ticket_id`/`message`:
    where it went (None when dropped)."""
    key: str
    message_id: str | None
    content_hash: str
    ticket_id: int | None
    message: int | None
    kind: str
    refs: str  # the mail's References, space-separated (our reply's References continue them)
    received_at: int


@dataclass(frozen=True)
class AttachmentRow:
    id: str  # random: the download URL names it
    ticket_id: int
    name: str
    content_type: str
    size: int
    data: bytes


@dataclass(frozen=True)
class OutboxRow:
    """A reply to mail. `next_at`: when to try (None: not now: sent, failed, or held because no
    relay is configured); `claimed_until`: a process (the store's `origin` in `claimed_by`, not
    read back here) is sending it until then."""
    id: int
    ticket_id: int
    message: int
    to_address: str
    state: str  # queued, retrying, sent, failed (as the reply's delivery in the ticket)
    reason: str
    attempts: int
    queued_at: int
    next_at: int | None
    claimed_until: int | None
    sent_at: int | None
    updated_at: int


class MailTransaction(ABC):
    @abstractmethod
    def add_inbound_mail(self, row: InboundMailRow):
        """Fails (and with it the transaction) if a mail with that key is stored already."""

    @abstractmethod
    def add_attachment(self, row: AttachmentRow): ...

    @abstractmethod
    def add_outbox(self, ticket_id, message, to_address, state, at):
        """A reply's row, due at `at` when queued (a second row for one reply is ignored)."""

    @abstractmethod
    def set_outbox_state(self, ticket_id, message, state, reason, at):
        """The reply's delivery changed (a `delivery_changed` event): its row follows. Queued
        again without a reason (an admin's retry) starts over: due now, no attempts, 48 h anew."""

    @abstractmethod
    def set_outbox_schedule(self, outbox_id, attempts, next_at, reason, at):
        """After a try: how many so far, when the next (None: none), the last reason; the claim
        is released."""


class MailStore(ABC):
    @abstractmethod
    def inbound_mails(self, message_id) -> list:
        """The InboundMailRows stored under this Message-ID (a mail and its variants)."""

    @abstractmethod
    def inbound_mail(self, key) -> InboundMailRow | None: ...

    @abstractmethod
    def ticket_by_mail_id(self, message_id) -> int | None:
        """The ticket a stored mail with this Message-ID went to."""

    @abstractmethod
    def last_customer_mail(self, ticket_id) -> InboundMailRow | None:
        """The ticket's latest mail from the customer (not an auto-reply): what a reply answers."""

    @abstractmethod
    def attachment(self, ticket_id, attachment_id) -> AttachmentRow | None: ...

    @abstractmethod
    def outbox_row(self, outbox_id) -> OutboxRow | None: ...

    @abstractmethod
    def outbox_row_of(self, ticket_id, message) -> OutboxRow | None: ...

    @abstractmethod
    def outbox_due(self, now, limit) -> list:
        """Pending rows due at `now` and claimed by nobody, oldest first."""

    @abstractmethod
    def outbox_list(self, states, limit) -> list:
        """Rows in these states, newest first (the admins' outbox)."""

    @abstractmethod
    def claim_outbox(self, ids, now, until) -> set:
        """Marks due rows as being sent by this process until `until` (its own transaction); the
        ids it could claim (not those no longer pending, or claimed by someone else)."""

    @abstractmethod
    def release_outbox_claims(self, alive) -> int:
        """Ends the claims of processes no longer alive (`alive`: their origins, see
        Store.live_processes): what they were sending is tried again at once."""

    @abstractmethod
    def hold_outbox(self, outbox_id, reason, at):
        """Keeps a pending row from being tried (no relay configured), saying why."""

    @abstractmethod
    def release_held_outbox(self, now) -> int:
        """Pending rows held earlier become due now (a relay is configured); how many."""
