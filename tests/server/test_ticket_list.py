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


def test_search_is_indexed_by_word_prefix_with_bodies_departments_views_and_paging(server):
    async def scenario():
        async with Client(server.base) as client:
            support, billing = await client.login(SUPPORT[2]), await client.login(BILLING[1])
            word = "quasar%d" % (await client.new_ticket())["id"]  # unique in this database
            made = []
            for department in ("support", "billing", "support", "support"):
                made.append((await client.new_ticket(department, body=f"The {word} boiler hums"))["id"])
            await support.command(made[2], type="take")
            await support.command(made[3], type="note", body="Reported by the neighbour too")

            async def ids(agent, query, view="all"):
                return [t["id"] for t in await all_pages(agent, f"&view={view}&q={query}")]

            newest_first = [made[3], made[2], made[0]]  # the note moved made[3] to the top
            assert await ids(support, word) == newest_first
            assert (await ids(support, word[:6]))[:3] == newest_first  # as-you-type: a prefix of the word
            assert await ids(support, f"{word}+boil") == newest_first  # every word, each a prefix
            assert await ids(support, f"{word}+neighb") == [made[3]]  # a note's body counts
            assert await ids(support, f"{word}+kettle") == []
            assert await ids(billing, word.upper()) == [made[1]]  # departments still apply
            assert await ids(support, word, "mine") == [made[2]]
            assert await ids(support, word, "unassigned") == [made[3], made[0]]
            status, page = await support.call("GET", f"/api/tickets?limit=1&q={word}")
            assert [t["id"] for t in page["tickets"]] == [made[3]] and page["next"] and "counts" in page
            status, page = await support.call("GET", f"/api/tickets?limit=1&q={word}&after={page['next']}")
            assert [t["id"] for t in page["tickets"]] == [made[2]]
            assert await ids(support, "%21%21") == await ids(support, "")  # no word at all: no filter

    run(scenario())


def test_a_database_from_before_the_search_index_gets_one_on_start(new_database, store_kind):
    import json
    import sqlite3

    from conftest import CORE_PATH
    from server.commands.creation import create_ticket
    from server.core_loader import load_core
    from server.services import build_baton
    from server.store import open_store

    db = new_database()
    store = open_store(db)
    baton = build_baton(load_core(CORE_PATH), store, "k")
    for subject in ("Boiler hums", "Printer jams", "Boiler leaks"):
        command = baton.core.Command.parse(json.dumps({
            "type": "create", "subject": subject, "department": "support", "body": "Help",
            "requester": {"name": "H", "email": "h@example.com"}}), 100_000)
        create_ticket(baton.commands, command, baton.system)
    store.close()
    if store_kind == "postgresql":  # back to schema version 1: no search column, trigger or index
        import psycopg
        with psycopg.connect(db, autocommit=True) as conn:
            conn.execute("DROP TRIGGER tickets_search ON tickets; ALTER TABLE tickets DROP COLUMN search; "
                         "UPDATE baton_schema SET version = 1")
    else:
        with sqlite3.connect(db) as conn:
            conn.executescript("DROP TABLE ticket_search; DROP TRIGGER tickets_search_insert; "
                               "DROP TRIGGER tickets_search_update; PRAGMA user_version = 1;")
    store = open_store(db)
    try:
        assert [p[1] for p in store.search(["boil"], None, ["support"], 10)] == [3, 1]
    finally:
        store.close()


def test_every_search_strategy_finds_what_reading_every_ticket_finds(new_database, store_kind, monkeypatch):
    """With a tiny sample, searches take each path of the stores' `search` (the sample fills the
    page; the rarest word's index; reading on in list order): all agree with a plain scan."""
    import json

    from conftest import CORE_PATH
    from server.commands.creation import create_ticket
    from server.core_loader import load_core
    from server.services import build_baton
    from server.store import open_store
    from server.store import postgres as postgres_store
    from server.store import sqlite as sqlite_store

    module = postgres_store if store_kind == "postgresql" else sqlite_store
    monkeypatch.setattr(module, "SEARCH_SAMPLE", 5)
    monkeypatch.setattr(module, "SEARCH_RARE", 0.2)
    if store_kind == "postgresql":  # pages that a short read in list order fills, and those it does not
        monkeypatch.setattr(module, "SEARCH_READ_MAX", 2)
    store = open_store(new_database())
    try:
        baton = build_baton(load_core(CORE_PATH), store, "k")
        texts = {}
        for i in range(60):
            subject = f"Common alpha{i % 2} beta{i % 7}" + (" gamma" if i % 3 else " gammaray")
            command = baton.core.Command.parse(json.dumps({
                "type": "create", "subject": subject, "department": "support",
                "body": f"Body {i}", "requester": {"name": "H", "email": "h@example.com"}}), 100_000)
            ticket_id = create_ticket(baton.commands, command, baton.system).steps[0].ticket_id
            # All the indexed text (its ref too), words as the index splits them.
            texts[ticket_id] = sqlite_store.search_text(baton.tickets.get(ticket_id).to_json(False))
        order = [e for e in baton.tickets.newest_first() if e.department == "support"]

        def expected(words, after=None):
            return [e[:2] for e in order if (after is None or e[:2] < after) and
                    all(any(t.startswith(w) for t in texts[e.id].split()) for w in words)]

        for words in (["common"], ["beta3"], ["alpha1", "beta3"], ["common", "beta3"], ["alpha", "gammar"],
                      ["alpha0", "alpha1"], ["gam", "com"], ["zzz"]):
            for count in (3, 100):
                assert store.search(words, None, ["support"], count) == expected(words)[:count], (words, count)
            cursor = order[10][:2]
            assert store.search(words, cursor, ["support"], 100) == expected(words, cursor), words
        mine = [e[:2] for e in order[:20]]
        assert store.search(["beta3"], None, ["support"], 100, among=mine) == \
            [p for p in expected(["beta3"]) if p in mine]
    finally:
        store.close()
