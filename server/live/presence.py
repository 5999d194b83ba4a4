"""Who is viewing or typing on which ticket. Pure state: the hub announces what changes.

An agent may have several tabs open, so views are counted per (ticket, agent). "Typing" means a
draft update in the last few seconds and wins over "viewing".
"""
from collections import Counter, defaultdict

TYPING_MS = 5000
_RANK = {"gone": 0, "viewing": 1, "typing": 2}


def stronger(a, b):
    """The state shown when two places report an agent on a ticket: typing > viewing > gone."""
    return a if _RANK[a] >= _RANK[b] else b


class Presence:
    def __init__(self):
        self._views = defaultdict(Counter)  # ticket -> agent -> open views
        self._typing = {}  # (ticket, agent) -> typing until (ms)
        self.shown = defaultdict(dict)  # ticket -> agent -> state as last announced

    def view(self, agent, old_ticket, new_ticket, now):
        """One connection of `agent` moved its view; returns the changed (ticket, agent, state)."""
        if old_ticket is not None:
            self._views[old_ticket][agent] -= 1
            if self._views[old_ticket][agent] <= 0:
                del self._views[old_ticket][agent]
                if not self._views[old_ticket]:
                    del self._views[old_ticket]
        if new_ticket is not None:
            self._views[new_ticket][agent] += 1
        return self._settle([(old_ticket, agent), (new_ticket, agent)], now)

    def typed(self, agent, ticket, now):
        self._typing[(ticket, agent)] = now + TYPING_MS
        return self._settle([(ticket, agent)], now)

    def left(self, agent, now):
        """The agent closed its last connection: it stops typing everywhere at once."""
        keys = [key for key in self._typing if key[1] == agent]
        for key in keys:
            del self._typing[key]
        return self._settle(keys, now)

    def expire(self, now):
        keys = [key for key, until in self._typing.items() if until <= now]
        for key in keys:
            del self._typing[key]
        return self._settle(keys, now)

    def viewers(self, ticket):
        return sorted(self.shown.get(ticket, ()))

    def typing(self, ticket):
        return sorted(a for a, state in self.shown.get(ticket, {}).items() if state == "typing")

    def someone_on(self, ticket):
        return bool(self.shown.get(ticket))

    def _state(self, ticket, agent, now):
        if self._typing.get((ticket, agent), 0) > now:
            return "typing"
        return "viewing" if self._views.get(ticket, {}).get(agent) else "gone"

    def _settle(self, keys, now):
        changes = []
        for ticket, agent in keys:
            if ticket is None:
                continue
            state = self._state(ticket, agent, now)
            if self.shown.get(ticket, {}).get(agent, "gone") == state:
                continue
            if state == "gone":
                del self.shown[ticket][agent]
                if not self.shown[ticket]:
                    del self.shown[ticket]
            else:
                self.shown[ticket][agent] = state
            changes.append((ticket, agent, state))
        return changes
