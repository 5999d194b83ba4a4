"""Helpers of the issue 9 tests (ask for the lock, undo send, lock on typing)."""
import asyncio
import time

from baton_client import ADMIN


async def set_settings(client, **settings):
    """PUT /api/settings as the admin; returns the merged settings."""
    admin = await client.login(ADMIN)
    status, body = await admin.call("PUT", "/api/settings", settings)
    assert status == 200, body
    return body["settings"]


async def wait_until(check, timeout=8.0, every=0.1):
    """Polls the coroutine function `check` until it returns something true (or the timeout)."""
    deadline = time.monotonic() + timeout
    while True:
        result = await check()
        if result or time.monotonic() > deadline:
            return result
        await asyncio.sleep(every)


async def event_of(sock, ticket_id, event_type, timeout=5.0):
    """The next `event` message on the socket for that ticket and event type."""
    message = await sock.next("event", timeout=timeout,
                              where=lambda m: m["event"]["ticket"] == ticket_id and m["event"]["type"] == event_type)
    return message["event"]


def types(history):
    return [event["type"] for event in history]


def percentile(values, fraction):
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(round(fraction * (len(ordered) - 1))))]
