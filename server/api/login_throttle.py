"""Slowing password guessing down, never locking anyone out.

Failed logins earn a wait, per account (the email as typed, known or not) and per client address:
the first few failures are free (3 per account, 20 per address), then each one doubles the wait (1 s, 2 s, 4 s, ... at most 60 s).
While either waits, a login is answered at once with 429 `rate_limited` and `Retry-After`, the
right password included (otherwise the guessing would just go on between the waits), and scrypt
does not run. Once the wait is over the right password works again, and a success forgets the
account's failures. A key with no failure for FORGET_SECS is forgotten, so memory holds only
recent guessing. Each process counts for itself (several processes: each allows as much).

scrypt (~50 ms of CPU each, on purpose) runs in a pool of its own: one thread at a lower CPU
priority, and a bounded queue (beyond it: 503 `busy`, Retry-After 1), so a flood of logins takes at
most one core, in the background, and cannot starve the event loop that carries the agents' drafts.
"""
import asyncio
import math
import os
import threading
import time
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field

from ..errors import ApiError

FORGET_SECS = 15 * 60
MAX_KEYS = 100_000  # beyond this many remembered keys the oldest are dropped (an address spray)
SCRYPT_THREADS = 1
SCRYPT_NICE = 10  # the pool's thread yields the CPU to the event loop's
MAX_WAITING = 64  # logins queued for scrypt before new ones are told to come back


@dataclass(frozen=True)
class Policy:
    free: int  # failures without a wait
    first_wait: float  # seconds, after the first failure beyond `free`; doubled by each further one
    max_wait: float

    def wait_after(self, failures):
        beyond = failures - self.free
        if beyond <= 0 or self.first_wait <= 0:
            return 0.0
        return min(self.first_wait * 2 ** min(beyond - 1, 30), self.max_wait)


ACCOUNT = Policy(free=3, first_wait=1.0, max_wait=60.0)
ADDRESS = Policy(free=20, first_wait=1.0, max_wait=60.0)  # an office behind one address


@dataclass
class _Record:
    failures: int = 0
    last: float = 0.0
    until: float = 0.0  # no login before this (monotonic seconds)


@dataclass
class Throttle:
    """Failures by key (an email or an address) and the wait they earned."""
    policy: Policy
    clock: object = time.monotonic
    records: dict = field(default_factory=dict)

    def wait(self, key):
        """Seconds before `key` may try again (0: now)."""
        record = self.records.get(key)
        if record is None:
            return 0.0
        now = self.clock()
        if now - record.last >= FORGET_SECS:
            del self.records[key]
            return 0.0
        return max(0.0, record.until - now)

    def failed(self, key):
        now = self.clock()
        record = self.records.get(key)
        if record is None or now - record.last >= FORGET_SECS:
            record = self.records[key] = _Record()
            if len(self.records) > MAX_KEYS:
                self._forget_oldest(now)
        record.failures += 1
        record.last = now
        record.until = now + self.policy.wait_after(record.failures)

    def cleared(self, key):
        self.records.pop(key, None)

    def _forget_oldest(self, now):
        for key in [k for k, r in self.records.items() if now - r.last >= FORGET_SECS]:
            del self.records[key]
        if len(self.records) > MAX_KEYS:  # still too many: keep the newest half
            newest = sorted(self.records.items(), key=lambda item: item[1].last)[len(self.records) // 2:]
            self.records = dict(newest)


def _lower_priority():
    try:
        os.setpriority(os.PRIO_PROCESS, threading.get_native_id(), SCRYPT_NICE)
    except (AttributeError, OSError):  # not Linux, or not allowed: the pool's size still bounds it
        pass


class LoginGuard:
    """What /api/login asks before and after checking a password."""

    def __init__(self, wait_scale=1.0, clock=time.monotonic):
        scale = lambda p: Policy(p.free, p.first_wait * wait_scale, p.max_wait * wait_scale)  # noqa: E731
        self.accounts = Throttle(scale(ACCOUNT), clock)
        self.addresses = Throttle(scale(ADDRESS), clock)
        self._pool = ThreadPoolExecutor(SCRYPT_THREADS, thread_name_prefix="scrypt", initializer=_lower_priority)
        self._waiting = 0
        self._turns = {}  # account -> asyncio.Lock: its logins' password checks, one at a time
        self.counts = {"ok": 0, "wrong": 0, "throttled": 0, "busy": 0}

    def check(self, email, address):
        """Raises 429 while the account or the address waits."""
        wait = max(self.accounts.wait(email), self.addresses.wait(address))
        if wait > 0:
            self.counts["throttled"] += 1
            seconds = math.ceil(wait)
            raise ApiError(429, "auth.rate_limited", [seconds],
                           headers={"Retry-After": str(seconds)}, retry_after_secs=seconds,
                           retry_after_ms=math.ceil(wait * 1000))

    async def verify(self, account, address, check, *args):
        """Runs `check(*args)` (the scrypt comparison) in the bounded pool, one at a time per
        account: guesses sent together for one account wait for each other, and each is checked
        against the waits the earlier ones earned (429) before its own scrypt."""
        self.check(account, address)
        if self._waiting >= MAX_WAITING:
            self.counts["busy"] += 1
            raise ApiError(503, "auth.busy",
                           headers={"Retry-After": "1"}, retry_after_secs=1)
        self._waiting += 1
        turn = self._turns.setdefault(account, asyncio.Lock())
        try:
            async with turn:
                self.check(account, address)
                return await asyncio.get_running_loop().run_in_executor(self._pool, check, *args)
        finally:
            self._waiting -= 1
            if not turn.locked() and self._turns.get(account) is turn:
                del self._turns[account]

    def failed(self, email, address):
        self.counts["wrong"] += 1
        self.accounts.failed(email)
        self.addresses.failed(address)

    def succeeded(self, email):
        self.counts["ok"] += 1
        self.accounts.cleared(email)

    def close(self):
        self._pool.shutdown(wait=False, cancel_futures=True)

    def render(self):
        """Prometheus lines for /metrics."""
        lines = ["# HELP baton_logins_total Login attempts by result: ok, wrong (email or password), "
                 "throttled (429 while a failure's wait runs), busy (503: too many at once).",
                 "# TYPE baton_logins_total counter"]
        lines += [f'baton_logins_total{{result="{result}"}} {count}' for result, count in self.counts.items()]
        lines += ["# HELP baton_login_throttled_keys Accounts and addresses with recent failed logins.",
                  "# TYPE baton_login_throttled_keys gauge",
                  f'baton_login_throttled_keys{{key="account"}} {len(self.accounts.records)}',
                  f'baton_login_throttled_keys{{key="address"}} {len(self.addresses.records)}']
        return lines
