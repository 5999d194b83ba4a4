"""Mail across crashes, upgrades and processes: a mail answered 250 survives a SIGKILL; a reply
killed mid-send goes out at most once more than the relay acknowledged; a database from before
mail is upgraded on start; two processes on one PostgreSQL store each mail once and send each
reply once."""
import asyncio
import sqlite3
import threading

from baton_client import SUPPORT, Client, run
from mail_helpers import MailServer, Relay, delivery, mail, relay, reply, ticket_of  # noqa: F401


def test_a_mail_answered_250_is_there_after_a_sigkill(new_database, relay, tmp_path):
    server = MailServer(new_database(), tmp_path, relay).start()
    try:
        async def before():
            return await server.send(mail(subject="Sent just before the crash"))

        code, text = run(before())
        assert code == 250
        server.process.kill()
        server.start()

        async def after():
            async with Client(server.base) as client:
                agent = await client.login(SUPPORT[0])
                ticket = await ticket_of(agent, (code, text))
                assert ticket["messages"][0]["body"] == "It started this morning."

        run(after())
    finally:
        server.stop()


class StallingRelay(Relay):
    """Takes the mail, then holds its answer until released: the window SMTP cannot close."""

    def __init__(self):
        super().__init__()
        self.release = threading.Event()
        self.holding = threading.Event()

    async def handle_DATA(self, server, session, envelope):
        answer = await super().handle_DATA(server, session, envelope)
        self.holding.set()
        while not self.release.is_set():
            await asyncio.sleep(0.01)
        return answer


def test_a_reply_killed_mid_send_goes_out_at_most_once_more(new_database, tmp_path):
    stalling = StallingRelay().start()
    server = MailServer(new_database(), tmp_path, stalling).start()
    try:
        async def before():
            async with Client(server.base) as client:
                agent = await client.login(SUPPORT[0])
                ticket = await ticket_of(agent, await server.send(mail(subject="Mid-send")))
                await reply(agent, ticket)
                return ticket

        ticket = run(before())
        assert stalling.holding.wait(10), "the relay has the mail, its 250 is not sent yet"
        server.process.kill()
        stalling.release.set()
        server.start()

        async def after():
            async with Client(server.base) as client:
                agent = await client.login(SUPPORT[0])
                message_id = (await agent.ticket(ticket["id"]))["messages"][-1]["id"]
                await delivery(agent, ticket["id"], message_id, "sent")
                copies = stalling.mails_of(ticket)
                assert len(copies) == 2, "one copy more than the relay acknowledged, not more"
                assert copies[0]["Message-ID"] == copies[1]["Message-ID"], "the same mail: shown once"

        run(after())
    finally:
        server.stop()
        stalling.stop()


def _downgrade(db):
    """The database as Baton left it before mail (schema version 3)."""
    if str(db).startswith("postgresql://"):
        import psycopg
        with psycopg.connect(str(db), autocommit=True) as conn:
            conn.execute("DROP TABLE mail_in, attachments, outbox")
            conn.execute("UPDATE baton_schema SET version = 3")
    else:
        with sqlite3.connect(db) as conn:
            conn.executescript("DROP TABLE mail_in; DROP TABLE attachments; DROP TABLE outbox; PRAGMA user_version = 3;")


def test_a_database_from_before_mail_is_upgraded_on_start(new_database, relay, tmp_path):
    server = MailServer(new_database(), tmp_path, relay)
    db = server.process.db
    server.start()
    server.stop()
    _downgrade(db)
    server.start()
    try:
        async def scenario():
            async with Client(server.base) as client:
                agent = await client.login(SUPPORT[0])
                status, found = await agent.call("GET", "/api/tickets?limit=5")
                assert status == 200 and len(found["tickets"]) == 5, "the old tickets are all there"
                ticket = await ticket_of(agent, await server.send(mail(subject="After the upgrade")))
                message_id = await reply(agent, ticket)
                await delivery(agent, ticket["id"], message_id, "sent")

        run(scenario())
    finally:
        server.stop()


def test_two_processes_store_each_mail_once_and_send_each_reply_once(postgres, relay, tmp_path):
    url = postgres.new_database()
    one = MailServer(url, tmp_path, relay).start()
    two = MailServer(url, tmp_path, relay, demo=False).start()
    try:
        async def scenario():
            async with Client(one.base) as c1, Client(two.base) as c2:
                agents = [await c1.login(SUPPORT[0]), await c2.login(SUPPORT[1])]
                servers = [one, two]
                tickets = []
                for i in range(8):  # through both processes
                    answer = await servers[i % 2].send(mail(subject=f"Two processes {i}"))
                    tickets.append(await ticket_of(agents[i % 2], answer))
                # One mail delivered to both at once (two MX hosts, say): stored once.
                twin = mail(subject=f"Twin delivery [{tickets[0]['ref']}]", body="Delivered twice").as_bytes()
                answers = await asyncio.gather(one.send(twin), two.send(twin))
                for index, (code, text) in enumerate(answers):
                    if code == 451:  # the other process's commit won the key: the MTA retries
                        code, text = await servers[index].send(twin)
                        assert (code, text) == (250, "2.0.0 Already received")
                    assert code == 250
                bodies = [m["body"] for m in (await agents[0].ticket(tickets[0]["id"]))["messages"]]
                assert bodies.count("Delivered twice") == 1
                # Replies through both processes: the leader sends each once.
                replied = []
                for i, ticket in enumerate(tickets):
                    fresh = await agents[i % 2].ticket(ticket["id"])
                    replied.append((ticket, await reply(agents[i % 2], fresh, body=f"Answer {i}")))
                for i, (ticket, message_id) in enumerate(replied):
                    for agent in agents:  # both processes' views follow
                        await delivery(agent, ticket["id"], message_id, "sent")
                await asyncio.sleep(0.5)  # more than a poll of either process: no second copy
                for ticket, _ in replied:
                    assert len(relay.mails_of(ticket)) == 1

        run(scenario())
    finally:
        one.stop()
        two.stop()
