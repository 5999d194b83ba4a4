"""Which ticket a customer's mail belongs to, in this order (the first that names one decides):

1. Baton's own signed Message-ID in In-Reply-To or References: an answer to one of our replies.
2. Any stored Message-ID in In-Reply-To or References: an answer to (or a copy of) an earlier
   mail of the thread, ours or the customer's.
3. A signed plus-address among the recipients (`support+REF.SIG@...`, the Reply-To of our
   replies): the customer answered to the ticket's own address.
4. A ticket reference in the subject, only when the sender is that ticket's requester: the
   subject alone never threads a stranger's mail into someone else's ticket.
5. None: a new ticket.

Signatures make 1 and 3 unforgeable; 2 needs an ID only the thread's mails carry. The lookups are
the caller's (the store, the ticket cache), so this stays a plain function.
"""
import re
from dataclasses import dataclass

_REF = re.compile(r"\b([A-Z]{4}-\d{4}-[A-Z]{4})\b")


@dataclass(frozen=True)
class Lookups:
    ticket_exists: object  # ticket id -> bool
    ticket_by_message_id: object  # stored Message-ID -> ticket id or None
    ticket_by_ref: object  # ref -> ticket id or None
    requester_email: object  # ticket id -> the requester's address


def find_ticket(mail, recipients, names, lookups):
    """(ticket id, rule) or None for a new ticket. `recipients`: the envelope's, then the headers'."""
    earlier = mail.earlier_ids()
    for mid in earlier:
        own = names.parse_message_id(mid)
        if own and lookups.ticket_exists(own[0]):
            return own[0], "own_message_id"
    for mid in earlier:
        ticket_id = lookups.ticket_by_message_id(mid)
        if ticket_id is not None:
            return ticket_id, "stored_message_id"
    for address in list(recipients) + mail.to:
        signed = names.parse_reply_address(address)
        if signed:
            ticket_id = lookups.ticket_by_ref(signed[1])
            if ticket_id is not None:
                return ticket_id, "reply_address"
    sender = mail.from_address.lower()
    for ref in _REF.findall(mail.subject.upper()):
        ticket_id = lookups.ticket_by_ref(ref)
        if ticket_id is not None and sender and lookups.requester_email(ticket_id).lower() == sender:
            return ticket_id, "subject_ref"
    return None
