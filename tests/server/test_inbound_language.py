"""A customer who names no language gets a ticket in the language their text is written in (the
core tells it from the script: kana Japanese, hangul Korean, Han alone Chinese; else English), on
both stores, through POST /api/inbound and POST /api/tickets; a language given is kept."""
from baton_client import SUPPORT, Client, run

REQUESTER = {"name": "田中 花子", "email": "hanako@example.jp"}
CASES = [  # (subject, body, language given or None, the ticket's language)
    ("ボイラーから異音がします", "今朝からボイラーから異音がします。点検をお願いできますか。", None, "Japanese"),
    ("보일러에서 소리가 납니다", "아침부터 소리가 납니다.", None, "Korean"),
    ("热水器有异响", "今天早上开始有异响。", None, "Chinese"),
    ("Heat pump E42エラー", "Error code E42 が表示されています。", None, "Japanese"),
    ("My boiler is broken", "Since this morning. Regards, 田中 花子", None, "English"),
    ("Котёл шумит с утра", "Пишу вам с утра.", None, "English"),
    ("ボイラーから異音がします", "今朝から異音がします。", "German", "German"),
]


def test_an_inbound_ticket_without_a_language_is_in_the_language_of_its_script(server):
    async def scenario():
        async with Client(server.base) as client:
            agent = await client.login(SUPPORT[0])
            for subject, body, given, expected in CASES:
                fields = {"subject": subject, "requester": REQUESTER, "department": "support", "body": body}
                if given is not None:
                    fields["language"] = given
                status, answer = await client.inbound(fields)
                assert status == 201, answer
                assert answer["ticket"]["language"] == expected, subject
                created = next(e for e in answer["events"] if e["type"] == "created")
                assert created["language"] == expected, "the event stored says the same"
                stored = await agent.ticket(answer["ticket"]["id"])
                assert stored["language"] == expected, "and so does the ticket read back"

    run(scenario())


def test_an_agent_creating_a_ticket_without_a_language_gets_the_same_rule(server):
    async def scenario():
        async with Client(server.base) as client:
            agent = await client.login(SUPPORT[0])
            status, answer = await agent.call("POST", "/api/tickets", {
                "subject": "보일러에서 소리가 납니다", "requester": {"name": "김민준", "email": "minjun@example.kr"},
                "department": "support", "body": "어제부터 온수가 나오지 않습니다."})
            assert status == 201, answer
            assert answer["ticket"]["language"] == "Korean"
            status, answer = await agent.call("POST", "/api/tickets", {
                "subject": "보일러", "requester": {"name": "김민준", "email": "minjun@example.kr"},
                "department": "support", "body": "온수", "language": 7})
            assert status == 400 and answer["error"]["field"] == "language", "a language of the wrong type is still refused"

    run(scenario())
