"""Writers that post notes through servers while the test kills them: which notes were acknowledged."""
import asyncio
import itertools
import json

import aiohttp


async def write_until(stop, servers, token, ticket_id, writers=4):
    """Posts numbered notes to the ticket through whichever of `servers` answers (their port
    changes on restart) until `stop` is set; returns the bodies that were answered 200."""
    acknowledged = []
    numbers = itertools.count()
    headers = {"Authorization": f"Bearer {token}"}

    async def writer(index, http):
        while not stop.is_set():
            srv = servers[next(numbers) % len(servers)]
            body = f"note {index}-{next(numbers)}"
            try:
                async with http.post(f"{srv.base}/api/tickets/{ticket_id}/commands", headers=headers,
                                     data=json.dumps({"type": "note", "body": body}),
                                     timeout=aiohttp.ClientTimeout(total=5)) as response:
                    await response.read()
                    if response.status == 200:
                        acknowledged.append(body)
                        continue
            except (aiohttp.ClientError, asyncio.TimeoutError, OSError):
                pass  # killed meanwhile: not acknowledged (it may or may not have been stored)
            await asyncio.sleep(0.05)

    async with aiohttp.ClientSession(cookie_jar=aiohttp.DummyCookieJar()) as http:
        await asyncio.gather(*(writer(i, http) for i in range(writers)))
    return acknowledged


def notes_in(history):
    return [e["message"]["body"] for e in history if e["type"] == "note_added"]


def assert_each_acknowledged_note_once(history, acknowledged):
    notes = notes_in(history)
    assert len(notes) == len(set(notes)), "a note was stored twice"
    missing = set(acknowledged) - set(notes)
    assert not missing, f"{len(missing)} acknowledged notes lost: {sorted(missing)[:5]}"
    seqs = [e["seq"] for e in history]
    assert seqs == sorted(seqs)
