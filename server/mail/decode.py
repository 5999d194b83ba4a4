"""A received mail as Baton needs it: who wrote, what they wrote (as text), what they attached,
and what it answers.

Python's `email` package with `policy.default` decodes RFC 2047 headers, RFC 2231 file names,
quoted-printable and base64, and any charset Python knows (ISO-2022-JP, Shift_JIS, GB18030...).
`text/plain` is preferred; an HTML-only mail is turned into text (`html_text`). Nothing here
raises on bad input: a broken header, an unknown charset or a missing part gives the best text
that can be read (with U+FFFD where bytes made no sense), never an exception.
"""
import email
import email.header
import email.policy
import email.utils
import hashlib
import mimetypes
import re
from dataclasses import dataclass, field

from .html_text import html_to_text
from .quoting import split_quoted

_MESSAGE_ID = re.compile(r"<([^<>\s]{1,900})>")
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")
# Added on the way (each hop, each retry): not part of what the sender wrote.
_TRACE_HEADERS = ("received", "return-path", "delivered-to", "x-original-to", "dkim-signature",
                  "arc-seal", "arc-message-signature", "arc-authentication-results",
                  "authentication-results", "received-spf", "x-received")
MAX_NAME_BYTES = 200  # of UTF-8: the core takes up to 255


@dataclass
class Attachment:
    name: str
    content_type: str
    data: bytes


@dataclass
class InboundMail:
    message: object  # the parsed email.message.EmailMessage
    message_id: str | None  # without <>
    in_reply_to: list = field(default_factory=list)
    references: list = field(default_factory=list)
    from_name: str = ""
    from_address: str = ""
    to: list = field(default_factory=list)  # addresses in To and Cc
    subject: str = ""
    body: str = ""
    quoted: str = ""
    attachments: list = field(default_factory=list)
    content_hash: str = ""

    def header(self, name):
        return header_text(self.message, name)

    def earlier_ids(self):
        """The Message-IDs this mail answers, the most recent first (In-Reply-To, then References
        from the end)."""
        seen, out = set(), []
        for mid in self.in_reply_to + self.references[::-1]:
            if mid not in seen:
                seen.add(mid)
                out.append(mid)
        return out


def parse(raw):
    message = email.message_from_bytes(raw, policy=email.policy.default)
    mail = InboundMail(message=message, message_id=_first_id(header_text(message, "message-id")))
    mail.in_reply_to = _ids(header_text(message, "in-reply-to"))
    mail.references = _ids(header_text(message, "references"))
    mail.from_name, mail.from_address = _address(message, "from")
    mail.to = [a for name in ("to", "cc") for _, a in _addresses(message, name) if a]
    mail.subject = " ".join(header_text(message, "subject").split())
    text, body_part = _body(message)
    mail.body, mail.quoted = split_quoted(text)
    mail.attachments = _attachments(message, body_part)
    mail.content_hash = content_hash(raw)
    return mail


def content_hash(raw):
    """What the sender wrote, hashed: the raw mail without the headers added on the way (so the
    same mail delivered twice, along two routes or after a retry, hashes the same)."""
    head, sep, body = raw.partition(b"\r\n\r\n")
    if not sep:
        head, sep, body = raw.partition(b"\n\n")
    digest = hashlib.sha256()
    name = None
    for line in re.split(rb"\r?\n", head):
        if line[:1] in (b" ", b"\t") and name is not None:  # a folded header's next line
            if name not in _TRACE_HEADERS:
                digest.update(line.strip() + b"\n")
            continue
        name = line.split(b":", 1)[0].strip().lower().decode("latin-1")
        if name not in _TRACE_HEADERS:
            digest.update(line.rstrip() + b"\n")
    digest.update(b"\n")
    digest.update(body.replace(b"\r\n", b"\n"))
    return digest.hexdigest()


def header_text(message, name):
    """A header decoded to text ("" when missing); never raises on a malformed one."""
    try:
        value = message.get(name)
        return "" if value is None else _clean(str(value))
    except Exception:  # noqa: BLE001 - the header parser fails on some malformed headers
        raw = message.get_all(name, failobj=[None])[0] if hasattr(message, "get_all") else None
        return _decode_words(raw) if raw else ""


def _decode_words(value):
    try:
        return _clean(str(email.header.make_header(email.header.decode_header(str(value)))))
    except Exception:  # noqa: BLE001 - unknown charsets and broken encoded words
        return _clean(str(value))


def _clean(text):
    return _CONTROL.sub("", _unescape(text)).strip()


def _unescape(text):
    """Raw 8-bit bytes in a header (or an undeclared body) come out of the parser as surrogate
    escapes: read them as UTF-8, which most such senders meant, else as U+FFFD."""
    return text.encode("utf-8", "surrogateescape").decode("utf-8", "replace")


def _ids(text):
    return _MESSAGE_ID.findall(text)[:100]


def _first_id(text):
    found = _ids(text)
    return found[0] if found else None


def _addresses(message, name):
    """[(display name, address)] of an address header; tolerant of what the parser rejects."""
    try:
        header = message.get(name)
        if header is None:
            return []
        pairs = [(a.display_name, a.addr_spec) for group in header.groups for a in group.addresses]
    except Exception:  # noqa: BLE001
        pairs = email.utils.getaddresses([_decode_words(v) for v in (message.get_all(name) or []) if v])
    out = []
    for display, address in pairs:
        address = _clean(address or "").strip("<>")
        if address.count("@") == 1 and len(address) <= 320 and not re.search(r"\s", address):
            out.append((_clean(display or ""), address))
    return out


def _address(message, name):
    found = _addresses(message, name)
    return found[0] if found else ("", "")


def _body(message):
    """(text, the part it came from or None)."""
    try:
        plain = message.get_body(preferencelist=("plain",))
        html = message.get_body(preferencelist=("html",))
    except Exception:  # noqa: BLE001
        plain = html = None
    text = _part_text(plain) if plain is not None else ""
    if text.strip():
        return text, plain
    if html is not None:
        text = html_to_text(_part_text(html))
        if text.strip():
            return text, html
    if plain is None and html is None and message.get_content_maintype() == "text":
        return _part_text(message), message  # text/enriched or another text type
    return text, plain


def _part_text(part):
    try:
        text = part.get_content()
        if isinstance(text, bytes):
            text = text.decode("utf-8", "replace")
    except Exception:  # noqa: BLE001 - an unknown charset, broken base64 or quoted-printable
        payload = part.get_payload(decode=True) or b""
        charset = part.get_content_charset() or "utf-8"
        try:
            text = payload.decode(charset, "replace")
        except LookupError:
            text = payload.decode("utf-8", "replace")
    return _CONTROL.sub("", _unescape(text).replace("\r\n", "\n"))


def _leaves(part):
    """Every part that is not a multipart container; an attached mail (message/rfc822) is one."""
    if part.get_content_maintype() == "multipart" and part.is_multipart():
        for sub in part.iter_parts():
            yield from _leaves(sub)
    else:
        yield part


def _attachments(message, body_part):
    out = []
    for part in _leaves(message):
        if part is body_part or part is message and body_part is not None:
            continue
        content_type = part.get_content_type()
        try:
            disposition = part.get_content_disposition()
        except Exception:  # noqa: BLE001
            disposition = None
        name = _file_name(part)
        if disposition != "attachment" and not name and content_type in ("text/plain", "text/html"):
            continue  # the other form of the body (text and HTML alternatives)
        data = _part_bytes(part)
        if not data and not name:
            continue
        out.append(Attachment(_safe_name(name, content_type, len(out) + 1), content_type, data))
    return out


def _file_name(part):
    try:
        name = part.get_filename()
    except Exception:  # noqa: BLE001
        name = None
    if not name and part.get_content_type() == "message/rfc822":
        try:
            inner = part.get_content()
            name = (" ".join(header_text(inner, "subject").split()) or "message") + ".eml"
        except Exception:  # noqa: BLE001
            name = "message.eml"
    if name and "=?" in name:
        name = _decode_words(name)  # RFC 2047 inside a parameter: not standard, but common
    return name or ""


def _part_bytes(part):
    try:
        if part.get_content_type() == "message/rfc822":
            return part.get_content().as_bytes()
        return part.get_payload(decode=True) or b""
    except Exception:  # noqa: BLE001
        payload = part.get_payload()
        return payload.encode("utf-8", "replace") if isinstance(payload, str) else b""


def _safe_name(name, content_type, number):
    """A file name to show and to offer for download: no folders, no control characters."""
    name = _CONTROL.sub("", _unescape(name).replace("\\", "/").split("/")[-1]).strip().strip(".")
    if len(name.encode()) > MAX_NAME_BYTES:
        stem, dot, ext = name.rpartition(".")
        if not dot or len(ext) >= 16:
            stem, dot, ext = name, "", ""
        room = MAX_NAME_BYTES - len((dot + ext).encode())
        name = stem.encode()[:room].decode("utf-8", "ignore") + dot + ext
    if not name:
        name = f"attachment-{number}{mimetypes.guess_extension(content_type) or '.bin'}"
    return name
