"""Baton's own mail names, signed so that nobody can make up one that threads into a ticket.

- A reply's Message-ID: `<baton.TICKET.MESSAGE.SIG@mail domain>`: a customer's answer carries it
  in In-Reply-To/References, and it names the ticket.
- A ticket's reply address: `support+REF.SIG@domain` (Reply-To of every reply): mail to it belongs
  to the ticket REF, whatever its subject or headers say.
- A reply's bounce address (its envelope sender): `bounce+OUTBOX.SIG@mail domain`: a bounce is
  sent there and names the outbox row it bounces.

SIG is an HMAC of the name with the server's mail secret (one per database, see MailNames), cut to
10 base32 characters (50 bits): guessing one takes about 10^15 tries. Compared case-insensitively,
since some mail systems change the case of addresses.
"""
import base64
import hashlib
import hmac
import re

SIG_CHARS = 10
_OWN_ID = re.compile(r"^baton\.(\d{1,18})\.(\d{1,18})\.([a-z2-7]{%d})@(.+)$" % SIG_CHARS, re.IGNORECASE)
_PLUS = re.compile(r"^([A-Z]{4}-\d{4}-[A-Z]{4})\.([a-z2-7]{%d})$" % SIG_CHARS, re.IGNORECASE)
_BOUNCE = re.compile(r"^(\d{1,18})\.([a-z2-7]{%d})$" % SIG_CHARS, re.IGNORECASE)
BOUNCE_LOCAL = "bounce"


class MailNames:
    def __init__(self, secret, mail_domain):
        self.key = secret.encode() if isinstance(secret, str) else secret
        self.domain = mail_domain.lower()

    def sign(self, text):
        digest = hmac.new(self.key, text.encode(), hashlib.sha256).digest()
        return base64.b32encode(digest).decode().lower()[:SIG_CHARS]

    def _valid(self, text, sig):
        return hmac.compare_digest(self.sign(text), sig.lower())

    # a reply's Message-ID

    def message_id(self, ticket_id, message_id):
        """Without the angle brackets."""
        return f"baton.{ticket_id}.{message_id}.{self.sign(f'm.{ticket_id}.{message_id}')}@{self.domain}"

    def parse_message_id(self, mid):
        """(ticket id, message id) of one of Baton's own Message-IDs, else None."""
        found = _OWN_ID.match(mid.strip().strip("<>"))
        if not found:
            return None
        ticket, message, sig, _ = found.groups()
        return (int(ticket), int(message)) if self._valid(f"m.{int(ticket)}.{int(message)}", sig) else None

    # a ticket's reply address

    def reply_address(self, department_address, ref):
        local, _, domain = department_address.rpartition("@")
        return f"{local}+{ref}.{self.sign(f'r.{ref}')}@{domain}"

    def parse_reply_address(self, address):
        """(the plain address, ref) for a signed plus-address, else None."""
        local, _, domain = address.rpartition("@")
        base, plus, tag = local.rpartition("+")
        found = _PLUS.match(tag) if plus else None
        if not found:
            return None
        ref = found.group(1).upper()
        return (f"{base}@{domain}", ref) if self._valid(f"r.{ref}", found.group(2)) else None

    # a reply's bounce address

    def bounce_address(self, outbox_id):
        return f"{BOUNCE_LOCAL}+{outbox_id}.{self.sign(f'b.{outbox_id}')}@{self.domain}"

    def parse_bounce_address(self, address):
        """The outbox row a bounce address names, else None."""
        local, _, domain = address.rpartition("@")
        base, plus, tag = local.rpartition("+")
        if not plus or base.lower() != BOUNCE_LOCAL or domain.lower() != self.domain:
            return None
        found = _BOUNCE.match(tag)
        if not found:
            return None
        outbox_id = int(found.group(1))
        return outbox_id if self._valid(f"b.{outbox_id}", found.group(2)) else None

    def is_bounce_address(self, address):
        local, _, domain = address.rpartition("@")
        return local.lower().split("+")[0] == BOUNCE_LOCAL and domain.lower() == self.domain
