"""Every service of the server, built once, here, in the order they depend on each other, and
handed to whoever needs it. The aiohttp handlers find them all as request.app["baton"]."""
import dataclasses
import time
from dataclasses import dataclass

from .api.forwarded import Forwarded
from .api.login_throttle import LoginGuard
from .commands.automations import MAX_BATCH, Automations
from .commands.config import Config
from .commands.refusals import RefusalLog
from .commands.ticket_cache import TicketCache
from .commands.unit_of_work import Commands
from .live.bus import Bus, Peers
from .live.drafts import DraftSaver
from .live.hub import Hub
from .live.ws_limits import SendBudgets
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
    forwarded: Forwarded  # what a trusted reverse proxy says about the client
    logins: LoginGuard  # failed logins' waits, and the bounded scrypt pool
    send_budgets: SendBudgets  # what WebSockets closed for their rate left (reconnecting does not refill it)
    demo: object = None  # the demo's live colleagues (server/demo_colleagues.py), if any


def build_baton(core, store, inbound_key, mail_options=None, trusted_proxies=(), login_wait_ms=1000,
                demo=None, automation_batch=MAX_BATCH):
    """The services over an open store (the tickets are read from it here). `demo`, if given,
    makes the demo's colleagues from the other services (server/demo_colleagues.py)."""
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
    drafts = DraftSaver(commands)
    baton = Baton(core=core, store=store, inbound_key=inbound_key, system=system, clock=clock,
                  metrics=metrics, peers=peers, config=config, tickets=tickets, hub=hub, bus=bus,
                  refusals=refusals, commands=commands, drafts=drafts,
                  automations=Automations(commands, max_batch=automation_batch), mail=mail,
                  forwarded=Forwarded(trusted_proxies), logins=LoginGuard(wait_scale=login_wait_ms / 1000),
                  send_budgets=SendBudgets())
    # The colleagues act through the handlers' functions, which take the services: made last.
    return dataclasses.replace(baton, demo=demo(baton)) if demo else baton
