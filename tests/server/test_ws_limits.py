"""What one WebSocket may send: a client that sends too fast is closed with 4029 and a reason that
says why (it may reconnect and resume), a message too big with 1009; a person typing at full
speed never is, and the other agents' drafts keep flowing while someone abuses a socket."""
import asyncio
import json
import time

import aiohttp
import pytest

from baton_client import SUPPORT, Client, run
from collision_helpers import wait_until
from server.live.ws_limits import (CLOSE_RATE_LIMITED, MAX_MESSAGE_BYTES, MESSAGE_BURST, MESSAGES_PER_SEC,
                                   SendLimits)


async def rate_limited_closes(client):
    _, text = await client.call("GET", "/metrics")
    return int(next(line.split()[1] for line in text.splitlines()
                    if line.startswith('baton_websockets_closed_total{reason="rate_limited"}')))


def test_a_socket_that_sends_too_fast_is_closed_with_4029_and_why(server):
    async def scenario():
        async with Client(server.base) as client:
            agent = await client.login(SUPPORT[0])
            sock = await agent.socket()
            for _ in range(MESSAGE_BURST + 50):  # as fast as the socket takes them
                await sock.ws.send_str('{"type":"ping"}')
            closed = await sock.next("closed", timeout=5)
            assert closed["code"] == CLOSE_RATE_LIMITED
            assert "too many messages" in closed["reason"] and "reconnect" in closed["reason"]
            # Reconnecting at once does not refill the budget: refused before the handshake...
            with pytest.raises(aiohttp.WSServerHandshakeError) as refused:
                await agent.socket(hello=False)
            assert refused.value.status == 429 and int(refused.value.headers["Retry-After"]) >= 1

            async def backed_off():  # ... and a client that reconnects with backoff is served
                try:
                    sock = await agent.socket()
                except aiohttp.WSServerHandshakeError:
                    return False
                await sock.send(type="ping")
                try:
                    return (await sock.next(timeout=2))["type"] == "pong"
                finally:
                    await sock.close()
            assert await wait_until(backed_off, timeout=10, every=0.25)
            _, text = await client.call("GET", "/metrics")
            assert 'baton_websockets_closed_total{reason="rate_limited"}' in text

    run(scenario())


def test_a_message_too_big_closes_the_socket_with_1009(server):
    async def scenario():
        async with Client(server.base) as client:
            agent = await client.login(SUPPORT[0])
            sock = await agent.socket()
            await sock.ws.send_str(json.dumps({"type": "ping", "pad": "x" * MAX_MESSAGE_BYTES}))
            assert (await sock.next("closed", timeout=5))["code"] == 1009

    run(scenario())


def test_others_keep_receiving_drafts_while_one_socket_floods(server):
    async def scenario():
        async with Client(server.base) as client:
            ticket = await client.new_ticket()
            typist, viewer, abuser = [await client.login(email) for email in SUPPORT[:3]]
            watch = await viewer.socket()
            await watch.send(type="view", ticket=ticket["id"])
            types = await typist.socket()
            flood = await abuser.socket()
            before = await rate_limited_closes(client)

            async def abuse():
                try:
                    while not flood.ws.closed:
                        await flood.ws.send_str('{"type":"view","ticket":%d}' % ticket["id"])
                        await asyncio.sleep(0)
                except ConnectionResetError:
                    pass
            abusing = asyncio.create_task(abuse())
            latencies = []
            for n in range(10):
                body = f"Hi Hannah {n}"
                sent = time.monotonic()
                await types.send(type="draft", ticket=ticket["id"], body=body, kind="reply",
                                 base_version=ticket["version"])
                await watch.next("draft", where=lambda m: m["draft"] and m["draft"]["body"] == body)
                latencies.append(time.monotonic() - sent)
            # Its close frame may be lost in its own flood (the server closes a socket full of
            # unread data: a reset); the first test checks the code of a client that listens.
            assert (await flood.next("closed", timeout=5))["code"] in (CLOSE_RATE_LIMITED, 1006)
            abusing.cancel()
            assert await rate_limited_closes(client) > before, "the server closed it for its rate"
            assert max(latencies) < 1.0, latencies
            for sock in (watch, types):
                await sock.close()

    run(scenario())


def test_a_person_typing_at_full_speed_stays_within_the_limits():
    """The workspace sends a draft every 40 ms while its agent types, plus a renew or a view now
    and then: a whole day of that never reaches the limits; twice the rate does within seconds."""
    limits = SendLimits(now=0.0)
    t = 0.0
    for n in range(25 * 3600):  # an hour of continuous typing, 64 KB drafts
        t += 0.04
        assert limits.over(65_536, t) is None
        if n % 25 == 0:
            assert limits.over(60, t + 0.001) is None  # a renew or a view
    assert MESSAGES_PER_SEC >= 25 + 15
    fast = SendLimits(now=0.0)
    reasons = [fast.over(100, n / (2 * MESSAGES_PER_SEC)) for n in range(20 * MESSAGES_PER_SEC)]
    first = next(i for i, why in enumerate(reasons) if why)
    assert first < 10 * MESSAGES_PER_SEC and "too many messages" in reasons[first]
