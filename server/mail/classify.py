"""What kind of mail came in: a person's, a robot's auto-reply, a bounce of one of our replies, or
our own mail coming back (a loop).

- loop: sent from one of Baton's own addresses, or carrying its loop header (every reply Baton
  sends has `X-Baton-Loop: <mail domain>`): dropped, or two helpdesks could answer each other
  forever.
- bounce: a delivery status notification (`multipart/report; report-type=delivery-status`), or
  mail to a reply's bounce address: it marks the reply it bounces "not delivered".
- automatic: `Auto-Submitted` other than `no` (RFC 3834), `Precedence: bulk/junk/list`,
  `X-Autoreply`/`X-Autorespond`, sent by a mailer-daemon or postmaster, or with an empty envelope
  sender (which RFC 3834 asks auto-responders to use): kept on its ticket, marked automatic.
"""
import re
from dataclasses import dataclass

from .decode import header_text

LOOP_HEADER = "X-Baton-Loop"
_ROBOTS = ("mailer-daemon", "postmaster")
_DSN_ID = re.compile(r"<([^<>\s]{1,900})>")


@dataclass
class Bounce:
    message_ids: list  # Message-IDs of the bounced mail (from the report's copy of its headers)
    reason: str  # "550 5.1.1 <x@example.com>: Recipient address rejected: User unknown"


def is_loop(mail, is_own, mail_domain):
    """`is_own(address)`: one of Baton's addresses (addresses.AddressBook.is_own)."""
    if mail.from_address and is_own(mail.from_address):
        return True
    return any(v.strip().lower() == mail_domain.lower() for v in _all(mail.message, LOOP_HEADER))


def is_automatic(mail, envelope_sender):
    message = mail.message
    auto = header_text(message, "auto-submitted").lower()
    if auto and auto.split(";")[0].strip() != "no":
        return True
    if header_text(message, "precedence").lower() in ("bulk", "junk", "list"):
        return True
    if header_text(message, "x-autoreply") or header_text(message, "x-autorespond"):
        return True
    if mail.from_address.split("@")[0].lower() in _ROBOTS:
        return True
    return envelope_sender == ""


def is_report(mail):
    message = mail.message
    return message.get_content_type() == "multipart/report" and \
        (message.get_param("report-type") or "").lower() == "delivery-status"


def bounce(mail):
    """What a delivery status notification says failed, or None when it reports no failure (a
    delay warning, a delivery confirmation). A non-standard bounce (a robot's plain text) is read
    for the Message-IDs it quotes and its first SMTP error line."""
    message = mail.message
    if is_report(mail):
        failed, reasons = False, []
        ids = []
        for part in message.walk():
            kind = part.get_content_type()
            if kind == "message/delivery-status":
                for block in _status_blocks(part):
                    if block.get("action", "").lower() != "failed":
                        continue
                    failed = True
                    diagnostic = block.get("diagnostic-code", "")
                    reasons.append(diagnostic.split(";", 1)[-1].strip() or block.get("status", "") or "bounced")
            elif kind in ("message/rfc822", "text/rfc822-headers", "message/rfc822-headers"):
                ids += _ids_in(part)
        return Bounce(ids, "; ".join(dict.fromkeys(reasons))[:900]) if failed else None
    text = _plain(message)
    found = re.search(r"^.*\b[45]\d\d[ -][245]\.\d{1,3}\.\d{1,3}\b.*$|^.*\b5\d\d\b.*$", text, re.MULTILINE)
    return Bounce(_DSN_ID.findall(text), (found.group(0).strip() if found else "bounced")[:900])


def _all(message, name):
    try:
        return [str(v) for v in (message.get_all(name) or [])]
    except Exception:  # noqa: BLE001
        return []


def _status_blocks(part):
    """The per-recipient fields of a message/delivery-status part, as dicts of lower-case names."""
    payload = part.get_payload()
    if isinstance(payload, list):  # parsed into header blocks
        return [{k.lower(): str(v) for k, v in block.items()} for block in payload]
    blocks, current = [], {}
    for line in str(payload).replace("\r\n", "\n").split("\n"):
        if not line.strip():
            if current:
                blocks.append(current)
            current = {}
        elif ":" in line and not line[:1].isspace():
            name, _, value = line.partition(":")
            current[name.strip().lower()] = value.strip()
    if current:
        blocks.append(current)
    return blocks


def _ids_in(part):
    try:
        if part.get_content_type() == "message/rfc822":
            inner = part.get_payload()[0] if isinstance(part.get_payload(), list) else part.get_content()
            text = header_text(inner, "message-id")
        else:
            text = part.get_payload(decode=True).decode("utf-8", "replace")
            found = re.search(r"^message-id:\s*(.*)$", text, re.IGNORECASE | re.MULTILINE)
            text = found.group(1) if found else ""
        return _DSN_ID.findall(text)
    except Exception:  # noqa: BLE001
        return []


def _plain(message):
    try:
        body = message.get_body(preferencelist=("plain",))
        return body.get_content() if body is not None else ""
    except Exception:  # noqa: BLE001
        return ""
