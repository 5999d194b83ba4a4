"""When the outbox tries a reply again, and how a relay's answer reads.

A temporary failure (a 4xx answer, a refused or dropped connection, a timeout) is tried again
after 2 s, then twice as long each time, at most 60 s apart, and given up 48 hours after the
reply was first queued; a permanent one (5xx) is not tried again. `serve.py --mail-retry
FIRST,MAX,GIVE_UP` (seconds) changes the three numbers (the tests use a fraction of a second).
"""
import asyncio
from dataclasses import dataclass

import aiosmtplib

NO_RELAY = "no mail relay configured"


@dataclass(frozen=True)
class RetryPolicy:
    first_secs: float = 2
    max_secs: float = 60
    give_up_secs: float = 48 * 3600

    @staticmethod
    def parse(text):
        """"FIRST,MAX,GIVE_UP" in seconds; ValueError with a readable message otherwise."""
        parts = [p.strip() for p in text.split(",")]
        try:
            first, most, give_up = (float(p) for p in parts)
        except ValueError:
            raise ValueError(f"--mail-retry wants three numbers of seconds, FIRST,MAX,GIVE_UP, not {text!r}") from None
        if not 0 < first <= most <= give_up:
            raise ValueError("--mail-retry: 0 < FIRST <= MAX <= GIVE_UP")
        return RetryPolicy(first, most, give_up)

    def delay_ms(self, attempts):
        """After the `attempts`-th failed try (1, 2, ...)."""
        return int(min(self.first_secs * 2 ** max(attempts - 1, 0), self.max_secs) * 1000)

    def gave_up(self, queued_at, now):
        return now - queued_at >= self.give_up_secs * 1000


@dataclass(frozen=True)
class Answer:
    """What a try came to: sent, try again (with the reason), or failed for good."""
    state: str  # "sent", "retrying", "failed"
    reason: str = ""


def read_error(error):
    """A failed try as an Answer: the relay's own words when it answered."""
    if isinstance(error, aiosmtplib.SMTPRecipientsRefused) and error.recipients:
        error = error.recipients[0]
    if isinstance(error, (aiosmtplib.SMTPConnectError, aiosmtplib.SMTPServerDisconnected,
                          aiosmtplib.SMTPTimeoutError, ConnectionError, asyncio.TimeoutError, OSError)):
        detail = str(error).strip() or type(error).__name__
        return Answer("retrying", f"mail server unreachable ({detail})"[:900])
    if isinstance(error, aiosmtplib.SMTPResponseException):
        reason = f"{error.code} {' '.join(str(error.message).split())}"[:900]
        return Answer("failed" if 500 <= error.code < 600 else "retrying", reason)
    return Answer("retrying", f"{type(error).__name__}: {error}"[:900])
