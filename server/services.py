"""The application-wide objects, kept on the aiohttp Application as app["baton"]."""
import json
import time
from dataclasses import dataclass, field

from .bus import make_bus
from .hub import Hub
from .metrics import Metrics
from .store import StoreUnavailable
from .ticket_cache import TicketCache

SETTINGS_KEY = "automations"


@dataclass
class Baton:
    core: object
    store: object
    inbound_key: str
    started_at: int = field(default_factory=lambda: int(time.time() * 1000))
    metrics: Metrics = field(default_factory=Metrics)

    def __post_init__(self):
        self.system = self.core.Actor.system()
        self.tickets = TicketCache(self.core)
        self.bus = make_bus(self)  # before loading: it notes the last seq already in the tickets
        self.tickets.load(self.store.tickets(), self.store.drafts())
        self.hub = Hub(self.tickets, self._stored_offline_since, self.metrics, self.bus)
        self.settings = self._load_settings()
        self.reload_agents()

    @staticmethod
    def now():
        return int(time.time() * 1000)

    def reload_agents(self):
        """Re-reads the agents and rebuilds the core's directory (names, roles, departments)."""
        self.agents = {agent.id: agent for agent in self.store.agents()}
        directory = self.core.Directory.parse(json.dumps([a.public() for a in self.agents.values()]))
        if isinstance(directory, self.core.Rejection):
            raise StoreUnavailable(f"the agents in the database are invalid: {directory.message}")
        self.directory = directory

    def actor(self, agent_id):
        return self.directory.actor(agent_id)

    def save_settings(self, settings):
        self.store.put_setting(SETTINGS_KEY, settings.to_json())
        self.settings = settings
        self.bus.settings_changed()

    def reload_settings(self):
        """Another process changed them."""
        self.settings = self._load_settings()

    def find_ticket(self, ticket_id):
        """The ticket, also when another process has just made it (None if there is none)."""
        return self.bus.find(ticket_id)

    def max_command_bytes(self):
        """Room for the JSON around a body of the largest allowed size."""
        return self.settings.max_body_bytes + 4096

    def _load_settings(self):
        text = self.store.get_setting(SETTINGS_KEY)
        if text is None:
            return self.core.Settings.default()
        settings = self.core.Settings.parse(text)
        if isinstance(settings, self.core.Rejection):
            raise StoreUnavailable(f"the stored settings are invalid: {settings.message}")
        return settings

    def _stored_offline_since(self, agent_id):
        """After a restart nobody is connected yet: the grace counts from the restart at the
        earliest, so a holder gets the full grace to reconnect (server downtime is not theirs)."""
        agent = self.agents.get(agent_id)
        last_seen = agent.last_seen if agent and agent.last_seen else 0
        return max(last_seen, self.started_at)
