"""Every error the server sends says which one it is (`key`, `args`) besides its English words, so
the workspace can say it in the agent's language; the words are the core's table's, filled in."""
import re

from baton_client import ADMIN, SUPPORT, Client, run
from conftest import CORE_PATH, REPO
from server.core_loader import load_core

CORE = load_core(CORE_PATH)
# A key handed to one of server/errors.py's constructors: invalid(field, reason, "key", ...),
# forbidden("key"), not_found("key"), unauthorized("key"), ApiError(status, "key"). Keys are
# dotted; the server's field names are not.
KEY_ARGUMENT = re.compile(
    r'\b(?:invalid\([^()]*?|forbidden\(|not_found\(|unauthorized\(|ApiError\(\s*\d+,\s*)"([a-z][a-z0-9_]*\.[a-z0-9_.]+)"')


def assert_worded(error, key):
    """The error is `key`, in the English words of the core's table with its args filled in."""
    assert error["key"] == key, error
    code, english = CORE.error_text(key)
    assert error["message"] == CORE.fill_in(english, error["args"]), error
    assert all(isinstance(arg, str) for arg in error["args"]), error
    if key != "http.error":  # aiohttp's other errors keep the code of their status
        assert error["code"] == code, error


def test_every_key_the_server_words_is_in_the_cores_table():
    known = set(CORE.error_keys())
    used = set()
    for path in (REPO / "server").rglob("*.py"):
        used |= set(KEY_ARGUMENT.findall(path.read_text()))
    assert len(used) >= 30, sorted(used)  # the pattern still finds them
    assert used <= known, sorted(used - known)


def test_the_servers_own_errors_and_the_cores_rejections_carry_key_and_args(server):
    async def scenario():
        async with Client(server.base) as client:
            agent = await client.login(SUPPORT[0])
            tid = (await client.new_ticket("billing"))["id"]
            cases = [
                (client.call("GET", "/api/me"), 401, "auth.required", []),
                (client.call("POST", "/api/login", {"email": SUPPORT[0], "password": "nope"}), 401,
                 "auth.wrong_password", []),
                (client.call("POST", "/api/login", raw="{"), 400, "http.body_not_json", []),
                (agent.call("GET", "/api/nothing"), 404, "http.no_route", ["GET", "/api/nothing"]),
                (agent.call("PUT", "/api/me"), 405, "http.method_not_allowed", []),
                (agent.call("GET", "/api/tickets?view=sideways"), 400, "query.one_of",
                 ["view", "all, mine, unassigned, locked"]),
                (agent.call("GET", "/api/tickets?limit=0"), 400, "query.range", ["limit", "1", "500"]),
                (agent.call("GET", "/api/tickets/987654"), 404, "ticket.not_found", ["987654"]),
                (agent.call("GET", f"/api/tickets/{tid}"), 403, "department.not_member", ["billing"]),
                (agent.call("GET", "/api/report/collisions"), 403, "report.admin_only", []),
                (agent.call("POST", f"/api/tickets/{tid}/commands", {"type": "explode"}), 400,
                 "invalid.unknown_command", ["explode"]),
                (agent.call("POST", "/api/tickets/987654/commands", {"type": "lock"}), 404, "ticket.not_found",
                 ["987654"]),
                (agent.call("POST", "/api/login", raw="x" * (2 * 1024 * 1024)), 413, "http.body_too_large", []),
            ]
            for call, status, key, args in cases:
                got, answer = await call
                assert got == status, (key, answer)
                assert_worded(answer["error"], key)
                assert answer["error"]["args"] == args, answer

            admin = await client.login(ADMIN)
            status, answer = await admin.call("GET", "/api/report/collisions?from=2024-13-01")
            assert status == 400
            assert_worded(answer["error"], "report.bad_date")
            assert answer["error"]["args"] == ["from", "2024-13-01"]

    run(scenario())


def test_websocket_errors_are_worded_from_the_same_table(server):
    async def scenario():
        async with Client(server.base) as client:
            agent = await client.login(SUPPORT[1])
            billing = (await client.new_ticket("billing"))["id"]
            sock = await agent.socket()
            await sock.send(type="weather")
            error = (await sock.next("error"))["error"]
            assert_worded(error, "ws.unknown_type")
            await sock.send(type="view", ticket=billing)
            refused = await sock.next("error")
            assert refused["ticket"] == billing
            assert_worded(refused["error"], "department.not_member")
            assert refused["error"]["args"] == ["billing"]
            await sock.send(type="draft", ticket=billing, body="Hi", kind="reply", base_version=1)
            rejection = await sock.next("error")
            assert_worded(rejection["error"], "department.not_member")
            await sock.close()

    run(scenario())
