"""Live drafts: throttled to one save per server interval (25 a second) per author, and the last keystroke always lands."""
import asyncio
import time

from baton_client import SUPPORT, Client, run
from server.live.drafts import INTERVAL as DRAFT_INTERVAL  # the server's coalescing: at most one save per interval

TEXT = "Thanks for waiting, the technician comes on Monday morning."


def test_fast_typing_is_coalesced_and_the_last_update_is_never_lost(server):
    async def scenario():
        async with Client(server.base) as client:
            author, viewer, colleague, late = [await client.login(email) for email in SUPPORT]
            tid = (await client.new_ticket())["id"]
            author_ws, viewer_ws, colleague_ws = [await agent.socket() for agent in (author, viewer, colleague)]
            await viewer_ws.send(type="view", ticket=tid)
            await author_ws.send(type="view", ticket=tid)
            started = time.monotonic()
            for end in range(1, len(TEXT) + 1):  # one update per keystroke, ~100 a second
                await author_ws.send(type="draft", ticket=tid, body=TEXT[:end], kind="reply", base_version=1)
                await asyncio.sleep(0.01)
            typing_secs = time.monotonic() - started

            async def bodies_until_last(sock):  # one `draft` message per save
                bodies = []
                while not bodies or bodies[-1] != TEXT:
                    message = await sock.next("draft", where=lambda m: m["ticket"] == tid)
                    bodies.append(message["draft"]["body"])
                return bodies

            seen = await bodies_until_last(viewer_ws)  # the viewer sees it as it is typed
            assert len(seen) <= typing_secs / DRAFT_INTERVAL + 3, (len(seen), typing_secs)
            assert len(seen) < len(TEXT) / 2
            assert seen == sorted(seen, key=len)  # in order, never an older one after a newer one
            assert (await viewer.ticket(tid))["drafts"][0]["body"] == TEXT

            digests = []  # the rest of the department gets the newest state every 2 s
            while not digests or digests[-1] != TEXT:
                message = await colleague_ws.next("digest")
                digests += [d["draft"]["body"] for d in message["drafts"] if d["ticket"] == tid]
            assert len(digests) <= typing_secs / 2 + 2

            late_ws = await late.socket()
            await late_ws.send(type="view", ticket=tid)  # opening the ticket shows the draft at once
            opened = await late_ws.next("draft", where=lambda m: m["ticket"] == tid, timeout=0.5)
            assert opened["draft"]["body"] == TEXT and opened["author"] == author.id

            status, _ = await author.command(tid, type="discard_draft")
            assert status == 200
            discarded = await viewer_ws.next("draft", where=lambda m: m["ticket"] == tid)
            assert discarded["author"] == author.id and discarded["draft"] is None
            assert (await viewer.ticket(tid))["drafts"] == []
            for sock in (author_ws, viewer_ws, colleague_ws, late_ws):
                await sock.close()

    run(scenario())
