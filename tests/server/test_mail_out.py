"""Replies out, over real SMTP to a real (aiosmtpd) relay, on each store: each reply handed to the
relay once, as a mail that threads back; retried while the relay is down or says 4xx, failed on
5xx or a bounce; an undone reply never sent; the admins' outbox and its retry; every state pushed
to the workspaces as the core's `delivery_changed` event."""
import asyncio
import email.utils

from baton_client import ADMIN, SUPPORT, Client, run
from collision_helpers import event_of, wait_until
from mail_helpers import (DOMAIN, HANNAH, delivery, mail, mail_server, relay, reply,  # noqa: F401
                          set_settings, text_of, ticket_of)


def test_a_reply_goes_to_the_relay_once_as_a_mail_that_threads_back(mail_server, relay):
    async def scenario():
        async with Client(mail_server.base) as client:
            agent = await client.login(SUPPORT[0])  # Marcus Lindqvist
            first = mail(subject="Hot water")
            ticket = await ticket_of(agent, await mail_server.send(first))
            ws = await agent.socket()
            message_id = await reply(agent, ticket, body="Hi Hannah,\n\nan engineer comes <tomorrow> & fixes it.")
            sent = await event_of(ws, ticket["id"], "delivery_changed")
            assert sent["message"] == message_id and sent["state"] == "sent" and sent["actor"] == 0
            found = await delivery(agent, ticket["id"], message_id, "sent")
            assert found["to"] == HANNAH and found["reason"] == ""
            [out] = relay.mails_of(ticket)
            assert out["From"] == f"Marcus Lindqvist <support@{DOMAIN}>"
            assert out["To"] == f"Hannah Rebekah <{HANNAH}>"
            assert out["Subject"] == f"Re: Hot water [{ticket['ref']}]"
            assert out["In-Reply-To"] == first["Message-ID"]
            assert out["References"] == first["Message-ID"]
            assert out["Message-ID"].endswith(f"@{DOMAIN}>")
            assert out["X-Baton-Loop"] == DOMAIN
            assert out["Reply-To"].startswith(f"support+{ticket['ref']}.")
            assert text_of(out) == "Hi Hannah,\n\nan engineer comes <tomorrow> & fixes it."
            assert "&lt;tomorrow&gt; &amp; fixes" in text_of(out, "html")
            [(envelope_from, rcpts)] = relay.envelopes_of(ticket)
            assert rcpts == [HANNAH]
            assert envelope_from.startswith("bounce+") and envelope_from.endswith(f"@{DOMAIN}")

            # The customer answers it: to the Reply-To address, or by In-Reply-To: both thread back.
            answer = mail(subject="Thanks!", body="See you tomorrow.", to=out["Reply-To"])
            code, text = await mail_server.send(answer, rcpts=[out["Reply-To"]])
            assert code == 250 and ticket["ref"] in text and "reply_address" in text
            answer = mail(subject="One more thing", sender="Hannah's phone <phone@example.com>",
                          headers=[("In-Reply-To", out["Message-ID"])])
            code, text = await mail_server.send(answer, mail_from="phone@example.com")
            assert code == 250 and ticket["ref"] in text and "own_message_id" in text
            forged = mail(subject="Hi", to=f"support+{ticket['ref']}.aaaaaaaaaa@{DOMAIN}")
            code, text = await mail_server.send(forged, rcpts=[f"support+{ticket['ref']}.aaaaaaaaaa@{DOMAIN}"])
            assert code == 250 and "(new ticket)" in text, "an unsigned reply address threads nothing"
            await ws.close()

    run(scenario())


def test_relay_down_then_up_sends_exactly_one_copy(mail_server, relay):
    async def scenario():
        async with Client(mail_server.base) as client:
            agent = await client.login(SUPPORT[0])
            ticket = await ticket_of(agent, await mail_server.send(mail(subject="Relay down", sender="Down <down@example.com>"),
                                                                   mail_from="down@example.com"))
            relay.stop()
            try:
                message_id = await reply(agent, ticket)
                retrying = await delivery(agent, ticket["id"], message_id, "retrying")
                assert retrying["reason"].startswith("mail server unreachable")
            finally:
                relay.start()
            await delivery(agent, ticket["id"], message_id, "sent")
            await asyncio.sleep(0.5)  # a few retry periods (0.2 s): a second copy would be there by now
            assert len(relay.mails_of(ticket)) == 1

    run(scenario())


def test_a_4xx_is_retried_and_a_5xx_fails_with_the_relays_words(mail_server, relay):
    async def scenario():
        async with Client(mail_server.base) as client:
            agent = await client.login(SUPPORT[0])
            ticket = await ticket_of(agent, await mail_server.send(mail(subject="Greylisted", sender="g@example.com"),
                                                                   mail_from="g@example.com"))
            relay.answer = "451 4.7.1 Greylisted, try again later"
            try:
                message_id = await reply(agent, ticket)
                retrying = await delivery(agent, ticket["id"], message_id, "retrying")
                assert retrying["reason"] == "451 4.7.1 Greylisted, try again later"
            finally:
                relay.answer = None
            await delivery(agent, ticket["id"], message_id, "sent")
            assert len(relay.mails_of(ticket)) == 1

            ticket = await ticket_of(agent, await mail_server.send(mail(subject="Unknown user", sender="u@example.com"),
                                                                   mail_from="u@example.com"))
            relay.answer = "550 5.1.1 <u@example.com>: user unknown"
            try:
                message_id = await reply(agent, ticket)
                failed = await delivery(agent, ticket["id"], message_id, "failed")
                assert failed["reason"] == "550 5.1.1 <u@example.com>: user unknown"
                refused = relay.refused
                await asyncio.sleep(0.4)
                assert relay.refused == refused, "a 5xx is not tried again"
            finally:
                relay.answer = None

    run(scenario())


def test_the_admins_outbox_lists_failed_replies_and_retries_them_once(mail_server, relay):
    async def scenario():
        async with Client(mail_server.base) as client:
            agent = await client.login(SUPPORT[0])
            admin = await client.login(ADMIN)
            ticket = await ticket_of(agent, await mail_server.send(mail(subject="Outbox", sender="o@example.com"),
                                                                   mail_from="o@example.com"))
            relay.answer = "554 5.7.1 Rejected"
            try:
                message_id = await reply(agent, ticket)
                await delivery(agent, ticket["id"], message_id, "failed")
            finally:
                relay.answer = None
            status, body = await agent.call("GET", "/api/mail/outbox?state=failed")
            assert status == 403, "admins only"
            status, body = await admin.call("GET", "/api/mail/outbox?state=failed")
            assert status == 200
            assert body["relay"] == f"127.0.0.1:{relay.port}" and body["domain"] == DOMAIN
            assert body["addresses"]["support"] == f"support@{DOMAIN}"
            [item] = [i for i in body["items"] if i["ticket"] == ticket["id"]]
            assert item["ref"] == ticket["ref"] and item["message"] == message_id and item["to"] == "o@example.com"
            assert item["subject"] == "Outbox", "the ticket's subject, for the admins' outbox"
            assert item["state"] == "failed" and item["reason"] == "554 5.7.1 Rejected" and item["attempts"] == 1
            status, body = await agent.call("POST", f"/api/mail/outbox/{item['id']}/retry")
            assert status == 403
            ws = await agent.socket()
            status, body = await admin.call("POST", f"/api/mail/outbox/{item['id']}/retry")
            assert status == 200, body
            queued = await event_of(ws, ticket["id"], "delivery_changed")
            assert queued["state"] == "queued" and queued["actor"] == admin.id
            await delivery(agent, ticket["id"], message_id, "sent")
            assert len(relay.mails_of(ticket)) == 1
            status, body = await admin.call("POST", f"/api/mail/outbox/{item['id']}/retry")
            assert status == 409, "only a failed reply is sent again"
            status, body = await admin.call("GET", "/api/mail/outbox?state=nonsense")
            assert status == 400
            await ws.close()

    run(scenario())


def test_an_undone_reply_is_never_mailed(mail_server, relay):
    async def scenario():
        await set_settings(mail_server.base, undo_send_secs=1)
        try:
            async with Client(mail_server.base) as client:
                agent = await client.login(SUPPORT[0])
                ticket = await ticket_of(agent, await mail_server.send(mail(subject="Undo", sender="undo@example.com"),
                                                                       mail_from="undo@example.com"))
                status, body = await agent.command(ticket["id"], type="reply", body="Oops", base_version=ticket["version"],
                                                   idempotency_key="undo-1")
                assert status == 200 and body["ticket"]["pending_reply"]
                status, body = await agent.command(ticket["id"], type="undo_send", idempotency_key="undo-1")
                assert status == 200
                status, body = await agent.command(ticket["id"], type="reply", body="The right answer",
                                                   base_version=body["ticket"]["version"], idempotency_key="undo-2")
                assert status == 200

                async def delivered():
                    t = await agent.ticket(ticket["id"])
                    return t["pending_reply"] is None and t["messages"][-1]["kind"] == "reply"
                assert await wait_until(delivered, timeout=5, every=0.05)
                message_id = (await agent.ticket(ticket["id"]))["messages"][-1]["id"]
                await delivery(agent, ticket["id"], message_id, "sent")
                bodies = [text_of(m) for m in relay.mails_of(ticket)]
                assert bodies == ["The right answer"], "the undone reply never reached the relay"
        finally:
            await set_settings(mail_server.base, undo_send_secs=0)

    run(scenario())


def _dsn(original, recipient, diagnostic, envelope_to):
    """A delivery status notification as MTAs send it (RFC 3464), quoting the bounced mail's headers."""
    headers = "".join(f"{k}: {v}\r\n" for k, v in original.items())
    text = (f"From: Mail Delivery System <MAILER-DAEMON@mx.example.com>\r\n"
            f"To: {envelope_to}\r\nSubject: Undelivered Mail Returned to Sender\r\n"
            f"Message-ID: {email.utils.make_msgid(domain='mx.example.com')}\r\n"
            f"Auto-Submitted: auto-replied\r\nMIME-Version: 1.0\r\n"
            f'Content-Type: multipart/report; report-type=delivery-status; boundary="b1"\r\n\r\n'
            f"--b1\r\nContent-Type: text/plain\r\n\r\nYour message could not be delivered.\r\n"
            f"--b1\r\nContent-Type: message/delivery-status\r\n\r\n"
            f"Reporting-MTA: dns; mx.example.com\r\n\r\n"
            f"Final-Recipient: rfc822; {recipient}\r\nAction: failed\r\nStatus: 5.1.1\r\n"
            f"Diagnostic-Code: smtp; {diagnostic}\r\n\r\n"
            f"--b1\r\nContent-Type: text/rfc822-headers\r\n\r\n{headers}\r\n--b1--\r\n")
    return text.encode()


def test_a_bounce_marks_the_reply_it_bounces_not_delivered(mail_server, relay):
    async def scenario():
        async with Client(mail_server.base) as client:
            agent = await client.login(SUPPORT[0])
            for how in ("bounce address", "message id"):
                customer = f"gone.{how[0]}@example.com"
                ticket = await ticket_of(agent, await mail_server.send(mail(subject=f"Bounce by {how}", sender=customer),
                                                                       mail_from=customer))
                message_id = await reply(agent, ticket)
                await delivery(agent, ticket["id"], message_id, "sent")
                [out] = relay.mails_of(ticket)
                [(envelope_from, _)] = relay.envelopes_of(ticket)
                to = envelope_from if how == "bounce address" else f"support@{DOMAIN}"
                dsn = _dsn(out, customer, "550 5.1.1 <%s>: Recipient address rejected: User unknown" % customer, to)
                code, text = await mail_server.send(dsn, mail_from="", rcpts=[to])
                assert code == 250 and "Bounce noted" in text, text
                failed = await delivery(agent, ticket["id"], message_id, "failed")
                assert failed["reason"] == f"550 5.1.1 <{customer}>: Recipient address rejected: User unknown"
                after = await agent.ticket(ticket["id"])
                assert after["message_count"] == 2, "a bounce is not a customer message"
                assert await mail_server.send(dsn, mail_from="", rcpts=[to]) == (250, "2.0.0 Already received")

    run(scenario())
