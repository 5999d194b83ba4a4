"""A reply written against an old version is held back; a retried reply is never sent twice."""
from baton_client import SUPPORT, Client, run


def test_customer_mail_while_drafting_makes_the_reply_stale_until_resent(server):
    async def scenario():
        async with Client(server.base) as client:
            a = await client.login(SUPPORT[0])
            ticket = await client.new_ticket()
            tid, version = ticket["id"], ticket["version"]
            ws = await a.socket()
            await ws.send(type="draft", ticket=tid, body="Have you tried", kind="reply", base_version=version)
            await ws.next("draft_saved")

            status, _ = await client.inbound({"ref": ticket["ref"], "body": "Never mind, it smells of gas now!"})
            assert status == 200

            status, stale = await a.command(tid, type="reply", body="Have you tried turning it off?",
                                            base_version=version, idempotency_key="reply-1")
            assert status == 409
            error = stale["error"]
            assert error["code"] == "stale" and error["version"] == version + 1
            assert [c["kind"] for c in error["changes"]] == ["customer_message"]

            status, sent = await a.command(tid, type="reply", body="Please leave the house and call 112.",
                                           base_version=error["version"], idempotency_key="reply-1")
            assert status == 200, sent
            assert sent["ticket"]["drafts"] == []  # sending discards the author's draft

            status, again = await a.command(tid, type="reply", body="Please leave the house and call 112.",
                                            base_version=error["version"], idempotency_key="reply-1")
            assert status == 200 and again["duplicate"] is True
            assert again["events"] == sent["events"]  # the original result, with its seqs

            history = await a.history(tid)
            assert [e["type"] for e in history].count("replied") == 1
            assert (await a.ticket(tid))["message_count"] == 3
            await ws.close()

    run(scenario())
