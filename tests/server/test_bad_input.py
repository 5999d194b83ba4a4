"""Bad requests get their status and a JSON error, store nothing, and leave the server up."""
import json

from baton_client import ADMIN, BILLING, SUPPORT, Client, run

BIG = 2 * 1024 * 1024


def test_bad_commands_are_refused_and_store_nothing(server):
    async def scenario():
        async with Client(server.base) as client:
            agent = await client.login(SUPPORT[0])
            tid = (await client.new_ticket())["id"]
            before = await agent.history(tid)
            path = f"/api/tickets/{tid}/commands"
            reply = {"type": "reply", "body": "Hi", "base_version": 1, "idempotency_key": "k"}
            cases = [
                (dict(raw="{not json"), 400, "invalid", None),
                (dict(raw="[1, 2]"), 400, "invalid", None),
                (dict(body={**reply, "body": 5}), 400, "invalid", "body"),
                (dict(body={**reply, "base_version": "1"}), 400, "invalid", "base_version"),
                (dict(body={"type": "explode"}), 400, "invalid", "type"),
                (dict(body={"type": "lock", "actor": 1}), 400, "invalid", "actor"),
                (dict(body={"type": "receive", "body": "I am the customer"}), 403, "forbidden", None),
                (dict(body={"type": "release", "reason": "expired", "offline_since": None}), 403, "forbidden", None),
                (dict(body={"type": "note", "body": "x" * 70_000}), 413, "invalid", None),
                (dict(raw=json.dumps({"type": "note", "body": "x" * BIG})), 413, "invalid", "body"),
                (dict(raw=b"\xff\xfe"), 400, "invalid", "body"),
            ]
            for request, status, code, field in cases:
                got, body = await agent.call("POST", path, **request)
                assert (got, body["error"]["code"]) == (status, code), (request.get("body"), body)
                if field is not None:
                    assert body["error"]["field"] == field, body
            assert await agent.history(tid) == before
            status, health = await client.call("GET", "/healthz")
            assert status == 200 and health["ok"]

    run(scenario())


def test_sessions_departments_and_admin_rights_are_enforced(server):
    async def scenario():
        async with Client(server.base) as client:
            support, billing = await client.login(SUPPORT[0]), await client.login(BILLING[0])
            billing_ticket = await client.new_ticket("billing")
            tid = billing_ticket["id"]
            before = await billing.history(tid)
            for method, path, body in [("GET", f"/api/tickets/{tid}", None),
                                       ("GET", f"/api/tickets/{tid}/history", None),
                                       ("POST", f"/api/tickets/{tid}/commands", {"type": "lock"}),
                                       ("PUT", "/api/settings", {"lock_timeout_secs": 60})]:
                status, error = await support.call(method, path, body)
                assert (status, error["error"]["code"]) == (403, "forbidden"), (path, error)
            for headers in ({}, {"Authorization": "Bearer forged-token"}, {"Cookie": "baton_session=forged"}):
                status, error = await client.call("POST", f"/api/tickets/{tid}/commands", {"type": "lock"},
                                                  headers=headers)
                assert (status, error["error"]["code"]) == (401, "unauthorized")
            status, error = await support.call("GET", "/api/tickets/987654")
            assert (status, error["error"]["code"]) == (404, "not_found")
            status, error = await support.call("POST", "/api/tickets", {"subject": "Hi", "department": "billing",
                                                                        "requester": {"name": "A", "email": "a@b.c"},
                                                                        "body": "x"})
            assert (status, error["error"]["code"]) == (403, "forbidden")
            status, error = await support.call("POST", "/api/tickets", {"subject": "Hi", "department": "support"})
            assert (status, error["error"]["code"]) == (400, "invalid")
            status, error = await client.call("POST", "/api/inbound", {"ref": billing_ticket["ref"], "body": "x"},
                                              headers={"X-Inbound-Key": "wrong"})
            assert status == 403
            status, error = await support.call("POST", "/api/inbound", {"ref": billing_ticket["ref"], "body": "x"})
            assert status == 403
            status, error = await client.inbound({"ref": "NOPE-0000-NOPE", "body": "x"})
            assert (status, error["error"]["code"]) == (404, "not_found")
            admin = await client.login(ADMIN)
            status, error = await admin.call("PUT", "/api/settings", {"lock_timeout_secs": -1})
            assert (status, error["error"]["code"], error["error"]["field"]) == (400, "invalid", "lock_timeout_secs")
            status, error = await admin.call("PUT", "/api/settings", {"no_such_setting": 1})
            assert (status, error["error"]["code"]) == (400, "invalid")
            status, settings = await support.call("GET", "/api/settings")
            assert status == 200 and settings["settings"]["lock_timeout_secs"] == 900
            assert await billing.history(tid) == before

    run(scenario())


def test_http_errors_are_json_too(server):
    async def scenario():
        async with Client(server.base) as client:
            agent = await client.login(SUPPORT[0])
            for method, path, status, code in [("GET", "/api/nothing-here", 404, "not_found"),
                                               ("DELETE", "/api/tickets", 405, "method_not_allowed"),
                                               ("GET", "/api/tickets?view=everything", 400, "invalid"),
                                               ("GET", "/api/tickets?limit=0", 400, "invalid"),
                                               ("GET", "/api/tickets?limit=ten", 400, "invalid"),
                                               ("GET", "/api/tickets?after=yesterday", 400, "invalid")]:
                got, body = await agent.call(method, path)
                assert (got, body["error"]["code"]) == (status, code), (path, body)
            for raw in ("{", "[]", json.dumps({"email": 5, "password": "x"})):
                status, body = await client.call("POST", "/api/login", raw=raw)
                assert (status, body["error"]["code"]) == (400, "invalid")
            status, body = await client.call("POST", "/api/login", raw="x" * (2 * 1024 * 1024))
            assert (status, body["error"]["code"], body["error"]["reason"]) == (413, "invalid", "too_large")

    run(scenario())
