"""The ticket list: only the agent's departments, the views, search, and cursor paging."""
from baton_client import ADMIN, BILLING, SUPPORT, Client, run


async def all_pages(agent, query=""):
    tickets, after = [], None
    while True:
        path = f"/api/tickets?limit=37{query}" + (f"&after={after}" if after else "")
        status, page = await agent.call("GET", path)
        assert status == 200, page
        tickets += page["tickets"]
        after = page["next"]
        if after is None:
            return tickets


def test_each_agent_lists_only_its_departments_newest_first_across_pages(server):
    async def scenario():
        async with Client(server.base) as client:
            support, billing, admin = (await client.login(SUPPORT[0]), await client.login(BILLING[0]),
                                       await client.login(ADMIN))
            lists = {name: await all_pages(agent) for name, agent in
                     (("support", support), ("billing", billing), ("admin", admin))}
            assert {t["department"] for t in lists["support"]} == {"support"}
            assert {t["department"] for t in lists["billing"]} == {"billing"}
            assert len(lists["admin"]) == len(lists["support"]) + len(lists["billing"]) >= 200
            keys = [(t["updated_at"], t["id"]) for t in lists["admin"]]
            assert keys == sorted(keys, reverse=True) and len(set(keys)) == len(keys)
            assert all("messages" not in t and "viewers" in t and "typing" in t for t in lists["admin"])

    run(scenario())


def test_views_and_search(server):
    async def scenario():
        async with Client(server.base) as client:
            agent = await client.login(SUPPORT[3])
            mine, other = (await client.new_ticket())["id"], await client.new_ticket()
            await agent.command(mine, type="take")
            await agent.command(mine, type="lock")
            by_view = {view: {t["id"] for t in await all_pages(agent, f"&view={view}")}
                       for view in ("mine", "unassigned", "locked")}
            assert mine in by_view["mine"] and mine in by_view["locked"] and mine not in by_view["unassigned"]
            assert other["id"] in by_view["unassigned"] and other["id"] not in by_view["mine"]
            found = await all_pages(agent, f"&q={other['ref'].lower()}")
            assert [t["id"] for t in found] == [other["id"]]

    run(scenario())


def test_metrics_count_commands_and_prevented_collisions(server):
    async def scenario():
        async with Client(server.base) as client:
            a, b = await client.login(SUPPORT[0]), await client.login(SUPPORT[1])
            tid = (await client.new_ticket())["id"]
            await a.command(tid, type="lock")
            ws = await b.socket()

            async def metric(name):
                status, text = await client.call("GET", "/metrics")
                line = next(line for line in text.splitlines() if line.startswith(name + " "))
                return float(line.split()[-1])

            collisions = await metric("baton_collisions_prevented_total")
            assert (await b.command(tid, type="note", body="me too"))[0] == 409
            assert await metric("baton_collisions_prevented_total") == collisions + 1
            assert await metric('baton_commands_total{type="note",result="locked"}') >= 1
            assert await metric("baton_connected_agents") >= 1
            assert await metric("baton_locks_held") >= 1
            live_pushes = 'baton_push_latency_seconds_count{tier="live"}'
            pushed = await metric(live_pushes)
            assert (await a.command(tid, type="unlock"))[0] == 200
            await ws.next("event", where=lambda m: m["event"]["ticket"] == tid)
            assert await metric(live_pushes) >= pushed + 1
            await ws.close()

    run(scenario())


def test_counts_of_each_view_match_the_pages_and_follow_changes(make_server):
    """The workspace shows "Mine 12 · Unassigned 31 · All 240 · Locked 4" from `counts`."""
    srv = make_server().start()

    async def scenario():
        async with Client(srv.base) as client:
            agent = await client.login(SUPPORT[1])

            async def counted():
                _, page = await agent.call("GET", "/api/tickets?limit=1")
                return page["counts"]

            async def listed(view):
                return len(await all_pages(agent, f"&view={view}"))

            before = await counted()
            assert before == {view: await listed(view) for view in ("all", "mine", "unassigned", "locked")}
            fresh = (await client.new_ticket())["id"]
            after_create = await counted()
            assert after_create["all"] == before["all"] + 1
            assert after_create["unassigned"] == before["unassigned"] + 1
            await agent.command(fresh, type="take")
            await agent.command(fresh, type="lock")
            now = await counted()
            assert now["mine"] == before["mine"] + 1 and now["locked"] == before["locked"] + 1
            assert now["unassigned"] == before["unassigned"]

    run(scenario())
