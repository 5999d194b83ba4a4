"""Inbound SMTP on serve.py's own event loop (aiosmtpd's protocol on `loop.create_server`; its
Controller would run a second loop in a thread).

The answers are what keeps mail from being lost or bounced by mistake:
- `250` only after the mail is committed (the MTA in front then forgets it);
- `451` for anything that goes wrong (the MTA keeps it and retries) — never a `5xx`, which would
  bounce a customer's mail because of a problem of ours;
- `552` for a mail over `max_mail_bytes`, before anything is stored (aiosmtpd reads it to the end
  and drops it); `550` only for recipients Baton has no address for.
"""
import asyncio
import logging

from aiosmtpd.smtp import SMTP

log = logging.getLogger("baton.mail")

TEMPORARY_FAILURE = "451 4.3.0 Temporary failure: please try again later"
IDLE_TIMEOUT_SECS = 300


class _BatonSMTP(SMTP):
    # A long line is a sender's mistake, not a reason to bounce its mail: read lines up to 64 KiB.
    line_length_limit = 65536


class Handler:
    """aiosmtpd's hooks. `receiver` owns the decisions: `accepts(address)` for RCPT TO and
    `async deliver(mail_from, rcpt_tos, data) -> str` (the SMTP answer) for DATA."""

    def __init__(self, receiver):
        self.receiver = receiver

    async def handle_RCPT(self, server, session, envelope, address, rcpt_options):
        try:
            if not self.receiver.accepts(address):
                return "550 5.1.1 No such mailbox here"
        except Exception:  # noqa: BLE001 - a failure is never a bounce
            log.exception("mail: checking a recipient failed")
            return TEMPORARY_FAILURE
        envelope.rcpt_tos.append(address)
        return "250 OK"

    async def handle_DATA(self, server, session, envelope):
        return await self.receiver.deliver(envelope.mail_from or "", list(envelope.rcpt_tos),
                                           bytes(envelope.original_content or b""))

    async def handle_exception(self, error):
        log.error("mail: %s: %s", type(error).__name__, error)
        return TEMPORARY_FAILURE


async def listen(receiver, host, port, max_bytes, hostname):
    """Starts listening; returns the asyncio Server. `max_bytes()` is read for each connection,
    so a changed setting applies to the next one."""
    loop = asyncio.get_running_loop()
    handler = Handler(receiver)

    def protocol():
        return _BatonSMTP(handler, data_size_limit=max_bytes(), enable_SMTPUTF8=True,
                          hostname=hostname, ident="Baton", timeout=IDLE_TIMEOUT_SECS, loop=loop)

    return await loop.create_server(protocol, host=host, port=port)
