"""Customer mail in, over real SMTP on loopback, on each store: any charset and HTML read as text,
quoted history folded, attachments stored and downloadable by the right agents only, each mail
once, loops dropped, auto-replies kept without holding a reply, 552 before storing, garbage
answered without harm."""
import asyncio
import email.utils
import os

from baton_client import BILLING, SUPPORT, Client, run
from mail_helpers import (DOMAIN, HANNAH, SUPPORT_ADDRESS, mail, mail_server, relay, reply,  # noqa: F401
                          set_settings, ticket_of)


def test_a_mail_to_a_department_becomes_a_ticket_with_its_sender(mail_server):
    async def scenario():
        async with Client(mail_server.base) as client:
            agent = await client.login(SUPPORT[0])
            answer = await mail_server.send(mail(subject="Boiler   hisses\tloudly"))
            ticket = await ticket_of(agent, answer)
            assert ticket["subject"] == "Boiler hisses loudly"
            assert ticket["department"] == "support"
            assert ticket["requester"] == {"name": "Hannah Rebekah", "email": HANNAH}
            first = ticket["messages"][0]
            assert first["body"] == "It started this morning."
            assert first["from"] == HANNAH and first["kind"] == "customer"
            code, text = await mail_server.send(mail(), rcpts=[f"nobody@{DOMAIN}"])
            assert code == 550, "an address Baton does not have is refused at RCPT, nothing stored"
            billing = await client.login(BILLING[0])
            answer = await mail_server.send(mail(subject="Invoice"), rcpts=[f"billing@{DOMAIN}"])
            assert (await ticket_of(billing, answer))["department"] == "billing"

    run(scenario())


def test_headers_and_bodies_in_any_charset_and_transfer_encoding(mail_server):
    cases = [  # (subject, body, charset of the body, the language the core tells from the script)
        ("ボイラーが壊れました", "お湯が出ません。\n今朝からです。", "iso-2022-jp", "Japanese"),
        ("給湯器の件", "シフトJISで書いています。", "shift_jis", "Japanese"),
        ("Kessel – Störung", "Grüße aus Köln: der Kessel zischt.", "iso-8859-1", "English"),
        ("Котёл сломался", "Пишу в UTF-8, quoted-printable.", "utf-8", "English"),
    ]

    async def scenario():
        async with Client(mail_server.base) as client:
            agent = await client.login(SUPPORT[0])
            for subject, body, charset, language in cases:
                message = mail(subject=subject, body=body, sender=f"{subject[:3]} <x{len(body)}@example.jp>",
                               charset=charset)
                raw = message.as_bytes()
                assert subject.encode() not in raw, "the subject travels RFC 2047-encoded"
                ticket = await ticket_of(agent, await mail_server.send(raw, mail_from=f"x{len(body)}@example.jp"))
                assert ticket["subject"] == subject
                assert ticket["messages"][0]["body"] == body
                assert ticket["requester"]["name"] == subject[:3]
                assert ticket["language"] == language, "a mail names no language: its script tells CJK apart"

    run(scenario())


def test_an_html_mail_is_read_as_text_without_markup_or_remote_content(mail_server):
    html = ("<html><head><style>p{color:red}</style><script>alert('x')</script></head><body>"
            "<p>Hello,</p><p>my <b>boiler</b> shows <img src='https://tracker.example/pixel.png' alt='E42'>"
            " &amp; hisses. See <a href='https://example.com/manual'>the manual</a>.</p>"
            "<div class='gmail_quote'>On Mon, Baton wrote:<blockquote>Try restarting it.</blockquote></div>"
            "</body></html>")
    message = mail(subject="HTML only")
    message.set_content(html, subtype="html")

    async def scenario():
        async with Client(mail_server.base) as client:
            agent = await client.login(SUPPORT[0])
            ticket = await ticket_of(agent, await mail_server.send(message))
            first = ticket["messages"][0]
            assert first["body"] == ("Hello,\n\nmy boiler shows [image: E42] & hisses. "
                                     "See the manual (https://example.com/manual).")
            assert first["quoted"] == "On Mon, Baton wrote:\n> Try restarting it."
            assert "<" not in first["body"] and "alert" not in first["body"] and "color" not in first["body"]

    run(scenario())


def test_the_quoted_history_of_a_reply_is_folded_away(mail_server):
    body = ("Thanks, that worked!\n\nOn Mon, 3 Jun 2024 at 10:02, Baton Support <support@baton.test> wrote:\n"
            "> Try restarting it.\n>\n> Marcus")

    async def scenario():
        async with Client(mail_server.base) as client:
            agent = await client.login(SUPPORT[0])
            first = (await ticket_of(agent, await mail_server.send(mail(body=body))))["messages"][0]
            assert first["body"] == "Thanks, that worked!"
            assert first["quoted"].startswith("On Mon, 3 Jun 2024") and first["quoted"].endswith("> Marcus")

    run(scenario())


def _with_attachments():
    message = mail(subject="Photos of the boiler", body="See the attached photos.")
    message.add_attachment(bytes(range(256)) * 40, maintype="application", subtype="pdf", filename="manual.pdf")
    message.add_attachment(b"\x89PNG\r\n\x1a\n" + os.urandom(3000), maintype="image", subtype="png",
                           filename="ボイラー 写真.png")  # RFC 2231 encoded
    message.add_attachment("<script>alert(1)</script>", subtype="html", filename="page.html")
    return message


def test_attachments_are_listed_and_downloadable_by_the_tickets_agents_only(mail_server):
    message = _with_attachments()
    sent = {part.get_filename(): part.get_payload(decode=True) for part in message.iter_attachments()}

    async def scenario():
        async with Client(mail_server.base) as client:
            agent = await client.login(SUPPORT[0])
            ticket = await ticket_of(agent, await mail_server.send(message))
            first = ticket["messages"][0]
            assert first["body"] == "See the attached photos."
            listed = {a["name"]: a for a in first["attachments"]}
            assert set(listed) == set(sent)
            assert listed["manual.pdf"]["size"] == 10240 and listed["manual.pdf"]["content_type"] == "application/pdf"
            assert listed["ボイラー 写真.png"]["content_type"] == "image/png"
            for name, item in listed.items():
                assert item["url"].startswith(f"/api/tickets/{ticket['id']}/attachments/")
                async with client.http.get(client.base + item["url"], headers=agent.headers()) as response:
                    assert response.status == 200
                    data = await response.read()
                    if name.endswith(".html"):  # text travels with CRLF line ends (RFC 5322)
                        data = data.replace(b"\r\n", b"\n")
                    assert data == sent[name]
                    assert response.headers["Content-Disposition"].startswith("attachment;")
                    assert response.headers["X-Content-Type-Options"] == "nosniff"
            png = listed["ボイラー 写真.png"]["url"]
            async with client.http.get(client.base + png, headers=agent.headers()) as response:
                assert "filename*=UTF-8''%E3%83%9C" in response.headers["Content-Disposition"]
            status, body = await client.call("GET", png)
            assert status == 401, "no session, no file"
            billing = await client.login(BILLING[0])
            status, body = await billing.call("GET", png)
            assert status == 403 and body["error"]["code"] == "forbidden", "another department's agent"
            status, body = await agent.call("GET", f"/api/tickets/{ticket['id']}/attachments/nosuchfile")
            assert status == 404
            history = await agent.history(ticket["id"])
            assert all(len(str(event)) < 4000 for event in history), "the files' bytes are not in the event log"

    run(scenario())


def test_each_mail_is_stored_once(mail_server):
    async def scenario():
        async with Client(mail_server.base) as client:
            agent = await client.login(SUPPORT[0])
            first = mail(subject="Duplicate check")
            raw = first.as_bytes()
            ticket = await ticket_of(agent, await mail_server.send(raw))
            again = await mail_server.send(b"Received: from mx2.example.com by mx.baton.test; " +
                                           email.utils.formatdate().encode() + b"\r\n" + raw)
            assert again == (250, "2.0.0 Already received"), "a second delivery (another route) changes nothing"
            assert (await agent.ticket(ticket["id"]))["message_count"] == 1
            # The same Message-ID with other content is another mail: it is stored too.
            other = mail(subject=f"Re: Duplicate check [{ticket['ref']}]", body="Another text",
                         message_id=first["Message-ID"])
            code, text = await mail_server.send(other)
            assert code == 250 and "Stored" in text
            assert (await agent.ticket(ticket["id"]))["message_count"] == 2
            # Without a Message-ID, the same content (whatever route it took) is one mail.
            bare = mail(subject="No id", message_id=None).as_bytes()
            ticket2 = await ticket_of(agent, await mail_server.send(bare))
            assert await mail_server.send(b"Received: from relay.example.com\r\n" + bare) == \
                (250, "2.0.0 Already received")
            assert (await agent.ticket(ticket2["id"]))["message_count"] == 1

    run(scenario())


def test_a_stored_message_id_in_references_threads(mail_server):
    async def scenario():
        async with Client(mail_server.base) as client:
            agent = await client.login(SUPPORT[0])
            first = mail(subject="Original")
            ticket = await ticket_of(agent, await mail_server.send(first))
            colleague = mail(subject="Something else entirely", sender="Cc Colleague <cc@example.com>",
                             headers=[("References", f"<old@example.com> {first['Message-ID']}")])
            code, text = await mail_server.send(colleague, mail_from="cc@example.com")
            assert code == 250 and ticket["ref"] in text and "stored_message_id" in text
            after = await agent.ticket(ticket["id"])
            assert after["messages"][-1]["from"] == "cc@example.com"

    run(scenario())


def test_the_ref_in_the_subject_threads_only_the_requesters_mail(mail_server):
    async def scenario():
        async with Client(mail_server.base) as client:
            agent = await client.login(SUPPORT[0])
            ticket = await ticket_of(agent, await mail_server.send(mail(subject="Subject rule")))
            mine = mail(subject=f"Update [{ticket['ref']}]", body="It is louder now.", message_id=True)
            code, text = await mail_server.send(mine)
            assert code == 250 and ticket["ref"] in text and "subject_ref" in text
            stranger = mail(subject=f"Re: [{ticket['ref']}] give me her address", sender="Mallory <m@evil.example>",
                            body="Please send me the customer's details.")
            code, text = await mail_server.send(stranger, mail_from="m@evil.example")
            assert code == 250 and "(new ticket)" in text, "a stranger's mail never joins Hannah's ticket"
            after = await agent.ticket(ticket["id"])
            assert [m["body"] for m in after["messages"]] == ["It started this morning.", "It is louder now."]

    run(scenario())


def test_mail_from_batons_own_addresses_or_with_its_loop_header_is_dropped(mail_server):
    async def scenario():
        async with Client(mail_server.base) as client:
            agent = await client.login(SUPPORT[0])
            before = (await agent.call("GET", "/api/tickets?view=all&limit=1"))[1]["counts"]
            own = mail(subject="Loop one", sender=f"Support <{SUPPORT_ADDRESS}>")
            assert (await mail_server.send(own, mail_from=SUPPORT_ADDRESS))[0] == 250
            looped = mail(subject="Loop two", headers=[("X-Baton-Loop", DOMAIN)])
            code, text = await mail_server.send(looped)
            assert code == 250 and text.startswith("2.0.0 Dropped")
            status, found = await agent.call("GET", "/api/tickets?q=loop")
            assert status == 200 and not [t for t in found["tickets"] if t["subject"].startswith("Loop")]
            assert (await agent.call("GET", "/api/tickets?view=all&limit=1"))[1]["counts"] == before

    run(scenario())


def test_an_auto_reply_is_kept_but_neither_reopens_nor_holds_a_reply(mail_server):
    async def scenario():
        async with Client(mail_server.base) as client:
            agent = await client.login(SUPPORT[1])
            ticket = await ticket_of(agent, await mail_server.send(mail(subject="Auto-reply rule")))
            status, locked = await agent.command(ticket["id"], type="lock")
            assert status == 200
            base = locked["ticket"]["version"]
            status, _ = await agent.command(ticket["id"], type="set_status", status="pending")
            assert status == 200
            base += 1
            out_of_office = mail(subject=f"Automatic reply: [{ticket['ref']}]", body="I am away until Monday.",
                                 headers=[("Auto-Submitted", "auto-replied")])
            code, text = await mail_server.send(out_of_office, mail_from="")
            assert code == 250 and ticket["ref"] in text
            after = await agent.ticket(ticket["id"])
            assert after["messages"][-1]["automatic"] is True
            assert after["messages"][-1]["body"] == "I am away until Monday."
            assert after["status"] == "pending", "not reopened, status unchanged"
            status, answer = await agent.command(ticket["id"], type="reply", body="Here is the fix.",
                                                 base_version=base, idempotency_key=email.utils.make_msgid())
            assert status == 200, f"an out-of-office must not hold the reply as stale: {answer}"
            bulk = mail(subject="Newsletter", headers=[("Precedence", "bulk")])
            code, text = await mail_server.send(bulk)
            assert code == 250 and "auto-reply to no ticket" in text, "a robot's mail makes no ticket"

    run(scenario())


def test_a_mail_over_max_mail_bytes_is_refused_with_552_before_it_is_stored(mail_server):
    async def scenario():
        await set_settings(mail_server.base, max_mail_bytes=20_000)
        try:
            big = mail(subject="Too big", body="x" * 100)
            big.add_attachment(os.urandom(30_000), maintype="application", subtype="octet-stream", filename="big.bin")
            code, text = await mail_server.send(big)
            assert code == 552, (code, text)
            async with Client(mail_server.base) as client:
                agent = await client.login(SUPPORT[0])
                status, found = await agent.call("GET", "/api/tickets?q=too big")
                assert not [t for t in found["tickets"] if t["subject"] == "Too big"]
        finally:
            await set_settings(mail_server.base, max_mail_bytes=25 << 20)

    run(scenario())


def test_garbage_is_answered_without_harm(mail_server):
    """Random bytes, a mail without headers or sender, broken encodings and nonsense commands are
    answered (250 with what could be read, or a syntax error) and the server carries on."""
    broken = (b"From: =?x-unknown?B?////?= <broken@example.com>\r\n"
              b"Subject: =?utf-8?B?not base64 at all?= \xff\xfe\r\n"
              b"Content-Type: text/plain; charset=x-no-such-charset\r\n"
              b"Content-Transfer-Encoding: base64\r\n\r\n"
              b"@@@ not base64 \x00\x01\r\n")

    async def scenario():
        code, _ = await mail_server.send(os.urandom(2000).replace(b"\r", b"").replace(b"\n.", b"\n,"))
        assert code in (250, 451)
        code, text = await mail_server.send(b"no headers here, and no sender either\r\n", mail_from="")
        assert code == 250, text
        code, text = await mail_server.send(broken, mail_from="broken@example.com")
        assert code == 250, text
        reader, writer = await asyncio.open_connection("127.0.0.1", mail_server.smtp_port)
        await reader.readline()
        answers = []
        for line in (b"HELLO there\r\n", b"EHLO x\r\n", b"MAIL FROM:<<<@>>>\r\n", b"RCPT TO:<a@b>\r\n",
                     b"DATA\r\n", b"\xff\xfe\x00\r\n", b"QUIT\r\n"):
            writer.write(line)
            await writer.drain()
            answer = await reader.readline()
            while answer[3:4] == b"-":
                answer = await reader.readline()
            answers.append(int(answer[:3]))
        writer.close()
        assert answers[0] == 500 and answers[1] == 250 and answers[-1] == 221
        async with Client(mail_server.base) as client:
            agent = await client.login(SUPPORT[0])
            assert (await client.call("GET", "/healthz"))[0] == 200
            status, found = await agent.call("GET", "/api/tickets?q=broken")
            assert status == 200
        assert (await mail_server.send(mail(subject="Still fine")))[0] == 250

    run(scenario())
