"""Undo send: a reply waits undo_send_secs in the ticket (reply_queued) before the automations
deliver it; within the window its author takes it back as a draft (send_undone). Delivered once or
undone, never both, never lost: across retries, restarts with SIGKILL and several processes."""
import asyncio
import time

import pytest

from baton_client import SUPPORT, Client, run
from collision_helpers import event_of, set_settings, types, wait_until
from conftest import ServerProcess


@pytest.fixture(scope="module")
def undo_server(new_database, tmp_path_factory):
    """Its own server: these tests change the settings."""
    srv = ServerProcess(new_database(), log_dir=tmp_path_factory.mktemp("undo_send")).start()
    yield srv
    srv.stop()


def drafts_of(ticket):
    return {d["author"]: d["body"] for d in ticket["drafts"]}


def replies(ticket):
    return [m["body"] for m in ticket["messages"] if m["kind"] == "reply"]


def test_the_product_default_is_a_10_second_window(make_server):
    server = make_server(demo=True, settings={}).start()

    async def scenario():
        async with Client(server.base) as client:
            agent = await client.login(SUPPORT[0])
            status, body = await agent.call("GET", "/api/settings")
            assert status == 200 and body["settings"]["undo_send_secs"] == 10
            tid = (await client.new_ticket())["id"]
            status, sent = await agent.command(tid, type="reply", body="Hi", base_version=1, idempotency_key="d-1")
            assert status == 200 and [e["type"] for e in sent["events"]] == ["reply_queued"]
            pending = sent["ticket"]["pending_reply"]
            assert pending["deliver_at"] - pending["queued_at"] == 10_000

    run(scenario())


def test_a_queued_reply_blocks_other_replies_and_undo_gives_the_draft_back(undo_server):
    async def scenario():
        async with Client(undo_server.base) as client:
            await set_settings(client, undo_send_secs=30, lock_mode="manual")
            author, colleague = await client.login(SUPPORT[0]), await client.login(SUPPORT[1])
            watch = await colleague.socket()
            tid = (await client.new_ticket())["id"]
            await watch.send(type="view", ticket=tid)
            status, _ = await author.command(tid, type="draft", kind="reply", body="Hi Hannah, the part", base_version=1)
            assert status == 200
            assert (await watch.next("draft", where=lambda m: m["ticket"] == tid))["draft"]["body"] == "Hi Hannah, the part"

            status, sent = await author.command(tid, type="reply", body="Hi Hannah, the part is on its way",
                                                base_version=1, idempotency_key="u-1")
            assert status == 200, sent
            assert [e["type"] for e in sent["events"]] == ["reply_queued"]
            queued = sent["events"][0]
            pending = (await colleague.ticket(tid))["pending_reply"]
            assert pending["author"] == author.id and pending["body"] == "Hi Hannah, the part is on its way"
            assert pending["deliver_at"] - pending["queued_at"] == 30_000
            assert (await event_of(watch, tid, "reply_queued"))["seq"] == queued["seq"]
            gone = await watch.next("draft", where=lambda m: m["ticket"] == tid)  # also in every digest
            assert gone["author"] == author.id and gone["draft"] is None
            ticket = await colleague.ticket(tid)
            assert author.id not in drafts_of(ticket) and replies(ticket) == []
            status, summaries = await colleague.call("GET", "/api/tickets?limit=50")
            listed = next(t for t in summaries["tickets"] if t["id"] == tid)
            assert listed["pending_reply"]["author"] == author.id

            # Nobody else replies over it.
            status, refused = await colleague.command(tid, type="reply", body="Hello!", base_version=2,
                                                      idempotency_key="c-1")
            assert status == 409 and refused["error"]["code"] == "conflict"
            assert author.info["name"] in refused["error"]["message"]
            # A retry of the same key finds it (no second reply queued).
            status, retried = await author.command(tid, type="reply", body="Hi Hannah, the part is on its way",
                                                   base_version=1, idempotency_key="u-1")
            assert status == 200 and retried["duplicate"] is True
            assert [e["seq"] for e in retried["events"]] == [queued["seq"]]

            # Only the author takes it back; then it is their draft again, for everyone to see.
            status, _ = await colleague.command(tid, type="undo_send", idempotency_key="u-1")
            assert status == 403
            status, undone = await author.command(tid, type="undo_send", idempotency_key="u-1")
            assert status == 200, undone
            assert [e["type"] for e in undone["events"]] == ["send_undone"]
            assert undone["events"][0]["draft"]["body"] == "Hi Hannah, the part is on its way"
            pushed = await event_of(watch, tid, "send_undone")
            assert pushed["draft"]["author"] == author.id
            live = await watch.next("draft", where=lambda m: m["ticket"] == tid and m["draft"] is not None)
            assert live["author"] == author.id and live["draft"]["body"] == "Hi Hannah, the part is on its way"
            ticket = await colleague.ticket(tid)
            assert ticket["pending_reply"] is None and replies(ticket) == []
            assert drafts_of(ticket)[author.id] == "Hi Hannah, the part is on its way"
            # A viewer who opens the ticket now gets the draft as well.
            late = await colleague.socket()
            await late.send(type="view", ticket=tid)
            opened = await late.next("draft", where=lambda m: m["ticket"] == tid)
            assert opened["draft"]["body"] == "Hi Hannah, the part is on its way"

            # The key is spent; the colleague may reply now.
            status, again = await author.command(tid, type="reply", body="x", base_version=2, idempotency_key="u-1")
            assert status == 409
            status, sent = await colleague.command(tid, type="reply", body="Hello!", base_version=2,
                                                   idempotency_key="c-2")
            assert status == 200 and [e["type"] for e in sent["events"]] == ["reply_queued"]
            for sock in (watch, late):
                await sock.close()

    run(scenario())


def test_a_reply_not_undone_is_delivered_once_after_the_window(undo_server):
    async def scenario():
        async with Client(undo_server.base) as client:
            await set_settings(client, undo_send_secs=2, lock_mode="manual", unlock_on_reply=True)
            author, colleague = await client.login(SUPPORT[0]), await client.login(SUPPORT[1])
            watch = await colleague.socket()
            tid = (await client.new_ticket())["id"]
            assert (await author.command(tid, type="lock"))[0] == 200
            status, sent = await author.command(tid, type="reply", body="On its way", base_version=2,
                                                idempotency_key="w-1")
            assert status == 200 and [e["type"] for e in sent["events"]] == ["reply_queued"]
            queued_at = sent["events"][0]["at"]
            # During the window: a retry is the same reply; the author starts another draft.
            status, retried = await author.command(tid, type="reply", body="On its way", base_version=2,
                                                   idempotency_key="w-1")
            assert status == 200 and retried["duplicate"] is True
            assert (await author.command(tid, type="draft", kind="reply", body="PS: tracking number",
                                         base_version=3))[0] == 200

            delivered = await event_of(watch, tid, "replied", timeout=6)
            assert delivered["actor"] == author.id and delivered["message"]["body"] == "On its way"
            assert 2000 <= delivered["at"] - queued_at <= 2000 + 1500
            unlocked = await event_of(watch, tid, "unlocked")
            assert unlocked["reason"] == "replied" and unlocked["seq"] == delivered["seq"] + 1

            # After it: a retry answers with the delivery, still one message.
            status, retried = await author.command(tid, type="reply", body="On its way", base_version=2,
                                                   idempotency_key="w-1")
            assert status == 200 and retried["duplicate"] is True
            assert retried["events"][0]["seq"] == delivered["seq"]
            await asyncio.sleep(1.5)  # more ticks: nothing is delivered twice
            ticket = await colleague.ticket(tid)
            assert replies(ticket) == ["On its way"] and ticket["pending_reply"] is None
            assert drafts_of(ticket)[author.id] == "PS: tracking number"  # the draft started since survives
            history = types(await colleague.history(tid))
            assert history.count("reply_queued") == history.count("replied") == 1
            await watch.close()

    run(scenario())


def test_a_sigkill_during_the_window_delivers_once_or_undoes_never_both(make_server):
    server = make_server(settings={"undo_send_secs": 4}).start()

    async def before_crash():
        async with Client(server.base) as client:
            author = await client.login(SUPPORT[0])
            delivered, undone, redrafted = [(await client.new_ticket())["id"] for _ in range(3)]
            for tid in (delivered, undone, redrafted):
                status, sent = await author.command(tid, type="reply", body=f"Reply on {tid}", base_version=1,
                                                    idempotency_key=f"k-{tid}")
                assert status == 200 and sent["events"][0]["type"] == "reply_queued"
            assert (await author.command(undone, type="undo_send", idempotency_key=f"k-{undone}"))[0] == 200
            assert (await author.command(redrafted, type="draft", kind="reply", body="And one more thing",
                                         base_version=2))[0] == 200
            return delivered, undone, redrafted, sent["events"][0]["pending"]["deliver_at"]

    delivered, undone, redrafted, deliver_at = run(before_crash())
    server.kill()
    assert time.time() * 1000 < deliver_at, "the kill came after the window: the test proves nothing"
    server.start()

    async def after_restart():
        async with Client(server.base) as client:
            author = await client.login(SUPPORT[0])

            async def all_delivered():
                tickets = [await author.ticket(tid) for tid in (delivered, redrafted)]
                return all(t["pending_reply"] is None for t in tickets)
            assert await wait_until(all_delivered, timeout=10)
            await asyncio.sleep(1.5)  # more ticks: nothing twice
            for tid in (delivered, redrafted):
                ticket = await author.ticket(tid)
                assert replies(ticket) == [f"Reply on {tid}"]
                assert types(await author.history(tid)).count("replied") == 1
                status, retried = await author.command(tid, type="reply", body="again", base_version=1,
                                                       idempotency_key=f"k-{tid}")
                assert status == 200 and retried["duplicate"] is True
            assert drafts_of(await author.ticket(redrafted))[author.id] == "And one more thing"
            ticket = await author.ticket(undone)
            assert replies(ticket) == [] and ticket["pending_reply"] is None
            assert drafts_of(ticket)[author.id] == f"Reply on {undone}"
            assert "replied" not in types(await author.history(undone))

    run(after_restart())
    # Once more: what the delivery left in the drafts table is what a fresh start reads.
    server.kill()
    server.start()

    async def after_second_restart():
        async with Client(server.base) as client:
            author = await client.login(SUPPORT[0])
            assert drafts_of(await author.ticket(undone))[author.id] == f"Reply on {undone}"
            assert drafts_of(await author.ticket(redrafted))[author.id] == "And one more thing"
            assert author.id not in drafts_of(await author.ticket(delivered))
            assert replies(await author.ticket(delivered)) == [f"Reply on {delivered}"]

    run(after_second_restart())


def test_two_processes_deliver_once_and_both_show_the_undone_draft(postgres, tmp_path):
    url = postgres.new_database()
    servers = [ServerProcess(url, demo=index == 0, log_dir=tmp_path, settings={"undo_send_secs": 2}).start()
               for index in range(2)]

    async def scenario():
        async with Client(servers[0].base) as c1, Client(servers[1].base) as c2:
            author, viewer = await c1.login(SUPPORT[0]), await c2.login(SUPPORT[1])
            watch = await viewer.socket()
            sent_tid, undone_tid = (await c1.new_ticket())["id"], (await c1.new_ticket())["id"]
            await watch.send(type="view", ticket=undone_tid)
            for tid in (sent_tid, undone_tid):
                status, _ = await author.command(tid, type="reply", body=f"Reply on {tid}", base_version=1,
                                                 idempotency_key=f"m-{tid}")
                assert status == 200
            status, _ = await author.command(undone_tid, type="undo_send", idempotency_key=f"m-{undone_tid}")
            assert status == 200
            # The viewer on process 2: the event carries the draft, and the live draft follows.
            assert (await event_of(watch, undone_tid, "send_undone"))["draft"]["body"] == f"Reply on {undone_tid}"
            live = await watch.next("draft", where=lambda m: m["ticket"] == undone_tid and m["draft"] is not None)
            assert live["author"] == author.id and live["draft"]["body"] == f"Reply on {undone_tid}"
            assert drafts_of(await viewer.ticket(undone_tid))[author.id] == f"Reply on {undone_tid}"

            await event_of(watch, sent_tid, "replied", timeout=6)
            await asyncio.sleep(1.5)  # both processes tick several times more
            for agent in (author, viewer):
                ticket = await agent.ticket(sent_tid)
                assert replies(ticket) == [f"Reply on {sent_tid}"] and ticket["pending_reply"] is None
            assert types(await viewer.history(sent_tid)).count("replied") == 1
            assert "replied" not in types(await viewer.history(undone_tid))
            await watch.close()

    try:
        run(scenario())
    finally:
        for srv in servers:
            srv.stop()
