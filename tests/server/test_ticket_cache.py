"""In-process: the cache's list order stays exact while tickets change, from any cursor."""
import json
import random

import pytest

from conftest import CORE_PATH
from server.commands.creation import create_ticket
from server.core_loader import load_core
from server.services import build_baton
from server.store import open_store


@pytest.fixture
def baton(new_database):
    store = open_store(new_database())
    for name in ("ann", "bob", "cy"):
        store.add_agent(name, f"{name}@x.test", "agent", ["support"], "unused")
    baton = build_baton(load_core(CORE_PATH), store, "k")
    yield baton
    store.close()


def parse(baton, **fields):
    return baton.core.Command.parse(json.dumps(fields), 100_000)


def expected_order(cache):
    return sorted(cache.entries.values(), key=lambda e: (e.updated_at, e.id), reverse=True)


def test_the_list_order_follows_every_change_and_every_cursor(baton, tmp_path):
    rng, cache, now = random.Random(5), baton.tickets, 1_800_000_000_000
    create = dict(type="create", subject="Printer", department="support", body="Jams",
                  requester={"name": "H", "email": "h@example.com"})
    for _ in range(120):
        create_ticket(baton.commands, parse(baton, **create), baton.system)
    accepted = 0
    for step in range(600):
        now += rng.choice([0, 0, 1, 250])  # many changes in the same millisecond
        ticket_id, agent = rng.randint(1, 120), rng.randint(1, 3)
        command = rng.choice([dict(type="note", body=f"n{step}"), dict(type="take"), dict(type="lock"),
                              dict(type="unlock"), dict(type="set_urgency", urgency=rng.randint(1, 10))])
        uow = baton.commands.unit()
        if not isinstance(uow.run(ticket_id, parse(baton, **command), baton.config.actor(agent), now), baton.core.Rejection):
            uow.commit()
            accepted += 1
        if step % 50 == 0:
            order = expected_order(cache)
            assert list(cache.newest_first()) == order
            cursor = order[rng.randrange(len(order))]
            assert list(cache.newest_first(cursor[:2])) == [e for e in order if e[:2] < cursor[:2]]
            for agent in (1, 2, 3):
                assert cache.assigned[agent] == {e.id for e in order if e.assignee == agent}
            assert cache.locked == {e.id for e in order if e.lock_holder is not None}
    assert accepted > 300, "the changes must mostly be accepted to move tickets around"
    reloaded = build_baton(baton.core, baton.store, "k").tickets  # as after a restart
    assert list(reloaded.newest_first()) == expected_order(cache)
