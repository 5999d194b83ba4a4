"""What the connections that do not view a ticket learn about it: presence and drafts, as one
`digest` message per connection every DIGEST_SECS, holding the newest state of each
(ticket, agent). The viewers of a ticket get each change at once instead.

Sending every change to everyone does not scale: with 1,000 agents, 500 per department, 20
typists saving 20 drafts a second would be 200,000 messages a second, and every ticket an agent
opens another 1,000. The digest is one message per connection per period and never loses the
last state; a departed viewer still disappears within DIGEST_SECS (the target is 10 s).
"""
from .frames import text_frame
from .messages import digest_message

DIGEST_SECS = 2.0


class Digest:
    def __init__(self):
        self._presence = {}  # (ticket, agent) -> (department, item)
        self._drafts = {}  # (ticket, author) -> (department, item)

    def add_presence(self, ticket_id, agent, department, item):
        self._presence[(ticket_id, agent)] = (department, item)

    def add_draft(self, ticket_id, author, department, item):
        self._drafts[(ticket_id, author)] = (department, item)

    def flush(self, connections):
        """Sends what changed since the last flush; False when nothing had. Connections that would
        get the same digest (most of them: same departments, viewing none of these tickets, not
        an author) share one frame, built once."""
        presence, drafts = self._presence, self._drafts
        self._presence, self._drafts = {}, {}
        if not presence and not drafts:
            return False
        tickets = {ticket_id for ticket_id, _ in presence} | {ticket_id for ticket_id, _ in drafts}
        authors = {author for _, author in drafts}
        departments = sorted({department for department, _ in presence.values()}
                             | {department for department, _ in drafts.values()})
        frames = {}
        for conn in connections:
            if not conn.live:
                continue
            key = (conn.viewing if conn.viewing in tickets else None,
                   conn.agent.id if conn.agent.id in authors else None,
                   tuple(conn.can_see(department) for department in departments))
            frame = frames.get(key)
            if frame is None:
                frame = frames[key] = self._frame_for(conn, presence, drafts)
            if frame:
                conn.send_frame(frame)
        return True

    @staticmethod
    def _frame_for(conn, presence, drafts):
        seen = [item for (ticket_id, _), (department, item) in presence.items()
                if conn.viewing != ticket_id and conn.can_see(department)]
        typed = [item for (ticket_id, author), (department, item) in drafts.items()
                 if conn.viewing != ticket_id and conn.agent.id != author and conn.can_see(department)]
        return text_frame(digest_message(seen, typed)) if seen or typed else b""
