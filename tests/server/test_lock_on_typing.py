"""Lock on typing (lock_mode on_typing): the first keystroke of a reply locks a free ticket, others'
replies are refused while it is held, the lock ends when its holder sends, discards or stops
typing for idle_release_secs. Notes never lock."""
import asyncio

import pytest

from baton_client import SUPPORT, Client, run
from collision_helpers import event_of, set_settings, types
from conftest import ServerProcess


@pytest.fixture(scope="module")
def typing_server(new_database, tmp_path_factory):
    """Its own server: these tests change the settings."""
    srv = ServerProcess(new_database(), log_dir=tmp_path_factory.mktemp("lock_on_typing")).start()
    yield srv
    srv.stop()


def test_typing_a_reply_locks_a_free_ticket_and_sending_releases_it(typing_server):
    async def scenario():
        async with Client(typing_server.base) as client:
            # unlock_on_reply off: the send still ends a lock taken by typing.
            await set_settings(client, lock_mode="on_typing", idle_release_secs=60, undo_send_secs=0,
                               unlock_on_reply=False, lock_timeout_secs=0)
            typist, colleague = await client.login(SUPPORT[0]), await client.login(SUPPORT[1])
            typist_ws, watch = await typist.socket(), await colleague.socket()
            tid = (await client.new_ticket())["id"]
            await watch.send(type="view", ticket=tid)

            await typist_ws.send(type="draft", ticket=tid, kind="reply", body="H", base_version=1)
            locked = await event_of(watch, tid, "locked")
            assert locked["holder"] == typist.id and locked["reason"] == "typing" and locked["actor"] == typist.id
            draft = await watch.next("draft", where=lambda m: m["ticket"] == tid)
            assert draft["author"] == typist.id and draft["draft"]["body"] == "H"
            assert (await typist_ws.next("draft_saved"))["ticket"] == tid
            ticket = await colleague.ticket(tid)
            assert ticket["lock"]["holder"] == typist.id and ticket["lock"]["reason"] == "typing"
            for n in range(3):  # typing on: one lock
                await typist_ws.send(type="draft", ticket=tid, kind="reply", body="Hi Hannah"[:3 + n], base_version=2)
                await asyncio.sleep(0.06)

            # The colleague's reply draft is refused before it lands, naming the holder.
            status, refused = await colleague.command(tid, type="draft", kind="reply", body="Hello", base_version=2)
            assert status == 409 and refused["error"]["code"] == "locked"
            assert refused["error"]["holder"] == typist.id and typist.info["name"] in refused["error"]["message"]
            await watch.send(type="draft", ticket=tid, kind="reply", body="Hello", base_version=2)
            error = await watch.next("error")
            assert error["ticket"] == tid and error["error"]["code"] == "locked" and error["error"]["holder"] == typist.id
            assert colleague.id not in {d["author"] for d in (await typist.ticket(tid))["drafts"]}
            # Notes never lock, and a note draft is allowed on the held ticket.
            status, noted = await colleague.command(tid, type="draft", kind="note", body="Called her", base_version=2)
            assert status == 200 and [e["type"] for e in noted["events"]] == ["draft_saved"]

            status, sent = await typist.command(tid, type="reply", body="Hi Hannah, on its way", base_version=2,
                                                idempotency_key="t-1")
            assert status == 200, sent
            assert [(e["type"], e.get("reason")) for e in sent["events"]] == [("replied", None), ("unlocked", "replied")]
            assert (await event_of(watch, tid, "unlocked"))["reason"] == "replied"
            ticket = await colleague.ticket(tid)
            assert ticket["lock"] is None
            assert types(await colleague.history(tid)).count("locked") == 1
            for sock in (typist_ws, watch):
                await sock.close()

    run(scenario())


def test_a_note_draft_never_locks_and_discarding_a_typed_reply_unlocks(typing_server):
    async def scenario():
        async with Client(typing_server.base) as client:
            await set_settings(client, lock_mode="on_typing", idle_release_secs=60, undo_send_secs=0,
                               lock_timeout_secs=0)
            typist = await client.login(SUPPORT[2])
            tid = (await client.new_ticket())["id"]
            status, noted = await typist.command(tid, type="draft", kind="note", body="Internal", base_version=1)
            assert status == 200 and [e["type"] for e in noted["events"]] == ["draft_saved"]
            assert noted["ticket"]["lock"] is None
            status, blank = await typist.command(tid, type="draft", kind="reply", body="  ", base_version=1)
            assert status == 200 and blank["ticket"]["lock"] is None  # a blank reply takes nothing

            status, typed = await typist.command(tid, type="draft", kind="reply", body="Dear", base_version=1)
            assert status == 200 and [e["type"] for e in typed["events"]] == ["locked", "draft_saved"]
            status, discarded = await typist.command(tid, type="discard_draft")
            assert status == 200
            assert [(e["type"], e.get("reason")) for e in discarded["events"]] == \
                [("draft_discarded", None), ("unlocked", "discarded")]
            ticket = await typist.ticket(tid)
            assert ticket["lock"] is None and ticket["drafts"] == []

    run(scenario())


def test_a_typing_lock_is_released_after_idle_release_secs_without_typing(typing_server):
    async def scenario():
        async with Client(typing_server.base) as client:
            await set_settings(client, lock_mode="on_typing", idle_release_secs=10, undo_send_secs=0,
                               lock_timeout_secs=0, disconnect_grace_secs=3600)
            typist, colleague = await client.login(SUPPORT[3]), await client.login(SUPPORT[1])
            typist_ws, watch = await typist.socket(), await colleague.socket()
            idle, busy = (await client.new_ticket())["id"], (await client.new_ticket())["id"]
            for tid in (idle, busy):
                await typist_ws.send(type="draft", ticket=tid, kind="reply", body="Dear Hannah", base_version=1)
                await event_of(watch, tid, "locked")
            last_typed = (await typist.ticket(idle))["drafts"][0]["updated_at"]

            async def keep_typing():  # the other ticket: a keystroke every 2 s for 12 s
                for n in range(6):
                    await asyncio.sleep(2)
                    await typist_ws.send(type="draft", ticket=busy, kind="reply", body="Dear Hannah" + "," * n,
                                         base_version=2)

            typing = asyncio.create_task(keep_typing())
            released = await event_of(watch, idle, "unlocked", timeout=15)
            assert released["reason"] == "idle" and released["holder"] == typist.id and released["actor"] == 0
            assert 10_000 <= released["at"] - last_typed <= 10_000 + 1500
            await typing
            ticket = await colleague.ticket(busy)
            assert ticket["lock"]["holder"] == typist.id and ticket["lock"]["reason"] == "typing"
            idle_ticket = await colleague.ticket(idle)
            assert idle_ticket["lock"] is None
            assert idle_ticket["drafts"][0]["body"] == "Dear Hannah"  # the draft stays; only the lock went
            assert types(await colleague.history(idle)).count("unlocked") == 1
            # Now the colleague may write a reply there (and so takes the lock by typing).
            status, typed = await colleague.command(idle, type="draft", kind="reply", body="Hi", base_version=3)
            assert status == 200 and typed["ticket"]["lock"]["holder"] == colleague.id
            for sock in (typist_ws, watch):
                await sock.close()

    run(scenario())
