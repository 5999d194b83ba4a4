"""The agent's own preferences (docs/API.md): the workspace's language, kept per agent on the
server and given with the session; on both stores, across a restart and across processes."""
from baton_client import SUPPORT, Client, run
from conftest import ServerProcess

JA, NONE = {"lang": "ja"}, {"lang": None}


async def _me(agent):
    status, body = await agent.call("GET", "/api/me")
    assert status == 200, body
    return body["preferences"]


async def _login_preferences(client, email):
    status, body = await client.call("POST", "/api/login", {"email": email, "password": "baton-demo"})
    assert status == 200, body
    return body["preferences"]


def test_an_agents_language_is_saved_read_back_after_a_restart_and_only_theirs(make_server):
    server = make_server().start()
    marcus_email, priya_email = SUPPORT[0], SUPPORT[1]

    async def before_restart():
        async with Client(server.base) as client:
            marcus, priya = await client.login(marcus_email), await client.login(priya_email)
            assert await _me(marcus) == NONE, "by default the workspace follows the browser"
            status, body = await marcus.call("PUT", "/api/me/preferences", JA)
            assert (status, body) == (200, {"preferences": JA})
            assert await _me(marcus) == JA
            assert await _login_preferences(client, marcus_email) == JA, "a new session has it too"
            assert await _me(priya) == NONE, "another agent's language is their own"
            status, body = await marcus.call("PUT", "/api/me/preferences", {})
            assert (status, body) == (200, {"preferences": JA}), "a field left out keeps its value"

    run(before_restart())
    server.kill()
    server.start()

    async def after_restart():
        async with Client(server.base) as client:
            assert await _login_preferences(client, marcus_email) == JA
            assert await _login_preferences(client, priya_email) == NONE
            marcus = await client.login(marcus_email)
            status, body = await marcus.call("PUT", "/api/me/preferences", NONE)
            assert (status, body) == (200, {"preferences": NONE})
            assert await _me(marcus) == NONE

    run(after_restart())


def test_a_language_not_offered_or_a_wrong_shape_is_refused_and_changes_nothing(server):
    async def scenario():
        async with Client(server.base) as client:
            agent = await client.login(SUPPORT[2])
            before = await _me(agent)
            cases = [
                ({"lang": "xx"}, "lang", "value", "preferences.unknown_lang", ["xx", "en, ja"]),
                ({"lang": "JA"}, "lang", "value", "preferences.unknown_lang", ["JA", "en, ja"]),
                ({"lang": 5}, "lang", "type", "invalid.type.string_or_null", ["lang"]),
                ({"lang": "ja", "theme": "dark"}, "theme", "unknown", "invalid.unknown", ["theme"]),
            ]
            for body, field, reason, key, args in cases:
                status, answer = await agent.call("PUT", "/api/me/preferences", body)
                error = answer["error"]
                assert status == 400 and error["code"] == "invalid", (body, answer)
                assert (error["field"], error["reason"], error["key"], error["args"]) == (field, reason, key, args)
            status, answer = await agent.call("PUT", "/api/me/preferences", raw="not json")
            assert (status, answer["error"]["key"]) == (400, "http.body_not_json")
            assert await _me(agent) == before

    run(scenario())


def test_preferences_need_a_session(server):
    async def scenario():
        async with Client(server.base) as client:
            for method, path, body in [("PUT", "/api/me/preferences", JA), ("GET", "/api/me", None)]:
                status, answer = await client.call(method, path, body)
                assert status == 401, answer
                assert (answer["error"]["code"], answer["error"]["key"]) == ("unauthorized", "auth.required")
            agent = await client.login(SUPPORT[3])
            status, answer = await agent.call("GET", "/api/me/preferences")
            assert (status, answer["error"]["key"]) == (405, "http.method_not_allowed"), "they come with /api/me"

    run(scenario())


def test_every_process_on_one_postgresql_reads_the_same_language(postgres, tmp_path):
    url = postgres.new_database()
    first = ServerProcess(url, demo=True, log_dir=tmp_path).start()
    second = ServerProcess(url, demo=False, log_dir=tmp_path).start()
    try:
        async def scenario():
            async with Client(first.base) as one, Client(second.base) as two:
                marcus_here = await one.login(SUPPORT[0])
                marcus_there = await two.login(SUPPORT[0])
                status, _ = await marcus_here.call("PUT", "/api/me/preferences", JA)
                assert status == 200
                assert await _me(marcus_there) == JA
                status, _ = await marcus_there.call("PUT", "/api/me/preferences", NONE)
                assert status == 200
                assert await _me(marcus_here) == NONE

        run(scenario())
    finally:
        second.stop()
        first.stop()
