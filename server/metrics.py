"""Counters for /metrics in the Prometheus text format (no client library on the machine)."""
import bisect
from collections import Counter

# Push latency: from the moment a message is queued for a socket to its write.
PUSH_BUCKETS = (0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1.0)
# Rejections that mean two agents would have collided without Baton.
COLLISION_CODES = ("locked", "stale")


class Metrics:
    def __init__(self):
        self.commands = Counter()  # (type, result) -> count; result is "ok" or a rejection code
        self.collisions = 0
        self.push_buckets = [0] * len(PUSH_BUCKETS)
        self.push_count = 0
        self.push_sum = 0.0

    def command(self, command_type, result):
        self.commands[(command_type, result)] += 1
        if result in COLLISION_CODES:
            self.collisions += 1

    def pushed(self, seconds):
        index = bisect.bisect_left(PUSH_BUCKETS, seconds)
        if index < len(PUSH_BUCKETS):
            self.push_buckets[index] += 1
        self.push_count += 1
        self.push_sum += seconds

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
            "# HELP baton_push_latency_seconds Time from queueing a push to writing it to the socket.",
            "# TYPE baton_push_latency_seconds histogram",
        ]
        cumulative = 0
        for bound, count in zip(PUSH_BUCKETS, self.push_buckets):
            cumulative += count
            lines.append(f'baton_push_latency_seconds_bucket{{le="{bound}"}} {cumulative}')
        lines += [
            f'baton_push_latency_seconds_bucket{{le="+Inf"}} {self.push_count}',
            f"baton_push_latency_seconds_sum {self.push_sum:.6f}",
            f"baton_push_latency_seconds_count {self.push_count}",
        ]
        return "\n".join(lines) + "\n"
