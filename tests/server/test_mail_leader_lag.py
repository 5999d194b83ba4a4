"""In-process, two Batons on one PostgreSQL database, as two serve.py processes: the leader sends a
reply another process wrote although its own copy of the ticket has not heard of that reply yet
(its bus has not read the commit's notification: here it never listens, so the lag is certain).
The reply goes out once and is recorded sent; only a reply the stored ticket lacks is given up.

PostgreSQL only: a SQLite file is served by one process, whose copy of the tickets is the truth."""
import json

import pytest

from baton_client import run
from conftest import CORE_PATH, TEST_SETTINGS
from mail_helpers import HANNAH, relay  # noqa: F401
from server.commands.config import SETTINGS_KEY
from server.commands.creation import create_ticket
from server.core_loader import load_core
from server.mail.channel import MailOptions
from server.services import build_baton
from server.store import open_store


@pytest.fixture
def processes(postgres, relay):  # noqa: F811
    """(leader, writer, agent id): two Batons on a fresh database, mail going to the test relay."""
    url = postgres.new_database()
    setup = open_store(url)
    agent = setup.add_agent("Ann", "ann@x.test", "agent", ["support"], "unused").id
    setup.put_setting(SETTINGS_KEY, json.dumps(TEST_SETTINGS))  # replies delivered at once
    setup.close()
    core = load_core(CORE_PATH)
    options = MailOptions(relay=("127.0.0.1", relay.port))
    leader = build_baton(core, open_store(url), "k", options)
    writer = build_baton(core, open_store(url), "k", options)
    assert leader.bus.is_leader() and not writer.bus.is_leader()
    yield leader, writer, agent
    writer.store.close()
    leader.store.close()


def command(baton, **fields):
    return baton.core.Command.parse(json.dumps(fields), 100_000)


def messages(baton, ticket_id):
    return json.loads(baton.tickets.get(ticket_id).to_json(False))["messages"]


def mail_ticket(baton, agent):
    """A customer's ticket, made (and so cached) by `baton`: (id, ref)."""
    uow = create_ticket(baton.commands, command(
        baton, type="create", subject="Boiler hisses", department="support", body="Since this morning",
        requester={"name": "Hannah", "email": HANNAH}), baton.config.actor(agent))
    ticket = baton.tickets.get(uow.steps[0].ticket_id)
    return ticket.id, ticket.ref


def test_the_leader_sends_a_reply_its_copy_of_the_ticket_has_not_heard_of(processes, relay):  # noqa: F811
    leader, writer, agent = processes

    async def scenario():
        ticket_id, ref = mail_ticket(leader, agent)
        uow = writer.commands.unit()
        step = uow.run(ticket_id, command(writer, type="reply", body="An engineer is on the way.",
                                          base_version=1, idempotency_key="lag-1"), writer.config.actor(agent))
        uow.commit()
        reply_id = json.loads(step.texts[0])["message"]["id"]
        assert writer.store.outbox_row_of(ticket_id, reply_id).state == "queued"
        assert [m["id"] for m in messages(leader, ticket_id)] == [1], "the leader has not heard of it"

        await leader.mail.outbox.send_due()

        assert len(relay.mails_of({"ref": ref})) == 1
        reply = messages(leader, ticket_id)[-1]
        assert (reply["id"], reply["body"]) == (reply_id, "An engineer is on the way.")
        assert reply["delivery"]["state"] == "sent"
        assert leader.store.outbox_row_of(ticket_id, reply_id).state == "sent"
        assert leader.bus.published_seq == leader.store.last_seq(), "its sockets got the events, in order"
        await leader.mail.outbox.send_due()  # nothing due any more: no second copy
        assert len(relay.mails_of({"ref": ref})) == 1

    run(scenario())


def test_a_reply_the_stored_ticket_lacks_is_given_up_unsent(processes, relay):  # noqa: F811
    leader, writer, agent = processes

    async def scenario():
        ticket_id, ref = mail_ticket(writer, agent)
        with writer.store.transaction() as tx:  # a row whose reply no ticket in the store has
            tx.add_outbox(ticket_id, 99, HANNAH, "queued", writer.clock.now())

        await leader.mail.outbox.send_due()

        row = leader.store.outbox_row_of(ticket_id, 99)
        assert (row.reason, row.next_at, row.attempts) == ("the reply is no longer in its ticket", None, 1)
        assert relay.mails_of({"ref": ref}) == []

    run(scenario())

