"""kill -9 after acknowledged commands: every acknowledged event, draft and lock survives."""
from baton_client import SUPPORT, Client, run


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
