"""Mail in the tests: mails built as a customer's program builds them, sent over real SMTP on
loopback (aiosmtplib), a relay that is a real SMTP server (aiosmtpd in this process), and the
shared mail-enabled server each store's mail tests use."""
import asyncio
import email
import email.policy
import email.utils
import threading
from email.message import EmailMessage

import aiosmtplib
import pytest
from aiosmtpd.controller import Controller

from baton_client import ADMIN, Client
from collision_helpers import wait_until
from conftest import ServerProcess, free_port

DOMAIN = "baton.test"
SUPPORT_ADDRESS = f"support@{DOMAIN}"
HANNAH = "hannah@example.com"
# Retries fast enough for a test: 50 ms, doubling, at most 200 ms apart, given up after 30 s.
FAST_RETRY = "0.05,0.2,30"


def mail(subject="My boiler hisses", body="It started this morning.", sender=f"Hannah Rebekah <{HANNAH}>",
         to=SUPPORT_ADDRESS, message_id=True, charset=None, headers=()):
    """A plain text mail; `message_id` True makes a fresh one, a string sets it, None leaves it out."""
    m = EmailMessage()
    m["From"] = sender
    m["To"] = to
    m["Subject"] = subject
    m["Date"] = email.utils.formatdate()
    if message_id is True:
        m["Message-ID"] = email.utils.make_msgid(domain="example.com")
    elif message_id:
        m["Message-ID"] = message_id
    for name, value in headers:
        m[name] = value
    if charset:
        m.set_content(body, charset=charset)
    else:
        m.set_content(body)
    return m


def text_of(message, subtype="plain"):
    """A received mail's text or HTML part, with plain line ends."""
    return message.get_body((subtype,)).get_content().replace("\r\n", "\n").strip()


def as_bytes(message):
    return message if isinstance(message, bytes) else message.as_bytes(policy=email.policy.SMTP)


async def send(port, message, mail_from=HANNAH, rcpts=(SUPPORT_ADDRESS,)):
    """(code, text) of the server's answer to the mail (or to the command that refused it)."""
    smtp = aiosmtplib.SMTP(hostname="127.0.0.1", port=port, timeout=20, start_tls=False)
    await smtp.connect()
    try:
        errors, text = await smtp.sendmail(mail_from, list(rcpts), as_bytes(message))
        return 250, text
    except aiosmtplib.SMTPRecipientsRefused as exc:
        return exc.recipients[0].code, exc.recipients[0].message
    except aiosmtplib.SMTPResponseException as exc:
        return exc.code, exc.message
    finally:
        try:
            await smtp.quit()
        except aiosmtplib.SMTPException:
            smtp.close()


class Relay:
    """The mail relay replies are handed to: a real SMTP server that keeps what it accepts
    (`accepted`: (envelope sender, recipients, parsed mail)), or refuses with `answer`."""

    def __init__(self):
        self.port = free_port()
        self.accepted = []
        self.answer = None  # e.g. "451 4.3.0 Try again later": refuse the mail with it
        self.refused = 0
        self.controller = None
        self._lock = threading.Lock()

    async def handle_DATA(self, server, session, envelope):
        with self._lock:
            if self.answer:
                self.refused += 1
                return self.answer
            self.accepted.append((envelope.mail_from, list(envelope.rcpt_tos),
                                  email.message_from_bytes(envelope.original_content, policy=email.policy.default)))
        return "250 2.0.0 Queued"

    def start(self):
        self.controller = Controller(self, hostname="127.0.0.1", port=self.port)
        self.controller.start()
        return self

    def stop(self):
        if self.controller is not None:
            self.controller.stop()
            self.controller = None

    def mails_of(self, ticket):
        """The mails accepted for a ticket (its ref is in their subject; one relay serves both
        stores' servers)."""
        with self._lock:
            return [m for _, _, m in self.accepted if f"[{ticket['ref']}]" in m["Subject"]]

    def envelopes_of(self, ticket):
        with self._lock:
            return [(env, rcpts) for env, rcpts, m in self.accepted if f"[{ticket['ref']}]" in m["Subject"]]


class MailServer:
    """serve.py with SMTP in (on `smtp_port`) and out (through `relay`), fast retries."""

    def __init__(self, db, log_dir, relay, extra_args=(), demo=True, settings=None):
        self.smtp_port = free_port()
        self.relay = relay
        args = ["--smtp-listen", f"127.0.0.1:{self.smtp_port}", "--smtp-relay", f"127.0.0.1:{relay.port}",
                "--mail-domain", DOMAIN, "--mail-retry", FAST_RETRY, *extra_args]
        kwargs = {} if settings is None else {"settings": settings}
        self.process = ServerProcess(db, demo=demo, extra_args=args, log_dir=log_dir, **kwargs)

    @property
    def base(self):
        return self.process.base

    def start(self):
        self.process.start()
        return self

    def stop(self):
        self.process.stop()

    async def send(self, message, mail_from=HANNAH, rcpts=(SUPPORT_ADDRESS,)):
        return await send(self.smtp_port, message, mail_from, rcpts)


@pytest.fixture(scope="session")
def relay():
    r = Relay().start()
    yield r
    r.stop()


@pytest.fixture(scope="session")
def mail_server(new_database, relay, tmp_path_factory):
    """The mail tests' shared server on each store; each test makes its own tickets."""
    srv = MailServer(new_database(), tmp_path_factory.mktemp("mail"), relay).start()
    yield srv
    srv.stop()


async def ticket_of(agent, answer):
    """The ticket a `250 ... Stored on ticket REF` answer names."""
    code, text = answer
    assert code == 250, answer
    ref = text.split("Stored on ticket ")[1].split()[0]
    status, found = await agent.call("GET", f"/api/tickets?q={ref.lower()}")
    assert status == 200, found
    matches = [t for t in found["tickets"] if t["ref"] == ref]
    assert matches, f"no ticket {ref}"
    return await agent.ticket(matches[0]["id"])


async def delivery(agent, ticket_id, message_id, state, timeout=8.0):
    """The reply's delivery once it reached `state` (or what it was at the timeout)."""
    async def check():
        ticket = await agent.ticket(ticket_id)
        found = next(m for m in ticket["messages"] if m["id"] == message_id)["delivery"]
        return found if found["state"] == state else None
    found = await wait_until(check, timeout=timeout, every=0.05)
    if found is None:
        ticket = await agent.ticket(ticket_id)
        found = next(m for m in ticket["messages"] if m["id"] == message_id)["delivery"]
        raise AssertionError(f"delivery never became {state}: {found}")
    return found


async def reply(agent, ticket, body="An engineer is on the way.", key=None):
    """Replies at the ticket's current version; the reply's message id."""
    status, answer = await agent.command(ticket["id"], type="reply", body=body, base_version=ticket["version"],
                                         idempotency_key=key or email.utils.make_msgid())
    assert status == 200, answer
    return answer["ticket"]["messages"][-1]["id"]


async def set_settings(base, **settings):
    async with Client(base) as client:
        admin = await client.login(ADMIN)
        status, body = await admin.call("PUT", "/api/settings", settings)
        assert status == 200, body
        return body["settings"]


def run_with_timeout(coroutine, seconds=60):
    return asyncio.run(asyncio.wait_for(coroutine, seconds))
