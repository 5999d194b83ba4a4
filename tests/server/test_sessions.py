"""Logging in and out: a token or an HttpOnly cookie, and 401 for everything else."""
import aiohttp

from baton_client import ADMIN, PASSWORD, SUPPORT, Client, run


def test_login_sets_a_strict_httponly_cookie_and_logout_ends_the_session(server):
    async def scenario():
        async with Client(server.base) as client:
            status, body = await client.call("POST", "/api/login", {"email": SUPPORT[0], "password": "wrong"})
            assert (status, body["error"]["code"]) == (401, "unauthorized")
            status, body = await client.call("POST", "/api/login", {"email": "nobody@x.test", "password": PASSWORD})
            assert status == 401

            async with aiohttp.ClientSession(cookie_jar=aiohttp.CookieJar(unsafe=True)) as browser:
                async with browser.post(server.base + "/api/login",
                                        json={"email": SUPPORT[0], "password": PASSWORD}) as response:
                    assert response.status == 200
                    login = await response.json()
                    cookie = response.cookies["baton_session"]
                    assert cookie["httponly"] and cookie["samesite"] == "Strict"
                    assert cookie.value == login["token"]
                async with browser.get(server.base + "/api/me") as response:
                    assert (await response.json())["agent"]["email"] == SUPPORT[0]
                async with browser.post(server.base + "/api/logout") as response:
                    assert response.status == 200
                async with browser.get(server.base + "/api/me") as response:
                    assert response.status == 401
            status, _ = await client.call("GET", "/api/me", headers={"Authorization": f"Bearer {login['token']}"})
            assert status == 401

    run(scenario())


def test_logging_out_closes_that_sessions_websocket(server):
    async def scenario():
        async with Client(server.base) as client:
            agent = await client.login(SUPPORT[1])
            ws = await agent.socket()
            assert (await agent.call("POST", "/api/logout"))[0] == 200
            assert (await ws.next("closed"))["code"] == 4001

    run(scenario())


def test_agents_list_shows_who_is_online(server):
    async def scenario():
        async with Client(server.base) as client:
            agent, admin = await client.login(SUPPORT[2]), await client.login(ADMIN)
            ws = await agent.socket()
            status, body = await admin.call("GET", "/api/agents")
            online = {a["email"]: a["online"] for a in body["agents"]}
            assert online[SUPPORT[2]] is True and online[ADMIN] is False
            assert all("password_hash" not in a for a in body["agents"])
            await ws.close()

    run(scenario())
