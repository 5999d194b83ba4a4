"""In-process: a write that fails half-way leaves neither the database nor the tickets changed."""
import json

import pytest

from conftest import CORE_PATH
from server.core_loader import load_core
from server.services import build_baton
from server.store import open_store
from server.store.postgres import PostgresTransaction
from server.store.sqlite import SqliteTransaction


class DiskFull(Exception):
    pass


@pytest.fixture
def baton(new_database):
    core = load_core(CORE_PATH)
    store = open_store(new_database())
    store.add_agent("Ann", "ann@x.test", "agent", ["support"], "unused")
    baton = build_baton(core, store, "k")
    yield baton
    store.close()


def command(baton, **fields):
    return baton.core.Command.parse(json.dumps(fields), 100_000)


def test_a_failed_commit_stores_nothing_and_changes_no_ticket(baton, monkeypatch, store_kind):
    core = baton.core
    uow = baton.commands.unit()
    created = uow.create(core.Ticket.blank(1, core.make_ref(7)), command(
        baton, type="create", subject="Boiler", department="support", body="Broken",
        requester={"name": "H", "email": "h@example.com"}), baton.system)
    uow.commit()
    assert created.events[0].seq == 1

    def fail(self, row):
        raise DiskFull()

    transaction = {"sqlite": SqliteTransaction, "postgresql": PostgresTransaction}[store_kind]
    monkeypatch.setattr(transaction, "put_ticket", fail)  # after the events were appended
    uow = baton.commands.unit()
    uow.run(1, command(baton, type="lock"), baton.config.actor(1))
    with pytest.raises(DiskFull):
        uow.commit()
    assert baton.store.last_seq() == 1
    assert [json.loads(e)["type"] for e in baton.store.history(1)] == ["created"]
    assert baton.tickets.get(1).lock_holder is None and 1 not in baton.tickets.locked

    monkeypatch.undo()
    uow = baton.commands.unit()
    uow.run(1, command(baton, type="lock"), baton.config.actor(1))
    uow.commit()
    assert baton.store.last_seq() == 2 and baton.tickets.get(1).lock_holder == 1
