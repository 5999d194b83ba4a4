"""kill -9 after acknowledged commands: every acknowledged event, draft and lock survives."""
import asyncio
import time

from baton_client import ADMIN, SUPPORT, Client, run
from crash_writers import assert_each_acknowledged_note_once, write_until


def test_everything_acknowledged_survives_a_sigkill(make_server):
    server = make_server().start()
    acknowledged = {}

    async def before_crash():
        async with Client(server.base) as client:
            agent = await client.login(SUPPORT[0])
            locked, drafted, replied = [(await client.new_ticket())["id"] for _ in range(3)]
            status, body = await agent.command(locked, type="lock")
            assert status == 200
            ws = await agent.socket()
            for text in ("Dear Hannah", "Dear Hannah, the part", "Dear Hannah, the part ships today."):
                await ws.send(type="draft", ticket=drafted, body=text, kind="reply", base_version=1)
            while True:  # the last keystroke's save is acknowledged
                await ws.next("draft_saved")
                if (await agent.ticket(drafted))["drafts"][0]["body"].endswith("today."):
                    break
            status, body = await agent.command(replied, type="reply", body="Fixed!", base_version=1,
                                               idempotency_key="before-crash")
            assert status == 200
            for tid in (locked, drafted, replied):
                acknowledged[tid] = await agent.history(tid)
            return agent.token, locked, drafted, replied

    token, locked, drafted, replied = run(before_crash())
    server.kill()
    server.start()

    async def after_restart():
        async with Client(server.base) as client:
            agent = await client.login(SUPPORT[0])
            for tid in (locked, drafted, replied):
                assert await agent.history(tid) == acknowledged[tid]
            assert (await agent.ticket(locked))["lock"]["holder"] == agent.id
            draft = (await agent.ticket(drafted))["drafts"][0]
            assert draft["body"] == "Dear Hannah, the part ships today."
            assert (await agent.ticket(replied))["messages"][-1]["body"] == "Fixed!"
            status, again = await agent.command(replied, type="reply", body="Fixed!", base_version=1,
                                                idempotency_key="before-crash")
            assert status == 200 and again["duplicate"] is True
            status, _ = await client.call("GET", "/api/me", headers={"Authorization": f"Bearer {token}"})
            assert status == 200  # sessions survive too

    run(after_restart())


def test_lock_timers_are_kept_across_a_sigkill(make_server):
    """Expiry comes from the stored lock; a holder disconnected by the crash gets the full grace
    period from the restart to come back, and loses the lock after it."""
    server = make_server().start()

    async def before_crash():
        async with Client(server.base) as client:
            admin = await client.login(ADMIN)
            holder = await client.login(SUPPORT[1])
            ws = await holder.socket()
            never_expires, expires = [(await client.new_ticket())["id"] for _ in range(2)]
            assert (await admin.call("PUT", "/api/settings", {"lock_timeout_secs": 0,
                                                              "disconnect_grace_secs": 3}))[0] == 200
            assert (await holder.command(never_expires, type="lock"))[0] == 200
            assert (await admin.call("PUT", "/api/settings", {"lock_timeout_secs": 1}))[0] == 200
            status, locked = await holder.command(expires, type="lock")
            assert status == 200
            await ws.close()  # the crash takes the socket with it; the grace then counts from the restart
            return never_expires, expires, locked["ticket"]["lock"]["expires_at"]

    never_expires, expires, expires_at = run(before_crash())
    server.kill()
    restarting_at = time.time() * 1000
    server.start()
    healthy_at = time.time() * 1000

    async def after_restart():
        async with Client(server.base) as client:
            colleague = await client.login(SUPPORT[2])
            deadline = time.monotonic() + 8
            while time.monotonic() < deadline:
                histories = [await colleague.history(tid) for tid in (never_expires, expires)]
                if all(h[-1]["type"] == "unlocked" for h in histories):
                    break
                await asyncio.sleep(0.1)
            disconnected, expired = histories[0][-1], histories[1][-1]
            assert expired["type"] == "unlocked" and expired["reason"] == "expired"
            assert expires_at <= expired["at"] <= max(expires_at, healthy_at) + 1500
            assert disconnected["type"] == "unlocked" and disconnected["reason"] == "disconnected"
            assert restarting_at + 3000 <= disconnected["at"] <= healthy_at + 3000 + 1500

    run(after_restart())


def test_writers_lose_no_acknowledged_command_across_repeated_sigkills(make_server):
    """Writers post notes while the server is killed with SIGKILL three times; after each restart
    every acknowledged note is in the history exactly once."""
    server = make_server().start()

    async def scenario():
        async with Client(server.base) as client:
            agent = await client.login(SUPPORT[0])
            tid = (await client.new_ticket())["id"]
        stop = asyncio.Event()
        writing = asyncio.create_task(write_until(stop, [server], agent.token, tid))
        loop = asyncio.get_running_loop()
        for _ in range(3):
            await asyncio.sleep(0.8)
            server.kill()
            await loop.run_in_executor(None, server.start)
        await asyncio.sleep(0.5)
        stop.set()
        acknowledged = await writing
        async with Client(server.base) as client:
            agent = await client.login(SUPPORT[0])
            history = await agent.history(tid)
        assert len(acknowledged) >= 20, "the writers should have got through between the kills"
        assert_each_acknowledged_note_once(history, acknowledged)

    run(scenario())
