"""Counters for /metrics in the Prometheus text format (no client library on the machine)."""
import bisect
import time
from collections import Counter

# Push latency: from the moment the server has a message (an event committed, a draft saved, a
# digest due) to its write to the last socket that receives it; `live` pushes go out at once,
# `digest` ones every DIGEST_SECS to everyone not viewing the ticket.
PUSH_BUCKETS = (0.0001, 0.00025, 0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1.0)
PUSH_TIERS = ("live", "digest")
# Rejections that mean two agents would have collided without Baton.
COLLISION_CODES = ("locked", "stale")


class Metrics:
    def __init__(self):
        self.commands = Counter()  # (type, result) -> count; result is "ok" or a rejection code
        self.collisions = 0
        self.push = {tier: _Histogram(PUSH_BUCKETS) for tier in PUSH_TIERS}
        self.mail_in = Counter()  # what became of received mail (server/mail/receive.py)
        self.mail_out = Counter()  # how tries to send a reply ended (server/mail/outbox.py)
        self.websockets_closed = Counter()  # reason -> sockets the server closed for a limit

    def command(self, command_type, result):
        self.commands[(command_type, result)] += 1
        if result in COLLISION_CODES:
            self.collisions += 1

    def mail(self, result):
        self.mail_in[result] += 1

    def mail_sent(self, state):
        self.mail_out[state] += 1

    def websocket_closed(self, reason):
        self.websockets_closed[reason] += 1

    def pushed(self, tier, started):
        """One fan-out done: `started` is the perf_counter() when the message was ready."""
        self.push[tier].observe(time.perf_counter() - started)

    def render(self, connected_agents, websockets, locks_held):
        lines = [
            "# HELP baton_connected_agents Agents with at least one open WebSocket.",
            "# TYPE baton_connected_agents gauge",
            f"baton_connected_agents {connected_agents}",
            "# HELP baton_websockets Open WebSocket connections.",
            "# TYPE baton_websockets gauge",
            f"baton_websockets {websockets}",
            "# HELP baton_locks_held Tickets currently locked.",
            "# TYPE baton_locks_held gauge",
            f"baton_locks_held {locks_held}",
            "# HELP baton_commands_total Commands decided, by type and result (ok or rejection code).",
            "# TYPE baton_commands_total counter",
        ]
        for (command_type, result), count in sorted(self.commands.items()):
            lines.append(f'baton_commands_total{{type="{command_type}",result="{result}"}} {count}')
        lines += [
            "# HELP baton_collisions_prevented_total Commands rejected as locked or stale.",
            "# TYPE baton_collisions_prevented_total counter",
            f"baton_collisions_prevented_total {self.collisions}",
            "# HELP baton_push_latency_seconds A message ready (event committed, draft saved, digest due) "
            "to its write to the last receiving socket, by tier.",
            "# TYPE baton_push_latency_seconds histogram",
        ]
        for tier, histogram in self.push.items():
            lines += histogram.render("baton_push_latency_seconds", f'tier="{tier}"')
        lines += ["# HELP baton_mail_received_total Mails received over SMTP, by what became of them.",
                  "# TYPE baton_mail_received_total counter"]
        lines += [f'baton_mail_received_total{{result="{r}"}} {n}' for r, n in sorted(self.mail_in.items())]
        lines += ["# HELP baton_mail_sent_total Tries to hand a reply to the mail relay, by outcome.",
                  "# TYPE baton_mail_sent_total counter"]
        lines += [f'baton_mail_sent_total{{result="{r}"}} {n}' for r, n in sorted(self.mail_out.items())]
        lines += ["# HELP baton_websockets_closed_total WebSockets the server closed for a limit: "
                  "rate_limited (4029: too many messages or bytes a second), too_big (1009).",
                  "# TYPE baton_websockets_closed_total counter"]
        for reason in ("rate_limited", "too_big"):
            lines.append(f'baton_websockets_closed_total{{reason="{reason}"}} {self.websockets_closed[reason]}')
        return "\n".join(lines) + "\n"


class _Histogram:
    def __init__(self, bounds):
        self.bounds = bounds
        self.buckets = [0] * len(bounds)
        self.count = 0
        self.sum = 0.0

    def observe(self, value):
        index = bisect.bisect_left(self.bounds, value)
        if index < len(self.bounds):
            self.buckets[index] += 1
        self.count += 1
        self.sum += value

    def render(self, name, labels):
        lines, cumulative = [], 0
        for bound, count in zip(self.bounds, self.buckets):
            cumulative += count
            lines.append(f'{name}_bucket{{{labels},le="{bound}"}} {cumulative}')
        return lines + [f'{name}_bucket{{{labels},le="+Inf"}} {self.count}',
                        f"{name}_sum{{{labels}}} {self.sum:.6f}",
                        f"{name}_count{{{labels}}} {self.count}"]
