"""What the admins set up, as stored: the agents (and the core's directory of them, which every
decision reads) and the automations' settings. Re-read when another process changes them."""
import json

from ..store import StoreUnavailable

SETTINGS_KEY = "automations"


class Config:
    def __init__(self, core, store, peers):
        self.core, self.store, self.peers = core, store, peers
        self.agents, self.directory = {}, None
        self.reload_agents()
        self.settings = self._load_settings()

    def reload_agents(self):
        """Re-reads the agents and rebuilds the core's directory (names, roles, departments)."""
        agents = {agent.id: agent for agent in self.store.agents()}
        directory = self.core.Directory.parse(json.dumps([a.public() for a in agents.values()]))
        if isinstance(directory, self.core.Rejection):
            raise StoreUnavailable(f"the agents in the database are invalid: {directory.message}")
        self.agents, self.directory = agents, directory

    def actor(self, agent_id):
        return self.directory.actor(agent_id)

    def last_seen(self, agent_id):
        """When the agent last had an open WebSocket, as stored (0: never)."""
        agent = self.agents.get(agent_id)
        return agent.last_seen if agent and agent.last_seen else 0

    def save_settings(self, settings):
        self.store.put_setting(SETTINGS_KEY, settings.to_json())
        self.settings = settings
        self.peers.settings_changed()

    def reload_settings(self):
        """Another process changed them."""
        self.settings = self._load_settings()

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
