"""The admin automations: locks expire, a disconnected holder's lock is released, round-robin."""
import asyncio
import time

import pytest

from baton_client import ADMIN, SUPPORT, Client, run
from conftest import ServerProcess


@pytest.fixture(scope="module")
def automation_server(new_database, tmp_path_factory):
    """Its own server: these tests change the settings."""
    srv = ServerProcess(new_database(), log_dir=tmp_path_factory.mktemp("automations")).start()
    yield srv
    srv.stop()


async def set_settings(client, **settings):
    admin = await client.login(ADMIN)
    status, body = await admin.call("PUT", "/api/settings", settings)
    assert status == 200, body
    return body["settings"]


async def wait_for_unlock(agent, ticket_id, timeout=5.0):
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        history = await agent.history(ticket_id)
        if history[-1]["type"] == "unlocked":
            return history
        await asyncio.sleep(0.1)
    raise AssertionError(f"ticket {ticket_id} was not unlocked in {timeout} s")


def test_a_lock_expires_after_the_timeout_unless_renewed(automation_server):
    async def scenario():
        async with Client(automation_server.base) as client:
            await set_settings(client, lock_timeout_secs=1, disconnect_grace_secs=30)
            agent = await client.login(SUPPORT[0])
            ws = await agent.socket()  # connected: only the timeout applies
            renewed, expiring = (await client.new_ticket())["id"], (await client.new_ticket())["id"]
            for tid in (renewed, expiring):
                assert (await agent.command(tid, type="lock"))[0] == 200
            for _ in range(3):  # heartbeats over the socket keep one lock alive
                await asyncio.sleep(0.5)
                await ws.send(type="renew", ticket=renewed)

            history = await wait_for_unlock(agent, expiring)
            locked, unlocked = history[-2], history[-1]
            assert unlocked["reason"] == "expired" and unlocked["holder"] == agent.id
            assert 1000 <= unlocked["at"] - locked["at"] <= 2000
            pushed = await ws.next("event", where=lambda m: m["event"]["type"] == "unlocked")
            assert pushed["event"]["ticket"] == expiring

            assert (await agent.ticket(renewed))["lock"]["holder"] == agent.id
            assert [e["type"] for e in await agent.history(renewed)].count("lock_renewed") == 3
            await ws.close()

    run(scenario())


def test_a_disconnected_holder_loses_the_lock_after_the_grace_period(automation_server):
    async def scenario():
        async with Client(automation_server.base) as client:
            await set_settings(client, lock_timeout_secs=0, disconnect_grace_secs=1)
            holder, colleague = await client.login(SUPPORT[1]), await client.login(SUPPORT[2])
            tid = (await client.new_ticket())["id"]
            holder_ws = await holder.socket()
            assert (await holder.command(tid, type="lock"))[0] == 200

            await asyncio.sleep(1.6)  # connected for longer than the grace: still locked
            assert (await colleague.ticket(tid))["lock"]["holder"] == holder.id

            await holder_ws.close()
            closed_at = time.time() * 1000
            history = await wait_for_unlock(colleague, tid)
            unlocked = history[-1]
            assert unlocked["reason"] == "disconnected" and unlocked["holder"] == holder.id
            assert 1000 - 50 <= unlocked["at"] - closed_at <= 2000
            assert (await colleague.command(tid, type="lock"))[0] == 200

    run(scenario())


def test_new_tickets_go_round_robin_to_online_agents_of_the_department(automation_server):
    async def scenario():
        async with Client(automation_server.base) as client:
            await set_settings(client, auto_assign=True, lock_timeout_secs=900, disconnect_grace_secs=30)
            agents = [await client.login(email) for email in SUPPORT[:2]]
            sockets = [await agent.socket() for agent in agents]
            assignees = [(await client.new_ticket())["assignee"] for _ in range(4)]
            first, second = sorted(agent.id for agent in agents)
            assert assignees in ([first, second, first, second], [second, first, second, first])
            for sock in sockets:
                await sock.close()
            await set_settings(client, auto_assign=False)

    run(scenario())


def test_many_releases_at_once_go_in_batches_each_its_own_transaction(make_server):
    """A burst (a holder of many locks gone) is released a batch at a time, the loop free between
    batches: here at most 10 tickets per transaction (--automation-batch 10)."""
    srv = make_server(extra_args=["--automation-batch", "10"]).start()

    async def scenario():
        async with Client(srv.base) as client:
            await set_settings(client, lock_timeout_secs=0, disconnect_grace_secs=1)
            holder, watcher = await client.login(SUPPORT[1]), await client.login(ADMIN)
            holder_ws, watch = await holder.socket(), await watcher.socket()
            tickets = [(await client.new_ticket())["id"] for _ in range(45)]
            for tid in tickets:
                assert (await holder.command(tid, type="lock"))[0] == 200

            def batches(text):
                return int(next(line.split()[1] for line in text.splitlines()
                                if line.startswith("baton_automation_batches_total ")))
            before = batches((await client.call("GET", "/metrics"))[1])
            await holder_ws.close()
            ours = set(tickets)
            released = [await watch.next("event", timeout=5, where=lambda m: m["event"]["type"] == "unlocked"
                                         and m["event"]["ticket"] in ours) for _ in tickets]
            assert sorted(m["event"]["ticket"] for m in released) == sorted(tickets)
            assert all(m["event"]["reason"] == "disconnected" for m in released)
            seqs = [m["seq"] for m in released]
            assert seqs == sorted(seqs), "in order"
            after = batches((await client.call("GET", "/metrics"))[1])
            assert after - before >= 5, "45 releases, at most 10 per transaction"
            await watch.close()

    run(scenario())
