"""Random and mutated bodies at every write endpoint and the WebSocket: only JSON answers below 500
(a mutation may happen to be valid), never a hang, never an `internal` error, and a refused
command changes nothing. Seeded, so a failure repeats; BATON_FUZZ_SEED picks another run."""
import asyncio
import json
import os
import random
import string

from baton_client import ADMIN, SUPPORT, Client, run

SEED = int(os.environ.get("BATON_FUZZ_SEED", "20261126"))
ROUNDS = 60  # bodies per endpoint
VALUES = [None, True, False, 0, -1, 1, 2**53, 2**64, -2**63, 1.5, 1e308, "", "x", "é\u0000\ud7ff",
          "A" * 3000, [], [1], {}, {"a": 1}, [[[[[]]]]], "<script>", "lock", "support", "billing"]


def mutate_value(rng, value, depth=0):
    roll = rng.random()
    if isinstance(value, dict) and value and roll < 0.6:
        value = dict(value)
        key = rng.choice(list(value))
        action = rng.random()
        if action < 0.3:
            del value[key]
        elif action < 0.5:
            value[rng.choice(["actor", "extra", "type", key + "x", ""])] = rng.choice(VALUES)
        else:
            value[key] = mutate_value(rng, value[key], depth + 1)
        return value
    if isinstance(value, list) and value and roll < 0.5:
        return [mutate_value(rng, v, depth + 1) for v in value]
    if roll < 0.8 or depth > 3:
        return rng.choice(VALUES)
    return {"type": rng.choice(["lock", "reply", "hello", "view", "draft", "nope"]), "x": rng.choice(VALUES)}


def mutate_text(rng, text):
    data = bytearray(text.encode())
    for _ in range(rng.randint(1, 4)):
        action = rng.random()
        position = rng.randrange(len(data) + 1)
        if action < 0.3 and data:
            del data[position:position + rng.randint(1, 8)]
        elif action < 0.6:
            data[position:position] = bytes(rng.randrange(256) for _ in range(rng.randint(1, 6)))
        else:
            data[position:position] = rng.choice(['{"', '"}', "[", "]", ":", ",", "\\u", "\\", "null", "9" * 30]).encode()
    return bytes(data)


def bodies(rng, seeds):
    for i in range(ROUNDS):
        seed = rng.choice(seeds)
        if i % 3 == 0:
            yield mutate_text(rng, json.dumps(seed))
        elif i % 3 == 1:
            yield json.dumps(mutate_value(rng, seed)).encode()
        else:
            yield bytes(rng.randrange(256) for _ in range(rng.randint(0, 40))) if rng.random() < 0.5 else \
                "".join(rng.choice(string.printable) for _ in range(rng.randint(0, 60))).encode()


def test_random_and_mutated_input_gets_4xx_json_and_changes_nothing_when_refused(server):
    rng = random.Random(SEED)

    async def scenario():
        async with Client(server.base) as client:
            agent, admin = await client.login(SUPPORT[0]), await client.login(ADMIN)
            ticket = await client.new_ticket()
            tid = ticket["id"]
            original_settings = (await admin.call("GET", "/api/settings"))[1]["settings"]
            command_seeds = [{"type": "lock"}, {"type": "note", "body": "hi"}, {"type": "take"},
                             {"type": "reply", "body": "Hi", "base_version": 1, "idempotency_key": "k"},
                             {"type": "draft", "body": "d", "kind": "reply", "base_version": 1},
                             {"type": "set_urgency", "urgency": 3}, {"type": "assign", "agent": agent.id}]
            endpoints = [
                (agent, "POST", f"/api/tickets/{tid}/commands", command_seeds),
                (agent, "POST", "/api/tickets", [{"subject": "S", "department": "support", "body": "B",
                                                   "requester": {"name": "N", "email": "n@x.y"}}]),
                (None, "POST", "/api/inbound", [{"ref": ticket["ref"], "body": "More"},
                                                {"subject": "S", "department": "support", "body": "B",
                                                 "requester": {"name": "N", "email": "n@x.y"}}]),
                (admin, "PUT", "/api/settings", [{"lock_timeout_secs": 900}, {"auto_assign": False}]),
                (None, "POST", "/api/login", [{"email": SUPPORT[1], "password": "wrong"}]),
            ]
            for caller, method, path, seeds in endpoints:
                for body in bodies(rng, seeds):
                    before = await agent.history(tid)
                    headers = {"X-Inbound-Key": "test-inbound-key"} if path == "/api/inbound" else {}
                    call = caller.call if caller else client.call
                    status, answer = await asyncio.wait_for(call(method, path, raw=body, headers=headers), 10)
                    assert status < 500 and isinstance(answer, dict), (path, body, status, answer)
                    if status >= 400:
                        assert answer["error"]["code"] != "internal" and answer["error"]["message"]
                        assert await agent.history(tid) == before, (path, body)
            # Whatever the mutations set, the admin puts the settings back for the other tests.
            assert (await admin.call("PUT", "/api/settings", original_settings))[0] == 200

            ws = await agent.socket()
            ws_seeds = [{"type": "hello", "since": 0}, {"type": "view", "ticket": tid}, {"type": "ping"},
                        {"type": "renew", "ticket": tid},
                        {"type": "draft", "ticket": tid, "body": "d", "kind": "reply", "base_version": 1}]
            for body in bodies(rng, ws_seeds):
                try:
                    await ws.ws.send_str(body.decode("utf-8"))
                except UnicodeDecodeError:
                    await ws.ws.send_bytes(body)
            await ws.send(type="view", ticket=987_654_321)  # its not_found answer ends the run
            while True:
                message = await ws.next(timeout=10)
                assert message["type"] != "closed", message
                if message["type"] == "error":
                    assert message["error"]["code"] != "internal", message
                    if message.get("ticket") == 987_654_321:
                        break
            status, health = await client.call("GET", "/healthz")
            assert status == 200 and health["ok"]
            await ws.close()

    run(scenario())
