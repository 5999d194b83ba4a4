"""Two agents on one ticket: the lock decides who may change it; everyone still sees everything."""
import asyncio

from baton_client import PASSWORD, SUPPORT, Client, run
from server.api.auth import hash_password
from server.store import open_store


def test_a_lock_stops_others_who_still_read_the_ticket_and_see_drafts_live(server):
    async def scenario():
        async with Client(server.base) as client:
            a, b = await client.login(SUPPORT[0]), await client.login(SUPPORT[1])
            ticket = await client.new_ticket()
            tid = ticket["id"]
            a_ws, b_ws = await a.socket(), await b.socket()
            await b_ws.send(type="view", ticket=tid)

            status, locked = await a.command(tid, type="lock")
            assert status == 200, locked
            version = locked["ticket"]["version"]
            await a_ws.send(type="draft", ticket=tid, body="Hi Hannah, we", kind="reply", base_version=version)
            assert (await a_ws.next("draft_saved"))["ticket"] == tid
            live = await b_ws.next("draft", where=lambda m: m["ticket"] == tid)
            assert live["author"] == a.id and live["draft"]["body"] == "Hi Hannah, we"

            status, refused = await b.command(tid, type="reply", body="Hello!", base_version=version,
                                              idempotency_key="b-first")
            assert status == 409
            assert refused["error"]["code"] == "locked" and refused["error"]["holder"] == a.id
            assert a.info["name"] in refused["error"]["message"]

            seen_by_b = await b.ticket(tid)
            assert seen_by_b["lock"]["holder"] == a.id
            assert [(d["author"], d["body"]) for d in seen_by_b["drafts"]] == [(a.id, "Hi Hannah, we")]

            assert (await a.command(tid, type="unlock"))[0] == 200
            status, sent = await b.command(tid, type="reply", body="Hello!", base_version=version + 1,
                                           idempotency_key="b-second")
            assert status == 200, sent
            assert [e["type"] for e in sent["events"]] == ["replied"]
            assert (await a.ticket(tid))["drafts"][0]["body"] == "Hi Hannah, we"  # A's draft survives
            await a_ws.close()
            await b_ws.close()

    run(scenario())


def test_fifty_simultaneous_locks_have_exactly_one_winner(make_server, new_database):
    db = new_database()
    store = open_store(db)
    password_hash = hash_password(PASSWORD)
    emails = [f"agent{i}@crowd.test" for i in range(50)]
    for email in emails:
        store.add_agent(email.split("@")[0], email, "agent", ["support"], password_hash)
    store.close()
    server = make_server(demo=False, db=db).start()

    async def scenario():
        async with Client(server.base) as client:
            agents = await asyncio.gather(*(client.login(email) for email in emails))
            tid = (await client.new_ticket())["id"]
            answers = await asyncio.gather(*(agent.command(tid, type="lock") for agent in agents))
            statuses = sorted(status for status, _ in answers)
            assert statuses == [200] + [409] * 49
            winner = next(agent for agent, (status, _) in zip(agents, answers) if status == 200)
            for status, body in answers:
                if status == 409:
                    assert body["error"]["code"] == "locked" and body["error"]["holder"] == winner.id
            history = await agents[0].history(tid)
            assert [e["type"] for e in history].count("locked") == 1

    run(scenario())
