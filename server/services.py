"""Every service of the server, built once, here, in the order they depend on each other, and
handed to whoever needs it. The aiohttp handlers find them all as request.app["baton"]."""
import time
from dataclasses import dataclass

from .commands.automations import Automations
from .commands.config import Config
from .commands.refusals import RefusalLog
from .commands.ticket_cache import TicketCache
from .commands.unit_of_work import Commands
from .live.bus import Bus, Peers
from .live.drafts import DraftSaver
from .live.hub import Hub
from .mail.channel import MailChannel, MailOptions
from .metrics import Metrics


class Clock:
    """Milliseconds since the epoch; `started_at` is when this process started."""

    def __init__(self):
        self.started_at = self.now()

    @staticmethod
    def now():
        return int(time.time() * 1000)


@dataclass(frozen=True)
class Baton:
    core: object
    store: object
    inbound_key: str
    system: object  # the core's system actor (automations, inbound mail)
    clock: Clock
    metrics: Metrics
    peers: Peers
    config: Config
    tickets: TicketCache
    hub: Hub
    bus: Bus
    refusals: RefusalLog
    commands: Commands
    drafts: DraftSaver
    automations: Automations
    mail: MailChannel


def build_baton(core, store, inbound_key, mail_options=None):
    """The services over an open store (the tickets are read from it here)."""
    clock = Clock()
    metrics = Metrics()
    peers = Peers(store)  # what this process tells the others on the database
    config = Config(core, store, peers)
    tickets = TicketCache(core)

    def offline_since(agent_id):
        """After a restart nobody is connected yet: the grace counts from the restart at the
        earliest, so a holder gets the full grace to reconnect (server downtime is not theirs)."""
        return max(config.last_seen(agent_id), clock.started_at)

    hub = Hub(tickets, offline_since, metrics, peers)
    bus = Bus(core, store, tickets, hub, config, clock)  # before loading: it notes the last seq stored
    tickets.load(store.tickets(), store.drafts())
    refusals = RefusalLog(store)
    system = core.Actor.system()
    commands = Commands(core, store, clock, metrics, config, tickets, hub, bus, peers, refusals, system)
    mail = MailChannel(commands, mail_options or MailOptions())
    commands.outbox_changed = mail.outbox.wake
    return Baton(core=core, store=store, inbound_key=inbound_key, system=system, clock=clock,
                 metrics=metrics, peers=peers, config=config, tickets=tickets, hub=hub, bus=bus,
                 refusals=refusals, commands=commands, drafts=DraftSaver(commands),
                 automations=Automations(commands), mail=mail)
