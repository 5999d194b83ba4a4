#!/usr/bin/python3
"""Writes the seed corpus of the decoder fuzzers (tests/fuzz/corpus/<decoder>/) from the demo
helpdesk: real commands, events, tickets, settings and the directory, as the server stores them,
and error answers (the core's rejections of commands on the demo's tickets, the server's own).

    /usr/bin/python3 tests/fuzz/make_corpus.py [--core-path build/debug/python]

The fuzzers only add to a scratch folder when run by scripts/test.sh; rerun this to refresh the seeds.
"""
import argparse
import hashlib
import json
import sys
import tempfile
from pathlib import Path

REPO = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(REPO))

from server import demo_data  # noqa: E402
from server.core_loader import load_core  # noqa: E402
from server.errors import ApiError, invalid, not_found, rejection_body, unauthorized  # noqa: E402
from server.services import build_baton  # noqa: E402
from server.store import open_store  # noqa: E402

COMMANDS = [
    {"type": "lock"}, {"type": "unlock"}, {"type": "renew"}, {"type": "take"}, {"type": "unassign"},
    {"type": "assign", "agent": 2}, {"type": "note", "body": "Called the customer"},
    {"type": "reply", "body": "On my way", "base_version": 3, "idempotency_key": "r-1"},
    {"type": "draft", "body": "Dear Hannah, the part", "kind": "reply", "base_version": 2},
    {"type": "discard_draft"}, {"type": "set_status", "status": "resolved"},
    {"type": "set_urgency", "urgency": 7}, {"type": "receive", "body": "Thanks!"},
    {"type": "create", "subject": "Boiler broken", "department": "support", "body": "It is cold",
     "requester": {"name": "Hannah Rebekah", "email": "hannah@example.com"}, "organization": "221B",
     "language": "English", "urgency": 5},
    {"type": "release", "reason": "disconnected", "offline_since": 1700000000000},
    {"type": "release", "reason": "idle"}, {"type": "request_lock", "reason": "urgent callback"},
    {"type": "answer_lock_request", "hand_over": False, "reason": "nearly done"},
    {"type": "undo_send", "idempotency_key": "r-1"}, {"type": "deliver_reply"},
    {"type": "receive", "body": "Photo attached", "from": "hannah@example.com", "quoted": "> You wrote:",
     "attachments": [{"name": "boiler 写真.jpg", "size": 48213, "content_type": "image/jpeg",
                      "url": "/api/tickets/1/attachments/9f2c"}]},
    {"type": "receive", "body": "Out of office", "automatic": True},
    {"type": "record_delivery", "message": 3, "state": "retrying", "reason": "mail server unreachable"},
    {"type": "retry_delivery", "message": 3},
]

# Events of the collision features, which the demo's history does not produce.
EVENTS = [
    {"seq": 9, "ticket": 1, "type": "lock_requested", "actor": 4, "at": 1700000000000, "version": 5,
     "requester": 4, "holder": 3, "reason": "urgent callback"},
    {"seq": 10, "ticket": 1, "type": "lock_request_declined", "actor": 3, "at": 1700000001000, "version": 6,
     "requester": 4, "reason": "nearly done"},
    {"seq": 11, "ticket": 1, "type": "lock_handed_over", "actor": 0, "at": 1700000002000, "version": 7,
     "from": 3, "to": 4, "expires_at": None, "automatic": True},
    {"seq": 12, "ticket": 1, "type": "reply_queued", "actor": 4, "at": 1700000003000, "version": 8,
     "pending": {"author": 4, "body": "On my way", "idempotency_key": "r-2", "base_version": 7,
                 "queued_at": 1700000003000, "deliver_at": 1700000013000}},
    {"seq": 13, "ticket": 1, "type": "send_undone", "actor": 4, "at": 1700000004000, "version": 9,
     "idempotency_key": "r-2", "draft": {"author": 4, "kind": "reply", "body": "On my way", "base_version": 7,
                                         "updated_at": 1700000004000}},
    {"seq": 14, "ticket": 1, "type": "locked", "actor": 4, "at": 1700000005000, "version": 10,
     "holder": 4, "expires_at": None, "reason": "typing"},
    # Mail (docs/MAIL.md)
    {"seq": 15, "ticket": 1, "type": "customer_message", "actor": 0, "at": 1700000006000, "version": 11,
     "message": {"id": 3, "kind": "customer", "agent": None, "body": "Out of office", "at": 1700000006000,
                 "from": "hannah@example.com", "automatic": True, "quoted": "> On Monday you wrote:",
                 "attachments": [{"name": "a.pdf", "size": 10, "content_type": "application/pdf",
                                  "url": "/api/tickets/1/attachments/9f2c"}]}},
    {"seq": 16, "ticket": 1, "type": "replied", "actor": 4, "at": 1700000007000, "version": 12,
     "message": {"id": 4, "kind": "reply", "agent": 4, "body": "On my way", "at": 1700000007000,
                 "delivery": {"state": "queued", "to": "hannah@example.com", "reason": "", "at": 1700000007000}},
     "idempotency_key": "r-3"},
    {"seq": 17, "ticket": 1, "type": "delivery_changed", "actor": 0, "at": 1700000008000, "version": 13,
     "message": 4, "state": "failed", "reason": "550 5.1.1 user unknown"},
]

# The server's own errors (docs/API.md), with args where their words take some.
SERVER_ERRORS = [unauthorized(), not_found("http.no_route", "GET", "/api/nothing"),
                 ApiError(405, "http.method_not_allowed"), ApiError(500, "server.internal"),
                 invalid("limit", "value", "query.range", "limit", 1, 500)]

# Settings with the mail's own (not in the demo's defaults).
MAIL_SETTINGS = {"max_mail_bytes": 1048576, "mail_addresses": {"support": "help@example.com"}}


def write(folder, texts):
    folder.mkdir(parents=True, exist_ok=True)
    for text in texts:
        data = text.encode()
        (folder / hashlib.sha1(data).hexdigest()[:16]).write_bytes(data)


def error_answers(core, baton, tickets):
    """{"error": ...} as the server answers: refusals of the core (each code) and its own errors."""
    answers, codes = [], set()
    actors = [core.Actor.system()] + [baton.config.actor(a.id) for a in baton.config.agents.values()]
    for ticket in tickets[:6]:
        for fields in COMMANDS:
            command = core.Command.parse(json.dumps(fields), 1 << 20)
            if isinstance(command, core.Rejection):
                answers.append(rejection_body(command))
                continue
            for actor in actors[:4]:
                result = core.decide(ticket, command, actor, baton.clock.now(), baton.config.settings,
                                     baton.config.directory)
                if isinstance(result, core.Rejection) and (result.code not in codes or len(answers) < 40):
                    codes.add(result.code)
                    answers.append(rejection_body(result))
    answers += [error.body(core) for error in SERVER_ERRORS]
    return [json.dumps({"error": body}, ensure_ascii=False) for body in answers]


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--core-path", default=str(REPO / "build/debug/python"))
    args = parser.parse_args()
    corpus = REPO / "tests/fuzz/corpus"
    with tempfile.TemporaryDirectory() as tmp:
        store = open_store(Path(tmp) / "demo.sqlite3")
        baton = build_baton(load_core(args.core_path), store, "fuzz")
        demo_data.load(baton, baton.clock.now(), tickets=40)
        tickets = [t.to_json() for t in list(baton.tickets.by_id.values())[:12]]
        errors = error_answers(baton.core, baton, list(baton.tickets.by_id.values()))
        events, seen = [], set()
        for row in store.events_after(0):
            if row.type not in seen or len(events) < 30:
                seen.add(row.type)
                events.append(row.json)
        directory = json.dumps([a.public() for a in baton.config.agents.values()])
        settings = baton.config.settings.to_json()
        store.close()
    write(corpus / "command", [json.dumps(c) for c in COMMANDS])
    write(corpus / "event", events[:30] + [json.dumps(e) for e in EVENTS])
    write(corpus / "ticket", tickets)
    write(corpus / "settings", [settings, json.dumps({**json.loads(settings), "auto_assign": True}),
                                json.dumps(MAIL_SETTINGS)])
    write(corpus / "directory", [directory, "[]"])
    write(corpus / "error", errors)
    print(f"corpus written to {corpus}")


if __name__ == "__main__":
    main()
