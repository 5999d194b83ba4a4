"""Asking a colleague for the lock: the request reaches the holder at once, a hand-over moves the
lock in one event, a Keep reaches the requester, and an unanswered request to an offline or idle
holder is handed over by the automations."""
import asyncio
import time

import pytest

from baton_client import ADMIN, SUPPORT, Client, run
from collision_helpers import event_of, percentile, set_settings, types
from conftest import ServerProcess

REQUESTS = 50  # for the latency figure


@pytest.fixture(scope="module")
def lock_server(new_database, tmp_path_factory):
    """Its own server: these tests change the settings."""
    srv = ServerProcess(new_database(), log_dir=tmp_path_factory.mktemp("lock_requests")).start()
    yield srv
    srv.stop()


def test_a_request_reaches_the_holder_at_once_and_a_keep_reaches_the_requester(lock_server, store_kind):
    async def scenario():
        async with Client(lock_server.base) as client:
            await set_settings(client, lock_mode="manual", lock_request_timeout_secs=3600, lock_timeout_secs=0)
            holder, requester = await client.login(SUPPORT[0]), await client.login(SUPPORT[1])
            holder_ws, requester_ws = await holder.socket(), await requester.socket()
            tid = (await client.new_ticket())["id"]
            assert (await holder.command(tid, type="lock"))[0] == 200

            latencies = []
            for n in range(REQUESTS):
                started = time.perf_counter()
                answer, requested = await asyncio.gather(
                    requester.command(tid, type="request_lock", reason=f"The customer called me ({n})"),
                    event_of(holder_ws, tid, "lock_requested"))
                latencies.append((time.perf_counter() - started) * 1000)
                status, body = answer
                assert status == 200, body
                assert [e["type"] for e in body["events"]] == ["lock_requested"]
                assert requested["requester"] == requester.id and requested["holder"] == holder.id
                assert requested["reason"] == f"The customer called me ({n})"
                assert body["ticket"]["lock"]["request"]["requester"] == requester.id

                status, kept = await holder.command(tid, type="answer_lock_request", hand_over=False,
                                                    reason="Nearly done, 2 minutes")
                assert status == 200, kept
                declined = await event_of(requester_ws, tid, "lock_request_declined")
                assert declined["requester"] == requester.id and declined["reason"] == "Nearly done, 2 minutes"
                assert declined["actor"] == holder.id

            ticket = await requester.ticket(tid)
            assert ticket["lock"]["holder"] == holder.id and ticket["lock"]["request"] is None
            history = types(await requester.history(tid))
            assert history.count("lock_requested") == history.count("lock_request_declined") == REQUESTS
            print(f"\n[{store_kind}] request_lock -> holder's socket receives lock_requested, over {REQUESTS}: "
                  f"p50 {percentile(latencies, 0.5):.1f} ms, p99 {percentile(latencies, 0.99):.1f} ms, "
                  f"max {max(latencies):.1f} ms")
            for sock in (holder_ws, requester_ws):
                await sock.close()

    run(scenario())


def test_a_hand_over_moves_the_lock_in_one_event_and_nobody_takes_it_in_between(lock_server):
    async def scenario():
        async with Client(lock_server.base) as client:
            await set_settings(client, lock_mode="manual", lock_request_timeout_secs=3600, lock_timeout_secs=0)
            holder, requester, third = [await client.login(email) for email in SUPPORT[:3]]
            requester_ws = await requester.socket()
            tid = (await client.new_ticket())["id"]
            assert (await holder.command(tid, type="lock"))[0] == 200
            assert (await requester.command(tid, type="request_lock", reason="Customer on the phone"))[0] == 200

            # A second request is refused while the first waits, whoever makes it.
            status, refused = await third.command(tid, type="request_lock", reason="Me too")
            assert status == 409 and refused["error"]["code"] == "conflict"
            assert requester.info["name"] in refused["error"]["message"]
            status, again = await requester.command(tid, type="request_lock", reason="Again")
            assert status == 409 and again["error"]["code"] == "conflict"
            # Only the holder answers.
            status, refused = await third.command(tid, type="answer_lock_request", hand_over=True, reason="")
            assert status == 403

            # A third agent tries to lock all through the hand-over: never once in between.
            stop = asyncio.Event()

            async def grab():
                answers = []
                while not stop.is_set():
                    answers.append(await third.command(tid, type="lock"))
                return answers

            grabbing = asyncio.create_task(grab())
            await asyncio.sleep(0.05)
            status, handed = await holder.command(tid, type="answer_lock_request", hand_over=True, reason="Go ahead")
            await asyncio.sleep(0.05)
            stop.set()
            grabs = await grabbing
            assert status == 200, handed
            assert [e["type"] for e in handed["events"]] == ["lock_handed_over"]
            moved = handed["events"][0]
            assert (moved["from"], moved["to"], moved["automatic"]) == (holder.id, requester.id, False)
            assert grabs and all(s == 409 and b["error"]["code"] == "locked" for s, b in grabs)

            pushed = await event_of(requester_ws, tid, "lock_handed_over")
            assert pushed["seq"] == moved["seq"]
            ticket = await third.ticket(tid)
            assert ticket["lock"]["holder"] == requester.id and ticket["lock"]["request"] is None
            history = types(await third.history(tid))
            assert history[-3:] == ["locked", "lock_requested", "lock_handed_over"]
            assert history.count("lock_handed_over") == 1 and "unlocked" not in history

            # The new holder works the ticket; the old one is now kept out.
            assert (await requester.command(tid, type="note", body="Took over from the phone"))[0] == 200
            status, kept_out = await holder.command(tid, type="note", body="Still here?")
            assert status == 409 and kept_out["error"]["holder"] == requester.id
            await requester_ws.close()

    run(scenario())


def test_an_unanswered_request_is_handed_over_when_the_holder_is_offline_or_idle(lock_server):
    """lock_request_timeout_secs 5: the offline holder's and the idle holder's locks move to the
    requester after 5 s; a holder who keeps typing keeps theirs."""
    async def scenario():
        async with Client(lock_server.base) as client:
            await set_settings(client, lock_mode="manual", lock_request_timeout_secs=5, lock_timeout_secs=0,
                               disconnect_grace_secs=3600)
            offline, idle, typing, requester = [await client.login(email) for email in SUPPORT]
            requester_ws = await requester.socket()
            sockets = {agent.id: await agent.socket() for agent in (offline, idle, typing)}
            tickets = {}
            for agent in (offline, idle, typing):
                tid = (await client.new_ticket())["id"]
                status, locked = await agent.command(tid, type="lock")
                assert status == 200
                tickets[agent.id] = (tid, locked["ticket"]["version"])
            await sockets[offline.id].close()  # offline from now on

            asked = {}
            for agent in (offline, idle, typing):
                tid = tickets[agent.id][0]
                status, body = await requester.command(tid, type="request_lock", reason="Urgent")
                assert status == 200, body
                asked[agent.id] = body["events"][0]["at"]

            async def keep_typing():
                tid, version = tickets[typing.id]
                for n in range(16):
                    await sockets[typing.id].send(type="draft", ticket=tid, kind="reply",
                                                  body="Dear Hannah" + "," * n, base_version=version)
                    await asyncio.sleep(0.5)

            typist = asyncio.create_task(keep_typing())
            for agent in (offline, idle):
                tid = tickets[agent.id][0]
                moved = await event_of(requester_ws, tid, "lock_handed_over", timeout=10)
                assert (moved["from"], moved["to"], moved["automatic"], moved["actor"]) == (agent.id, requester.id, True, 0)
                assert 5000 <= moved["at"] - asked[agent.id] <= 5000 + 2000
                assert (await requester.ticket(tid))["lock"]["holder"] == requester.id
            await typist
            typed = await requester.ticket(tickets[typing.id][0])
            assert typed["lock"]["holder"] == typing.id and typed["lock"]["request"]["requester"] == requester.id
            for agent in (offline, idle, typing):
                assert types(await requester.history(tickets[agent.id][0])).count("lock_handed_over") == \
                    (0 if agent is typing else 1)
            for sock in [requester_ws] + [s for a, s in sockets.items() if a != offline.id]:
                await sock.close()

    run(scenario())


def test_an_admin_still_force_unlocks_a_ticket_with_a_request(lock_server):
    async def scenario():
        async with Client(lock_server.base) as client:
            await set_settings(client, lock_mode="manual", lock_request_timeout_secs=3600, lock_timeout_secs=0)
            holder, requester = await client.login(SUPPORT[0]), await client.login(SUPPORT[1])
            admin = await client.login(ADMIN)
            tid = (await client.new_ticket())["id"]
            assert (await holder.command(tid, type="lock"))[0] == 200
            assert (await requester.command(tid, type="request_lock", reason="Please"))[0] == 200
            status, forced = await admin.command(tid, type="force_unlock")
            assert status == 200, forced
            assert [(e["type"], e["reason"]) for e in forced["events"]] == [("unlocked", "forced")]
            assert forced["ticket"]["lock"] is None
            status, answered = await holder.command(tid, type="answer_lock_request", hand_over=True, reason="")
            assert status == 409  # nobody is asking any more: the request went with the lock
            status, locked = await requester.command(tid, type="lock")
            assert status == 200 and locked["ticket"]["lock"]["holder"] == requester.id

    run(scenario())
