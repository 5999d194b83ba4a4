"""End to end through a real Postfix from Debian, configured by docs/postfix-baton.cf (this very
file, its port replaced): a customer's mail relayed to Baton, the reply relayed out by Postfix into
the customer's Maildir, the customer's answer threaded back, and a bounce Postfix generates
marking the reply "not delivered"."""
import email
import email.policy
import os
import shutil
import socket
import subprocess
import tempfile
import time
from pathlib import Path

import pytest

from baton_client import SUPPORT, Client, run
from collision_helpers import wait_until
from conftest import REPO, free_port
from mail_helpers import DOMAIN, MailServer, delivery, mail, reply, send, text_of, ticket_of

CUSTOMER_DOMAIN = "customer.test"
NOBODY_UID = 65534


class Postfix:
    """A private Postfix instance (its own configuration, queue and port; started as root, as
    Postfix must be) in front of and behind Baton."""

    def __init__(self, folder, baton_smtp_port):
        self.folder = folder
        self.port = free_port()
        self.conf, self.queue, self.data, self.mail = (folder / n for n in ("conf", "queue", "data", "mail"))
        for path in (self.conf, self.queue, self.data, self.mail):
            path.mkdir(parents=True)
        shutil.chown(self.data, "postfix")
        os.chown(self.mail, NOBODY_UID, NOBODY_UID)
        self.log = folder / "postfix.log"
        documented = (REPO / "docs/postfix-baton.cf").read_text()
        assert "smtp:[127.0.0.1]:2525" in documented
        documented = documented.replace("smtp:[127.0.0.1]:2525", f"smtp:[127.0.0.1]:{baton_smtp_port}")
        # The test's own surroundings: where this instance keeps its files and listens, and the
        # customer's side: a mail domain Postfix delivers into a Maildir (unknown users bounce).
        (self.conf / "main.cf").write_text(documented + f"""
compatibility_level = 3.6
queue_directory = {self.queue}
data_directory = {self.data}
maillog_file = {self.log}
maillog_file_prefixes = {folder}
inet_interfaces = 127.0.0.1
inet_protocols = ipv4
myhostname = mx.example.net
mydestination =
alias_maps =
alias_database =
virtual_mailbox_domains = {CUSTOMER_DOMAIN}
virtual_mailbox_base = {self.mail}
virtual_mailbox_maps = inline:{{ hannah@{CUSTOMER_DOMAIN}=inbox/ }}
virtual_uid_maps = static:{NOBODY_UID}
virtual_gid_maps = static:{NOBODY_UID}
smtpd_reject_unlisted_recipient = no
""")
        shutil.copy("/etc/postfix/master.cf", self.conf / "master.cf")
        self._postconf("-F", "*/*/chroot = n")
        self._postconf("-M", f"smtp/inet=127.0.0.1:{self.port} inet n - n - - smtpd")

    def _postconf(self, *args):
        subprocess.run(["postconf", "-c", str(self.conf), *args], check=True, capture_output=True)

    def _postfix(self, action):
        return subprocess.run(["postfix", "-c", str(self.conf), action], capture_output=True, text=True, timeout=60)

    def start(self):
        started = self._postfix("start")
        deadline = time.monotonic() + 20
        while time.monotonic() < deadline:
            try:
                with socket.create_connection(("127.0.0.1", self.port), timeout=1):
                    return self
            except OSError:
                time.sleep(0.05)
        raise RuntimeError(f"postfix did not start: {started.stdout}{started.stderr}\n{self.logged()}")

    def stop(self):
        self._postfix("stop")

    def logged(self):
        return self.log.read_text() if self.log.exists() else "(no log)"

    def delivered(self):
        """The mails in hannah@customer.test's Maildir."""
        new = self.mail / "inbox" / "new"
        return [email.message_from_bytes(p.read_bytes(), policy=email.policy.default)
                for p in sorted(new.iterdir())] if new.exists() else []


@pytest.fixture
def postfix_and_baton(new_database, tmp_path):
    if shutil.which("postfix") is None or not Path("/etc/postfix/master.cf").exists():
        if os.environ.get("BATON_REQUIRE_POSTFIX") == "1":
            raise RuntimeError("Postfix is not installed (Debian package postfix)")
        pytest.skip("Postfix is not installed")
    if os.geteuid() != 0:
        pytest.skip("Postfix starts as root")

    class Hop:  # Baton relays out through Postfix: its port is known once Postfix exists
        port = None
    baton = MailServer(new_database(), tmp_path, Hop)
    # Not under pytest's folder: Postfix's own user must reach its files, and that one is root's only.
    folder = Path(tempfile.mkdtemp(prefix="baton-postfix-"))
    folder.chmod(0o755)
    postfix = Postfix(folder, baton.smtp_port)
    Hop.port = postfix.port
    baton.process.extra_args[baton.process.extra_args.index("--smtp-relay") + 1] = f"127.0.0.1:{postfix.port}"
    try:
        postfix.start()
        baton.start()
        yield postfix, baton
    finally:
        baton.stop()
        postfix.stop()
        shutil.rmtree(folder, ignore_errors=True)


def test_through_a_real_postfix_in_and_out(postfix_and_baton):
    postfix, baton = postfix_and_baton
    hannah = f"hannah@{CUSTOMER_DOMAIN}"

    async def scenario():
        async with Client(baton.base) as client:
            agent = await client.login(SUPPORT[0])
            first = mail(subject="Through Postfix", sender=f"Hannah Rebekah <{hannah}>")
            code, _ = await send(postfix.port, first, mail_from=hannah, rcpts=[f"support@{DOMAIN}"])
            assert code == 250, "Postfix took it"

            async def arrived():
                status, found = await agent.call("GET", "/api/tickets?q=through postfix")
                return [t for t in found["tickets"] if t["subject"] == "Through Postfix"]
            found = await wait_until(arrived, timeout=20, every=0.1)
            assert found, f"Postfix did not relay it to Baton:\n{postfix.logged()}"
            ticket = await agent.ticket(found[0]["id"])
            assert ticket["requester"]["email"] == hannah

            message_id = await reply(agent, ticket, body="Hello Hannah, fixed.")
            await delivery(agent, ticket["id"], message_id, "sent", timeout=20)
            inbox = await wait_until(lambda: _async(postfix.delivered()), timeout=20, every=0.1)
            assert inbox, f"nothing in the Maildir:\n{postfix.logged()}"
            [out] = inbox
            assert text_of(out) == "Hello Hannah, fixed."
            assert out["In-Reply-To"] == first["Message-ID"]
            assert out["Subject"] == f"Re: Through Postfix [{ticket['ref']}]"
            assert out["Return-Path"].startswith("<bounce+")

            answer = mail(subject="Thanks", body="It works now.", sender=f"Hannah Rebekah <{hannah}>",
                          to=out["Reply-To"])
            code, _ = await send(postfix.port, answer, mail_from=hannah, rcpts=[out["Reply-To"]])
            assert code == 250

            async def threaded():
                t = await agent.ticket(ticket["id"])
                return t if t["messages"][-1]["body"] == "It works now." else None
            assert await wait_until(threaded, timeout=20, every=0.1), postfix.logged()

            # A reply to an address Postfix takes, then cannot deliver: its bounce comes back.
            ghost = f"ghost@{CUSTOMER_DOMAIN}"
            code, text = await send(postfix.port, mail(subject="Ghost", sender=f"Ghost <{ghost}>"),
                                    mail_from=ghost, rcpts=[f"support@{DOMAIN}"])
            assert code == 250
            ghost_ticket = await wait_until(lambda: _ghost(agent), timeout=20, every=0.1)
            assert ghost_ticket, postfix.logged()
            message_id = await reply(agent, ghost_ticket)
            failed = await delivery(agent, ghost_ticket["id"], message_id, "failed", timeout=20)
            assert failed["reason"] == f'unknown user: "{ghost}"', "Postfix's own bounce (its DSN) came back"
            history = [e for e in await agent.history(ghost_ticket["id"]) if e["type"] == "delivery_changed"]
            assert [e["state"] for e in history] == ["sent", "failed"], "taken by Postfix, then bounced" 

    run(scenario())


async def _async(value):
    return value


async def _ghost(agent):
    status, found = await agent.call("GET", "/api/tickets?q=ghost")
    matches = [t for t in found["tickets"] if t["subject"] == "Ghost"]
    return await agent.ticket(matches[0]["id"]) if matches else None
