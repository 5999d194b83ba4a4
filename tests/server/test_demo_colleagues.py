"""The demo's live colleagues (serve.py --demo --demo-colleagues N): simulated agents who are online
and act only through the command path a person's requests take, never on what a person holds.

The servers here run the colleagues 40 times faster (--demo-speed 40): a minute of their day
passes in 1.5 s, so nothing waits on a human pace."""
import asyncio
import time

import pytest

from baton_client import ADMIN, Client, run
from collision_helpers import wait_until
from conftest import ServerProcess

COLLEAGUES = ["marcus@baton.test", "jonas@baton.test", "priya@baton.test"]  # --demo-colleagues 3
SPEED = 40
# The events a person's commands log (what an agent may do from the workspace), and the customers'.
ALLOWED = {"locked", "lock_renewed", "unlocked", "assigned", "reply_queued", "replied", "note_added",
           "lock_requested", "lock_handed_over", "customer_message"}
NEVER_BY_AGENTS = {"created", "status_changed", "urgency_changed", "lock_request_declined", "send_undone"}


@pytest.fixture(scope="module")
def office(new_database, tmp_path_factory):
    srv = ServerProcess(new_database(), log_dir=tmp_path_factory.mktemp("office"),
                        extra_args=["--demo-colleagues", "3", "--demo-speed", str(SPEED)]).start()
    yield srv
    srv.stop()


async def colleague_ids(person):
    status, body = await person.call("GET", "/api/agents")
    assert status == 200
    return {a["email"]: a for a in body["agents"]}


async def metric(client, name):
    status, text = await client.call("GET", "/metrics")
    for line in text.splitlines():
        if line.startswith(name + " "):
            return float(line.split()[1])
    return None


def test_the_colleagues_are_online_and_at_work_within_seconds(office):
    async def scenario():
        async with Client(office.base) as client:
            person = await client.login(ADMIN)  # the admin is never simulated
            sock = await person.socket()

            async def all_online():
                agents = await colleague_ids(person)
                return agents if all(agents[email]["online"] for email in COLLEAGUES) else None
            agents = await wait_until(all_online, timeout=5)
            assert agents, "the colleagues are online"
            ids = {agents[email]["id"] for email in COLLEAGUES}
            assert not agents["tomas@baton.test"]["online"], "only --demo-colleagues of them"
            seen = await sock.drain(4.0)  # about three minutes of their day
            events = [m["event"] for m in seen if m["type"] == "event"]
            typing = {m["agent"] for m in seen if m["type"] == "presence" and m["state"] == "typing"}
            typing |= {p["agent"] for m in seen if m["type"] == "digest" for p in m["presence"]
                       if p["state"] == "typing"}
            drafts = [d for m in seen if m["type"] == "digest" for d in m["drafts"] if d["draft"]]
            assert typing & ids, "they type"
            assert {d["author"] for d in drafts} & ids, "their drafts show, key by key"
            kinds = {e["type"] for e in events if e["actor"] in ids}
            assert kinds & {"locked", "replied", "note_added", "assigned"}, kinds
            assert await metric(client, "baton_demo_colleagues") == 3
            await sock.close()

    run(scenario())


def test_they_act_only_through_allowed_commands_and_never_on_a_persons_lock(office):
    """The person locks every ticket a colleague starts typing on, at once; from then on the
    colleagues may only ask for it. Everything the colleagues log is what a person could."""
    async def scenario():
        async with Client(office.base) as client:
            person = await client.login(ADMIN)
            ids = {(await colleague_ids(person))[email]["id"] for email in COLLEAGUES}
            sock = await person.socket()
            held = {}  # ticket -> when the person's lock was committed (ms)
            events, drafts = [], []
            deadline = time.monotonic() + 12.0
            while time.monotonic() < deadline and (len(held) < 3 or time.monotonic() < deadline - 6):
                try:
                    message = await sock.next(timeout=0.5)
                except asyncio.TimeoutError:
                    continue
                if message["type"] == "event":
                    events.append(message["event"])
                elif message["type"] == "digest":
                    drafts += message["drafts"]
                    writing = {p["ticket"] for p in message["presence"] if p["state"] == "typing" and p["agent"] in ids}
                    writing |= {d["ticket"] for d in message["drafts"] if d["author"] in ids and d["draft"]}
                    for ticket_id in sorted(writing - set(held)):
                        status, body = await person.command(ticket_id, type="lock")
                        if status == 200:
                            held[ticket_id] = body["events"][-1]["at"]
            assert len(held) >= 2, "the person took over tickets the colleagues were writing on"
            by_colleagues = [e for e in events if e["actor"] in ids]
            assert by_colleagues, "they worked meanwhile"
            for event in by_colleagues:
                assert event["type"] in ALLOWED and event["type"] not in NEVER_BY_AGENTS, event
                if event["ticket"] in held and event["at"] > held[event["ticket"]]:
                    assert event["type"] == "lock_requested", f"a colleague acted on the person's lock: {event}"
            for item in drafts:  # a keystroke already on its way may land once (the draft saver's 40 ms)
                since = held.get(item["ticket"])
                if item["author"] in ids and since is not None and item["draft"]:
                    assert item["draft"]["updated_at"] <= since + 100, f"a colleague typed on the person's lock: {item}"
            for ticket_id in held:
                assert (await person.ticket(ticket_id))["lock"]["holder"] == person.id
                await person.command(ticket_id, type="unlock")
            await sock.close()

    run(scenario())


def test_a_colleague_hands_a_lock_over_when_a_person_asks_after_a_pause(office):
    async def scenario():
        async with Client(office.base) as client:
            person = await client.login(ADMIN)
            ids = {(await colleague_ids(person))[email]["id"] for email in COLLEAGUES}
            sock = await person.socket()

            async def a_colleagues_lock():
                status, body = await person.call("GET", "/api/tickets?view=locked&limit=500")
                return next((t for t in body["tickets"] if t["lock"]["holder"] in ids and not t["lock"].get("request")), None)

            # A colleague may send its reply (and so release the lock) just as the person asks: then
            # the person asks for another one.
            for _ in range(5):
                ticket = await wait_until(a_colleagues_lock)
                assert ticket, "the colleagues hold locks"
                status, body = await person.command(ticket["id"], type="request_lock", reason="the customer called me")
                if status != 200:
                    continue
                asked = body["events"][-1]
                answered = await sock.next("event", timeout=5, where=lambda m: m["event"]["ticket"] == ticket["id"] and
                                           m["event"]["type"] in ("lock_handed_over", "lock_request_declined", "unlocked"))
                if answered["event"]["type"] != "unlocked":
                    break
            event = answered["event"]
            assert event["type"] == "lock_handed_over" and event["to"] == person.id and not event["automatic"]
            assert event["actor"] == ticket["lock"]["holder"], "the colleague answered, not the timeout"
            assert event["at"] - asked["at"] >= 3000 / SPEED, "after a human pause (3 to 10 s, here 40 times faster)"
            await person.command(ticket["id"], type="unlock")
            await sock.close()

    run(scenario())


def test_logging_in_as_a_colleague_takes_it_over_at_once(office):
    async def scenario():
        async with Client(office.base) as client:
            watcher = await client.login(ADMIN)
            sock = await watcher.socket()
            marcus = await client.login(COLLEAGUES[0])
            logged_in = time.time() * 1000  # the simulation let go of Marcus before the answer
            assert await metric(client, "baton_demo_colleagues") == 2, "withdrawn before the login answered"
            seen = await sock.drain(3.0)
            by_marcus = [m["event"] for m in seen if m["type"] == "event" and m["event"]["actor"] == marcus.id
                         and m["event"]["at"] >= logged_in]
            assert by_marcus == [], "the simulation never acts as an agent a person uses"
            drafts = [d for m in seen if m["type"] == "digest" for d in m["drafts"] if d["author"] == marcus.id]
            # a keystroke on its way when he logged in may land once (the draft saver's 40 ms)
            assert all(d["draft"] is None or d["draft"]["updated_at"] < logged_in + 100 for d in drafts)
            others = [m["event"] for m in seen if m["type"] == "event" and m["event"]["actor"] != marcus.id]
            assert others, "the other colleagues keep working"
            await sock.close()

    run(scenario())


def test_no_colleagues_unless_asked(server):
    """The tests' own servers run --demo-colleagues 0: nobody acts but the test."""
    async def scenario():
        async with Client(server.base) as client:
            status, text = await client.call("GET", "/metrics")
            assert "baton_demo_colleagues" not in text

    run(scenario())


def test_with_several_processes_only_the_leader_runs_them(store_kind, make_server, new_database):
    if store_kind != "postgresql":
        pytest.skip("several processes share PostgreSQL only")
    db = new_database()
    args = ["--demo-colleagues", "3", "--demo-speed", str(SPEED)]
    first = make_server(db=db, extra_args=args).start()
    second = make_server(db=db, extra_args=args).start()

    async def scenario():
        counts = []
        for srv in (first, second):
            async with Client(srv.base) as client:
                async def running():
                    return await metric(client, "baton_demo_colleagues")
                counts.append(await wait_until(running, timeout=3) or 0)
        assert sorted(counts) == [0, 3], counts
        async with Client(second.base) as client:  # online everywhere: the other process says so
            person = await client.login(ADMIN)
            agents = await colleague_ids(person)
            assert all(agents[email]["online"] for email in COLLEAGUES)

    run(scenario())
