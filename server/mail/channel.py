"""The mail channel's services, built once (server/services.py): its options, Baton's signed mail
names, the address book, the receiver (SMTP in) and the outbox (SMTP out)."""
import logging
import secrets
from dataclasses import dataclass, field

from .addresses import AddressBook
from .outbox import Outbox
from .receive import Receiver
from .retry import RetryPolicy
from .signing import MailNames
from .smtp_in import listen

log = logging.getLogger("baton.mail")

SECRET_SETTING = "mail_secret"
DEFAULT_DOMAIN = "baton.test"


@dataclass(frozen=True)
class MailOptions:
    """serve.py's mail options (server/mail/options.py)."""
    domain: str = DEFAULT_DOMAIN
    listen: tuple | None = None  # (host, port) of the inbound SMTP listener; None: no listener
    relay: tuple | None = None  # (host, port) replies are handed to; None: they wait in the outbox
    retry: RetryPolicy = field(default_factory=RetryPolicy)


class MailChannel:
    def __init__(self, commands, options):
        self.commands = commands
        self.options = options
        self.domain = options.domain.lower()
        self.relay = options.relay
        self.retry = options.retry
        self.names = MailNames(_secret(commands.store), self.domain)
        self.receiver = Receiver(self)
        self.outbox = Outbox(self)
        self.server = None  # the SMTP listener's asyncio Server, once started

    def book(self):
        """The departments' addresses as the settings and the agents say now."""
        config = self.commands.config
        departments = {d for agent in config.agents.values() for d in agent.departments}
        return AddressBook(self.domain, departments, config.settings.mail_addresses)

    async def start(self):
        """Starts listening (when asked to); raises OSError when the address cannot be had."""
        if self.options.listen is not None:
            host, port = self.options.listen
            self.server = await listen(self.receiver, host, port,
                                       lambda: self.commands.config.settings.max_mail_bytes,
                                       f"mx.{self.domain}")

    def listening(self):
        """(host, port) actually listened on, or None."""
        if self.server is None or not self.server.sockets:
            return None
        return self.server.sockets[0].getsockname()[:2]

    async def stop(self):
        if self.server is not None:
            self.server.close()
            await self.server.wait_closed()


def _secret(store):
    """The key of the signed names, made once per database (every process shares it)."""
    secret = store.get_setting(SECRET_SETTING)
    if secret is None:
        store.put_setting(SECRET_SETTING, secrets.token_urlsafe(32))
        secret = store.get_setting(SECRET_SETTING)  # a process starting at the same time may have won
    return secret
