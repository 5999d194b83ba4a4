"""serve.py against the golden contract files (tests/contract/): a real server on loopback, the
scenario of contract_scenario.py, and for every file the golden request accepted as written (with
this run's ids) and an answer of exactly the golden shape (contract_shape.py); live messages
likewise over a real WebSocket."""
import asyncio
import json

import pytest

from conftest import ServerProcess
from contract_scenario import CONTRACT, Contract, golden_names, prepare_database, scenario
from contract_shape import shape_mismatch

NAMES = golden_names()
# What the workspace meets (docs/API.md): none of these files may go missing.
REQUIRED = {f"http/{n}" for n in (
    "login", "login-wrong-password", "logout", "me", "me-preferences", "me-preferences-invalid",
    "agents", "tickets-list-all", "tickets-list-mine",
    "tickets-list-unassigned", "tickets-list-locked", "tickets-list-search", "tickets-list-next-page",
    "tickets-list-last-page", "ticket", "ticket-not-found", "history", "command-lock", "command-reply-locked",
    "command-reply-stale", "command-conflict", "command-forbidden", "command-not-found", "command-invalid",
    "command-unauthorized", "settings-get", "settings-put", "report-collisions", "ticket-create",
    "inbound-new-ticket", "inbound-reply", "mail-outbox", "mail-outbox-retry-refused")} | {f"live/client/{n}" for n in (
    "hello-live", "hello-since", "view", "view-none", "draft", "renew", "ping")} | {f"live/server/{n}" for n in (
    "live", "presence", "draft", "draft-discarded", "digest", "draft-saved", "error-invalid", "error-ticket",
    "pong", "event-created", "event-customer-message", "event-replied", "event-note-added", "event-locked",
    "event-unlocked", "event-lock-renewed", "event-assigned", "event-status-changed", "event-urgency-changed",
    "event-lock-requested", "event-lock-request-declined", "event-lock-handed-over", "event-reply-queued",
    "event-send-undone")}


@pytest.fixture(scope="module")
def contract(new_database, tmp_path_factory):
    db = new_database()
    prepare_database(db)
    server = ServerProcess(db, demo=False, log_dir=tmp_path_factory.mktemp("contract")).start()
    try:
        return asyncio.run(asyncio.wait_for(scenario(server.base, Contract()), 90))
    finally:
        server.stop()


def test_the_golden_files_cover_the_contract():
    assert REQUIRED <= set(NAMES), sorted(REQUIRED - set(NAMES))
    for name in NAMES:
        golden = json.loads((CONTRACT / f"{name}.json").read_text())
        if name.startswith("http/"):
            assert set(golden) == {"request", "response"} and set(golden["request"]) == {"method", "path", "body"}
            assert set(golden["response"]) == {"status", "body"}
        else:
            assert isinstance(golden.get("type"), str), name
        assert shape_mismatch(golden, golden) is None


@pytest.mark.parametrize("name", NAMES)
def test_serve_py_answers_as_the_golden_file(contract, name):
    assert contract.problem(name) is None
