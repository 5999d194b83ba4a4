"""What one WebSocket may send: a message rate and a byte rate (token buckets) and a message size.

Generous for a person: the workspace sends at most one draft per 40 ms while its agent types
(people type up to ~15 keys a second), plus a view, a renew or a ping now and then. A client that
goes beyond the rates is closed with CLOSE_RATE_LIMITED (4029, like HTTP 429) and a reason that
says what it did; it may reconnect (with backoff) and resume with `hello {since}`. A message larger
than MAX_MESSAGE_BYTES is closed by aiohttp with 1009 (message too big): the largest draft the
settings can allow fits; a draft above the current setting gets an `invalid` error instead.
The other connections never wait for it: the check costs a few arithmetic operations per message,
done before the message is even parsed. Reconnecting does not refill the budget: an agent whose
socket was closed for its rate gets no new one (429 with Retry-After, before the handshake) until
the budget it left is half full again, and then starts from there (`SendBudgets`); so a client that
reconnects at once to go on flooding costs a refused request, and gets the sustained rate at most.
"""
MESSAGES_PER_SEC = 40
MESSAGE_BURST = 120
BYTES_PER_SEC = 4 * 1024 * 1024
BYTE_BURST = 8 * 1024 * 1024
MAX_MESSAGE_BYTES = 1_048_576 + 65_536  # the largest draft the settings can allow, plus room
CLOSE_RATE_LIMITED = 4029


class Bucket:
    """`rate` tokens a second, at most `burst` saved up."""

    def __init__(self, rate, burst, now):
        self.rate, self.burst = rate, burst
        self.tokens = float(burst)
        self.at = now

    def take(self, amount, now):
        self.tokens = min(self.burst, self.tokens + (now - self.at) * self.rate)
        self.at = now
        if self.tokens < amount:
            return False
        self.tokens -= amount
        return True


class SendLimits:
    """One connection's budget. `over(size, now)` says why it is spent, or None."""

    def __init__(self, now, messages_per_sec=MESSAGES_PER_SEC, message_burst=MESSAGE_BURST,
                 bytes_per_sec=BYTES_PER_SEC, byte_burst=BYTE_BURST):
        self.messages = Bucket(messages_per_sec, message_burst, now)
        self.bytes = Bucket(bytes_per_sec, byte_burst, now)
        self.messages_per_sec = messages_per_sec
        self.bytes_per_sec = bytes_per_sec

    def over(self, size, now):
        if not self.messages.take(1, now):
            return f"too many messages (more than {self.messages_per_sec} a second): reconnect and resume"
        if not self.bytes.take(size, now):
            return f"too much data (more than {self.bytes_per_sec // 1048576} MB a second): reconnect and resume"
        return None


class SendBudgets:
    """The budgets of sockets closed for their rate, by agent, until they would be full again."""

    def __init__(self):
        self._spent = {}  # agent id -> SendLimits of its last socket closed for its rate

    def wait(self, agent_id, now):
        """Seconds before the agent may open a socket again (0: now)."""
        spent = self._spent.get(agent_id)
        if spent is None:
            return 0.0
        bucket = spent.messages
        tokens = min(bucket.burst, bucket.tokens + (now - bucket.at) * bucket.rate)
        return max(0.0, (bucket.burst / 2 - tokens) / bucket.rate)

    def for_agent(self, agent_id, now):
        """A new socket's budget: what the agent's last rate-limited socket left, refilled since."""
        spent = self._spent.pop(agent_id, None)
        if spent is not None and now - spent.messages.at < spent.messages.burst / spent.messages.rate:
            return spent
        return SendLimits(now)

    def closed(self, agent_id, limits):
        self._spent[agent_id] = limits
