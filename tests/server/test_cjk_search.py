"""The ticket list's search inside Chinese, Japanese and Korean text, which has no spaces between
words: any run of characters of a subject, a requester's name or a body is found, with 1, 2, 3 or
more characters, on both stores; Latin words are still found by their prefix only."""
import json
import sqlite3
import unicodedata
from urllib.parse import quote

from baton_client import SUPPORT, Client, run
from conftest import CORE_PATH

TICKETS = {
    "ja": {"subject": "ボイラーから異音がします", "requester": {"name": "田中 花子", "email": "hanako@example.jp"},
           "body": "昨日から変な音がして、お湯が出ません。"},
    "ko": {"subject": "보일러에서 소리가 납니다", "requester": {"name": "김민준", "email": "minjun@example.kr"},
           "body": "어제부터 온수가 나오지 않습니다."},
    "zh": {"subject": "锅炉发出奇怪的噪音", "requester": {"name": "王小明", "email": "xiaoming@example.cn"},
           "body": "從昨天開始沒有熱水。客戶編號4243。"},
    "mixed": {"subject": "Heat pump E42エラー", "requester": {"name": "Yuki Tanaka", "email": "yuki@example.jp"},
              "body": "Error code E42 が表示されています。"},
    # 異 and 音が, but never 異音 or 異音が
    "decoy": {"subject": "異常な音がする", "requester": {"name": "Sato Ren", "email": "ren@example.jp"},
              "body": "Strange noise from the boiler room."},
}
QUERIES = [  # (q, the tickets it finds among these)
    ("異音", {"ja"}), ("異", {"ja", "decoy"}), ("異音が", {"ja"}), ("音が", {"ja", "decoy"}),
    ("ボイラ", {"ja"}), ("します", {"ja"}), ("から異音", {"ja"}), ("音異", set()), ("異音がする", set()),
    ("田中", {"ja"}), ("花", {"ja"}), ("お湯", {"ja"}), ("変な音がして", {"ja"}),
    ("소리", {"ko"}), ("리가", {"ko"}), ("소", {"ko"}), ("보일러에서 납니다", {"ko"}), ("온수", {"ko"}),
    ("김민준", {"ko"}), ("민", {"ko"}), ("소리 없다", set()),
    ("噪音", {"zh"}), ("奇怪的噪", {"zh"}), ("锅", {"zh"}), ("熱水", {"zh"}), ("王小明", {"zh"}), ("小", {"zh"}),
    ("4243", {"zh"}), ("編號", {"zh"}),
    ("e42", {"mixed"}), ("E42エラー", {"mixed"}), ("エラー", {"mixed"}), ("表示", {"mixed"}),
    ("heat エラー", {"mixed"}), ("yuki", {"mixed"}), ("tanaka 異音", set()),
    ("boil", {"decoy"}), ("oiler", set()), ("nois", {"decoy"}), ("room strange", {"decoy"}),
]


def test_cjk_words_are_found_anywhere_and_latin_words_by_prefix(server):
    async def scenario():
        async with Client(server.base) as client:
            agent = await client.login(SUPPORT[0])
            made = {}
            for key, fields in TICKETS.items():
                status, answer = await client.inbound({**fields, "department": "support"})
                assert status == 201, answer
                made[answer["ticket"]["id"]] = key
            for q, expected in QUERIES:
                status, page = await agent.call("GET", f"/api/tickets?limit=500&q={quote(q)}")
                assert status == 200, page
                assert {made[t["id"]] for t in page["tickets"] if t["id"] in made} == expected, q
            # Through the pages of a view too: one per page.
            status, first = await agent.call("GET", f"/api/tickets?limit=1&q={quote('音が')}")
            status, second = await agent.call("GET", f"/api/tickets?limit=1&q={quote('音が')}&after={first['next']}")
            assert {made.get(first["tickets"][0]["id"]), made.get(second["tickets"][0]["id"])} == {"ja", "decoy"}

    run(scenario())


def _old_search_text(ticket_json):
    """What version 3 of the SQLite store indexed: whole words, CJK runs as one word, and every
    mark dropped after NFKD (kana voicing, Hangul as jamo)."""
    import re
    ticket = json.loads(ticket_json)
    parts = [ticket["ref"], ticket["subject"], ticket["organization"], ticket["requester"]["name"],
             ticket["requester"]["email"]] + [m["body"][:1000] for m in ticket["messages"]]
    folded = "".join(c for c in unicodedata.normalize("NFKD", " ".join(parts).lower()) if not unicodedata.combining(c))
    return " " + " ".join(re.findall(r"[^\W_]+", folded)) + " "


def test_a_database_indexed_before_cjk_search_is_indexed_again_on_start(new_database, store_kind):
    from server.commands.creation import create_ticket
    from server.core_loader import load_core
    from server.services import build_baton
    from server.store import open_store

    db = new_database()
    store = open_store(db)
    baton = build_baton(load_core(CORE_PATH), store, "k")
    for key in ("ja", "ko", "decoy"):
        command = baton.core.Command.parse(json.dumps({"type": "create", "department": "support", **TICKETS[key]}),
                                           100_000)
        create_ticket(baton.commands, command, baton.system)
    assert [p[1] for p in store.search(["異音"], None, ["support"], 10)] == [1]
    store.close()
    if store_kind == "postgresql":  # back to version 3: the tsvectors without the CJK pairs
        import psycopg
        with psycopg.connect(db, autocommit=True) as conn:
            conn.execute("UPDATE tickets SET search = to_tsvector('simple', baton_search_text(json::jsonb)); "
                         "UPDATE baton_schema SET version = 3")
    else:
        with sqlite3.connect(db) as conn:
            conn.create_function("old_text", 1, _old_search_text)
            conn.execute("DELETE FROM ticket_search")
            conn.execute("INSERT INTO ticket_search (rowid, text) SELECT rowid, old_text(json) FROM "
                         "(SELECT (((2199023255551 - (updated_at - 1577836800000)) << 22) | (4194303 - id)) "
                         "AS rowid, json FROM tickets)")
            conn.execute("PRAGMA user_version = 3")
            assert conn.execute("SELECT count(*) FROM ticket_search WHERE ticket_search MATCH '\"異音\"'").fetchone() == (0,)
    store = open_store(db)
    try:
        for words, expected in ((["異音"], [1]), (["리가"], [2]), (["音が"], [3, 1]), (["boil"], [3])):
            assert [p[1] for p in store.search(words, None, ["support"], 10)] == expected, words
    finally:
        store.close()


def test_every_search_strategy_finds_cjk_words_as_reading_every_ticket_does(new_database, store_kind, monkeypatch):
    """With a tiny sample the stores take each path of `search` (the sample fills the page; the
    rarest word's index, of pairs or of one character; reading on in list order) for CJK words of
    1, 2 and 3+ characters, common and rare: all agree with a plain substring scan."""
    from server.commands.creation import create_ticket
    from server.core_loader import load_core
    from server.services import build_baton
    from server.store import open_store
    from server.store import postgres as postgres_store
    from server.store import sqlite as sqlite_store

    module = postgres_store if store_kind == "postgresql" else sqlite_store
    monkeypatch.setattr(module, "SEARCH_SAMPLE", 5)
    monkeypatch.setattr(module, "SEARCH_RARE", 0.2)
    if store_kind == "postgresql":  # pages that a short read in list order fills, and those it does not
        monkeypatch.setattr(module, "SEARCH_READ_MAX", 2)
    store = open_store(new_database())
    try:
        baton = build_baton(load_core(CORE_PATH), store, "k")
        texts = {}
        for i in range(60):
            subject = "ボイラーから" + ("異音" if i % 7 == 0 else "水漏れ") + ("がします" if i % 2 else "です") + \
                      (" 소리가 납니다" if i % 3 == 0 else " 온수") + (" 锅炉噪音" if i == 41 else "")
            command = baton.core.Command.parse(json.dumps({
                "type": "create", "subject": subject, "department": "support", "body": f"本文 {i}",
                "requester": {"name": "田中", "email": "t@example.jp"}}), 100_000)
            ticket_id = create_ticket(baton.commands, command, baton.system).steps[0].ticket_id
            texts[ticket_id] = f"{subject} 本文 {i} 田中"
        order = [e for e in baton.tickets.newest_first() if e.department == "support"]

        def expected(words, after=None):
            return [e[:2] for e in order if (after is None or e[:2] < after) and all(w in texts[e.id] for w in words)]

        for words in (["ボイラー"], ["異音"], ["異"], ["異音が"], ["锅炉噪音"], ["噪"], ["水漏れです"], ["소리"],
                      ["리"], ["異音", "소리가"], ["がします", "온수"], ["異音です"], ["音異"], ["本文"]):
            for count in (3, 100):
                assert store.search(words, None, ["support"], count) == expected(words)[:count], (words, count)
            cursor = order[10][:2]
            assert store.search(words, cursor, ["support"], 100) == expected(words, cursor), words
        mine = [e[:2] for e in order[:20]]
        assert store.search(["異音"], None, ["support"], 100, among=mine) == [p for p in expected(["異音"]) if p in mine]
    finally:
        store.close()
