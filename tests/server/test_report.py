"""The collision report over real HTTP, on both stores: a scripted day of two agents through the API,
then GET /api/report/collisions counts it (JSON and CSV), for admins only."""
import asyncio
import csv
import datetime
import io

import pytest

from baton_client import ADMIN, Client, run

COUNTS = ["blocked_by_lock", "held_stale", "sent_anyway", "revised", "lock_requests", "handovers",
          "handovers_automatic", "released_expired", "released_disconnected", "released_idle",
          "slipped_through"]


@pytest.fixture
def report_server(make_server):
    """Its own server: the test changes the settings."""
    srv = make_server().start()
    yield srv


def _days():
    today = datetime.datetime.now(datetime.timezone.utc).date()
    return str(today - datetime.timedelta(days=1)), str(today + datetime.timedelta(days=1))


def _agent_counts(report, agent_id):
    for row in report["agents"]:
        if row["agent"] == agent_id:
            return {name: row[name] for name in COUNTS}
    return dict.fromkeys(COUNTS, 0)


def _diff(after, before):
    return {name: after[name] - before[name] for name in COUNTS}


async def _report(admin, first, last):
    status, body = await admin.call("GET", f"/api/report/collisions?from={first}&to={last}")
    assert status == 200, body
    return body


async def _wait_for_unlock(agent, ticket_id, reason, timeout=15):
    deadline = asyncio.get_running_loop().time() + timeout
    while asyncio.get_running_loop().time() < deadline:
        events = await agent.history(ticket_id)
        if any(e["type"] == "unlocked" and e["reason"] == reason for e in events):
            return
        await asyncio.sleep(0.2)
    raise AssertionError(f"ticket {ticket_id} was not unlocked ({reason})")


def test_a_scripted_day_is_counted_per_agent(report_server):
    first, last = _days()

    async def script():
        async with Client(report_server.base) as client:
            admin = await client.login(ADMIN)
            marcus = await client.login("marcus@baton.test")
            priya = await client.login("priya@baton.test")
            # Replies go out at once; the demo's locks stay (their holders are not connected).
            status, body = await admin.call("PUT", "/api/settings", {
                "undo_send_secs": 0, "disconnect_grace_secs": 3600, "lock_timeout_secs": 900})
            assert status == 200, body
            before = await _report(admin, first, last)

            # Marcus locks; Priya's reply is refused, and so is her wish to reply (one occasion).
            t1 = await client.new_ticket()
            assert (await marcus.command(t1["id"], type="lock"))[0] == 200
            status, body = await priya.command(t1["id"], type="reply", body="Hello", base_version=t1["version"],
                                               idempotency_key="p-blocked")
            assert status == 409 and body["error"]["code"] == "locked", body
            for text in ("Hel", "Hello Hannah"):
                status, body = await priya.command(t1["id"], type="draft", kind="reply", body=text,
                                                   base_version=t1["version"])
                assert status == 200, body
            # She asks for the lock and Marcus hands it over.
            assert (await priya.command(t1["id"], type="request_lock", reason="She called me"))[0] == 200
            status, body = await marcus.command(t1["id"], type="answer_lock_request", hand_over=True)
            assert status == 200, body
            # Priya answers; Marcus answers the same customer message a moment later: slipped through.
            version = (await priya.ticket(t1["id"]))["version"]
            status, body = await priya.command(t1["id"], type="reply", body="Done", base_version=version,
                                               idempotency_key="p-1")
            assert status == 200, body
            version = (await marcus.ticket(t1["id"]))["version"]
            status, body = await marcus.command(t1["id"], type="reply", body="Me too", base_version=version,
                                                idempotency_key="m-1")
            assert status == 200, body

            # Marcus's send is held as stale and he sends it anyway (the same key).
            t2 = await client.new_ticket()
            assert (await client.inbound({"ref": t2["ref"], "body": "Also, it leaks"}))[0] == 200
            status, body = await marcus.command(t2["id"], type="reply", body="Fixed", base_version=t2["version"],
                                                idempotency_key="m-2")
            assert status == 409 and body["error"]["code"] == "stale", body
            status, body = await marcus.command(t2["id"], type="reply", body="Fixed",
                                                base_version=body["error"]["version"], idempotency_key="m-2")
            assert status == 200, body
            # Priya's is held and she reviews it: sent later with a new key.
            t3 = await client.new_ticket()
            assert (await client.inbound({"ref": t3["ref"], "body": "Hello?"}))[0] == 200
            status, body = await priya.command(t3["id"], type="reply", body="Hi", base_version=t3["version"],
                                               idempotency_key="p-2")
            assert status == 409 and body["error"]["code"] == "stale", body
            status, body = await priya.command(t3["id"], type="reply", body="Hi, about the leak",
                                               base_version=body["error"]["version"], idempotency_key="p-3")
            assert status == 200, body

            # Marcus's lock expires (short timeout, for locks taken from now on).
            status, body = await admin.call("PUT", "/api/settings", {"lock_timeout_secs": 1})
            assert status == 200, body
            t4 = await client.new_ticket()
            assert (await marcus.command(t4["id"], type="lock"))[0] == 200
            await _wait_for_unlock(marcus, t4["id"], "expired")

            after = await _report(admin, first, last)
            return marcus, priya, before, after, admin

    marcus, priya, before, after, admin = run(script())
    expected_marcus = dict.fromkeys(COUNTS, 0)
    expected_marcus.update(handovers=1, slipped_through=1, held_stale=1, sent_anyway=1, released_expired=1)
    expected_priya = dict.fromkeys(COUNTS, 0)
    expected_priya.update(blocked_by_lock=1, lock_requests=1, held_stale=1, revised=1)
    assert _diff(_agent_counts(after, marcus.id), _agent_counts(before, marcus.id)) == expected_marcus
    assert _diff(_agent_counts(after, priya.id), _agent_counts(before, priya.id)) == expected_priya
    total = {name: expected_marcus[name] + expected_priya[name] for name in COUNTS}
    assert _diff(after["totals"], before["totals"]) == total

    # The shape: every day of the range, each with totals that sum its agents' rows.
    assert [d["day"] for d in after["days"]] == [first, str(datetime.date.fromisoformat(first) + datetime.timedelta(days=1)), last]
    for day in after["days"]:
        assert set(day["totals"]) == set(COUNTS)
        for name in COUNTS:
            assert day["totals"][name] == sum(row[name] for row in day["agents"])
    names = {row["agent"]: row["name"] for day in after["days"] for row in day["agents"]}
    assert names[marcus.id] == marcus.info["name"]
    assert after["to"] - after["from"] == 3 * 86_400_000


def test_the_report_as_csv(report_server):
    first, last = _days()

    async def script():
        async with Client(report_server.base) as client:
            admin = await client.login(ADMIN)
            marcus = await client.login("marcus@baton.test")
            priya = await client.login("priya@baton.test")
            t1 = await client.new_ticket()
            assert (await marcus.command(t1["id"], type="lock"))[0] == 200
            status, _ = await priya.command(t1["id"], type="note", body="x")
            assert status == 409
            answers = []
            for query, headers in ((f"?from={first}&to={last}&format=csv", {}),
                                   (f"?from={first}&to={last}", {"Accept": "text/csv"})):
                async with client.http.get(client.base + "/api/report/collisions" + query,
                                           headers=admin.headers(headers)) as response:
                    answers.append((response.status, response.headers.copy(), await response.text()))
            status, body = await admin.call("GET", f"/api/report/collisions?from={first}&to={last}")
            return priya, answers, body

    priya, answers, body = run(script())
    for status, headers, text in answers:
        assert status == 200, text
        assert headers["Content-Type"].startswith("text/csv")
        assert headers["Content-Disposition"].startswith("attachment;")
        assert ".csv" in headers["Content-Disposition"]
        rows = list(csv.reader(io.StringIO(text)))
        assert rows[0] == ["day", "agent_id", "agent", *COUNTS]
        lines = [dict(zip(rows[0], row)) for row in rows[1:]]
        mine = [line for line in lines if line["agent_id"] == str(priya.id)]
        assert sum(int(line["blocked_by_lock"]) for line in mine) >= 1
        assert all(line["agent"] == priya.info["name"] for line in mine)
        # One line per (day, agent) with a non-zero count: as many as the JSON's rows.
        assert len(lines) == sum(len(day["agents"]) for day in body["days"])


def test_only_admins_see_the_report_and_dates_are_checked(server):
    async def script():
        async with Client(server.base) as client:
            marcus = await client.login("marcus@baton.test")
            admin = await client.login(ADMIN)
            answers = {"agent": await marcus.call("GET", "/api/report/collisions"),
                       "anonymous": await client.call("GET", "/api/report/collisions"),
                       "default": await admin.call("GET", "/api/report/collisions")}
            for query in ("from=2024-13-01", "to=yesterday", "from=2024-05-02&to=2024-05-01",
                          "from=2020-01-01&to=2024-01-01", "from=2024-5-1", "format=xml", "from="):
                answers[query] = await admin.call("GET", f"/api/report/collisions?{query}")
            answers["one day"] = await admin.call("GET", "/api/report/collisions?from=2024-02-29&to=2024-02-29")
            return answers

    answers = run(script())
    status, body = answers["agent"]
    assert status == 403 and body["error"]["code"] == "forbidden"
    assert answers["anonymous"][0] == 401
    status, body = answers["default"]
    assert status == 200
    assert len(body["days"]) == 14  # the last 14 days, today included
    assert body["days"][-1]["day"] == str(datetime.datetime.now(datetime.timezone.utc).date())
    for query, field in (("from=2024-13-01", "from"), ("to=yesterday", "to"), ("from=2024-05-02&to=2024-05-01", "from"),
                         ("from=2020-01-01&to=2024-01-01", "to"), ("from=2024-5-1", "from"),
                         ("format=xml", "format"), ("from=", "from")):
        status, body = answers[query]
        assert status == 400, (query, body)
        assert body["error"]["code"] == "invalid" and body["error"]["field"] == field, (query, body)
        assert body["error"]["message"]
    status, body = answers["one day"]
    assert status == 200 and [d["day"] for d in body["days"]] == ["2024-02-29"]
    assert body["from"] == 1_709_164_800_000 and body["to"] == body["from"] + 86_400_000
