"""The situations of the golden contract files (tests/contract/): a helpdesk on a real serve.py,
and one scenario that makes each file's situation, sends each golden request (and live client
message) and reads each live server message. test_contract.py checks serve.py against the files;
run this file to capture them from a real run (on SQLite, into tests/contract/):

    /usr/bin/python3 tests/server/contract_scenario.py                   # every file
    /usr/bin/python3 tests/server/contract_scenario.py http/ticket live/server/digest   # these

Capturing writes only the files named (all without names); the others are checked meanwhile.
"""
import asyncio
import datetime
import json
import re
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))
from baton_client import PASSWORD, Agent, Client  # noqa: E402
from conftest import INBOUND_KEY, REPO  # noqa: E402
from contract_shape import shape_mismatch  # noqa: E402

CONTRACT = REPO / "tests/contract"
GATEWAY = "gateway"  # the caller of /api/inbound: the mail gateway's key
AGENTS = [("Alesia Burvin", "alesia@baton.test", "admin", ["support", "billing"]),
          ("Marcus Lindqvist", "marcus@baton.test", "agent", ["support"]),
          ("Priya Raman", "priya@baton.test", "agent", ["support"]),
          ("Jonas Weber", "jonas@baton.test", "agent", ["billing"])]
MISSING = 999_999  # a ticket id nobody has
HANNAH = {"name": "Hannah Rebekah", "email": "hannah@example.com"}


def golden_names():
    """Every golden file, as "http/ticket" (its path under tests/contract/ without .json)."""
    return sorted(str(p.relative_to(CONTRACT).with_suffix("")) for p in CONTRACT.rglob("*.json"))


def prepare_database(db):
    """The scenario's agents (no demo data: every ticket is the scenario's)."""
    from server.api.auth import hash_password
    from server.store import open_store
    store = open_store(db)
    try:
        password_hash = hash_password(PASSWORD)
        for name, email, role, departments in AGENTS:
            store.add_agent(name, email, role, departments, password_hash)
    finally:
        store.close()


def substitute(request, ticket=None, ref=None, after=None, day=None, outbox=None):
    """The golden request with this run's ids (tests/contract/README.md says which)."""
    path, body = request["path"], request["body"]
    if outbox is not None:
        path = re.sub(r"^/api/mail/outbox/\d+", f"/api/mail/outbox/{outbox}", path)
    if ticket is not None:
        path = re.sub(r"^/api/tickets/\d+", f"/api/tickets/{ticket}", path)
    if after is not None:
        path = re.sub(r"after=[^&]*", f"after={after}", path)
    if day is not None:
        path = re.sub(r"\b(from|to)=\d{4}-\d{2}-\d{2}", rf"\1={day}", path)
    if ref is not None and isinstance(body, dict) and "ref" in body:
        body = {**body, "ref": ref}
    return {**request, "path": path, "body": body}


def _write(name, value):
    path = CONTRACT / f"{name}.json"
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(json.dumps(value, indent=2, ensure_ascii=False) + "\n")


def _read(name):
    return json.loads((CONTRACT / f"{name}.json").read_text())


class Contract:
    """The scenario's side of every golden file: captures it (`capture`: the names to write, or
    True for all), or checks against it and keeps what it met for `problem`."""

    def __init__(self, capture=()):
        self.capture = capture
        self.met = {}  # name -> None (as the golden file says) or what differs
        self.events = []  # every `event` message the observer received
        self.digests = None  # the observer's digests (an asyncio.Queue, made in the scenario's loop)
        self.client = None  # the scenario's Client, for calls without a session

    def capturing(self, name):
        return self.capture is True or name in self.capture

    def problem(self, name):
        if name not in self.met:
            return f"{name}: the scenario never met this file's situation"
        return self.met[name]

    def _check(self, name, golden, actual):
        problem = shape_mismatch(golden, actual)
        self.met[name] = problem and f"{name}: {problem}"

    async def http(self, name, caller, method, path, body=None, *, ticket=None, ref=None, after=None, day=None,
                   outbox=None):
        """Sends the file's request as `caller` (an Agent, GATEWAY, or None: no session)."""
        name = f"http/{name}"
        request = {"method": method, "path": path, "body": body}
        if not self.capturing(name):
            golden = _read(name)
            request = substitute(golden["request"], ticket, ref, after, day, outbox)
        status, answer = await self._send(caller, request)
        if self.capturing(name):
            _write(name, {"request": request, "response": {"status": status, "body": answer}})
            self.met[name] = None
        elif status != golden["response"]["status"]:
            self.met[name] = f"{name}: status {status}, the golden file has {golden['response']['status']}: {answer}"
        else:
            self._check(name, golden["response"]["body"], answer)
        return status, answer

    async def _send(self, caller, request):
        method, path, body = request["method"], request["path"], request["body"]
        if isinstance(caller, Agent):
            return await caller.call(method, path, body)
        headers = {"X-Inbound-Key": INBOUND_KEY} if caller == GATEWAY else {}
        return await self.client.call(method, path, body, headers=headers)

    def server_message(self, name, message):
        """A message a client received, for live/server/<name>."""
        name = f"live/server/{name}"
        if self.capturing(name):
            _write(name, message)
            self.met[name] = None
        else:
            self._check(name, _read(name), message)
        return message

    async def client_message(self, name, sock, message, expect, ticket=None):
        """Sends the file's message on `sock` and checks it is accepted: the answer `expect` and no
        error before the pong of a ping sent after it. Returns what came back."""
        name = f"live/client/{name}"
        if self.capturing(name):
            _write(name, message)
        else:
            message = _read(name)
            if ticket is not None and "ticket" in message:
                message = {**message, "ticket": ticket}
        await sock.ws.send_str(json.dumps(message))
        answers = []
        if message.get("type") != "ping":
            await sock.send(type="ping")
        while not answers or answers[-1]["type"] != "pong":
            answers.append(await sock.next())
        errors = [m for m in answers if m["type"] == "error"]
        if errors or expect not in [m["type"] for m in answers]:
            self.met[name] = f"{name}: not accepted as expected ({expect}): {answers}"
        else:
            self.met[name] = None
        return answers

    def check_events(self):
        """Each live/server/event-<type> file: the first event of that type the observer got."""
        first = {}
        for message in self.events:
            first.setdefault(message["event"]["type"], message)
        for kind, message in first.items():
            name = "event-" + kind.replace("_", "-")
            if self.capturing(f"live/server/{name}") or (CONTRACT / f"live/server/{name}.json").exists():
                self.server_message(name, message)


async def _held_reply(admin, ticket_id):
    """The ticket's outbox row once the outbox has held it and every other pending one (no relay:
    no next attempt), so the golden file's rows all have that shape."""
    for _ in range(200):
        status, answer = await admin.call("GET", "/api/mail/outbox?state=pending")
        assert status == 200, answer
        held = [i for i in answer["items"] if i["ticket"] == ticket_id]
        if held and all(i["next_attempt_at"] is None for i in answer["items"]):
            return held[0]
        await asyncio.sleep(0.05)
    raise AssertionError(f"the reply on ticket {ticket_id} was never held in the outbox")


async def _typing(agent_sock, tickets):
    """The agent types a reply draft on each ticket (so the list shows them typing and drafting)."""
    for ticket_id, version in tickets:
        await agent_sock.send(type="draft", ticket=ticket_id, body="Hi, thanks for", kind="reply",
                              base_version=version)
    for _ in tickets:
        await agent_sock.next("draft_saved")


async def scenario(base, contract):
    """Every file's situation, in one helpdesk. Ticket names: T1 a boiler (the rich one), T2 a
    printer, A1-A3 three more, all in support; B1 in billing."""
    c = contract
    async with Client(base) as client:
        c.client = client
        # Sessions.
        _, answer = await c.http("login", None, "POST", "/api/login",
                                 {"email": "marcus@baton.test", "password": PASSWORD})
        marcus = Agent(client, answer["token"], answer["agent"])
        await c.http("login-wrong-password", None, "POST", "/api/login",
                     {"email": "marcus@baton.test", "password": "not-my-password"})
        alesia, priya, jonas = [await client.login(e) for e in
                                ("alesia@baton.test", "priya@baton.test", "jonas@baton.test")]
        await c.http("me", marcus, "GET", "/api/me")
        await c.http("me-preferences", priya, "PUT", "/api/me/preferences", {"lang": "ja"})
        await c.http("me-preferences-invalid", priya, "PUT", "/api/me/preferences", {"lang": "xx"})

        # The observer (the admin sees every department) keeps every event.
        observer = await alesia.socket(hello=False)
        answers = await c.client_message("hello-live", observer, {"type": "hello", "since": None}, "live")
        c.server_message("live", next(m for m in answers if m["type"] == "live"))
        c.digests = asyncio.Queue()
        observer_events = asyncio.create_task(_forward(observer, c))
        m_sock, p_sock, j_sock = await marcus.socket(), await priya.socket(), await jonas.socket()
        await c.http("agents", marcus, "GET", "/api/agents")

        # Tickets: T1 from the mail gateway, T2 made by Marcus, A1-A3 and B1.
        _, answer = await c.http("inbound-new-ticket", GATEWAY, "POST", "/api/inbound", {
            "subject": "Boiler makes a loud noise", "department": "support", "requester": HANNAH,
            "organization": "221B Energy", "language": "English", "urgency": 7,
            "body": "Hi, my boiler started making a loud clicking noise this morning."})
        t1, t1_ref = answer["ticket"]["id"], answer["ticket"]["ref"]
        _, answer = await c.http("ticket-create", marcus, "POST", "/api/tickets", {
            "subject": "Printer jams on page two", "department": "support",
            "requester": {"name": "Oliver Schmidt", "email": "oliver@example.com"},
            "body": "Every print job jams on the second page."})
        t2 = answer["ticket"]["id"]
        made = {}
        for key, subject, department in (("A1", "Heat pump shows error E42", "support"),
                                         ("A2", "Thermostat shows the wrong time", "support"),
                                         ("A3", "Router keeps restarting", "support"),
                                         ("B1", "Invoice shows an old VAT number", "billing")):
            status, answer = await client.inbound({"subject": subject, "department": department,
                                                   "requester": HANNAH, "body": f"{subject}. Please help."})
            assert status == 201, answer
            made[key] = answer["ticket"]["id"]
        a1, a2, a3 = made["A1"], made["A2"], made["A3"]
        support = [t1, t2, a1, a2, a3]

        # The list, its views, pages and search: Priya types on every support ticket first, so the
        # summaries show viewers, typing and drafters.
        await _typing(p_sock, [(t, 1) for t in support])
        _, page = await c.http("tickets-list-all", marcus, "GET", "/api/tickets?view=all&limit=2")
        _, page = await c.http("tickets-list-next-page", marcus, "GET",
                               f"/api/tickets?view=all&limit=2&after={page['next']}", after=page["next"])
        await c.http("tickets-list-last-page", marcus, "GET",
                     f"/api/tickets?view=all&limit=2&after={page['next']}", after=page["next"])
        await c.http("tickets-list-unassigned", marcus, "GET", "/api/tickets?view=unassigned&limit=2")
        await c.http("tickets-list-search", marcus, "GET", "/api/tickets?view=all&limit=2&q=boil")
        for ticket_id in (a1, a2):
            status, answer = await marcus.command(ticket_id, type="take")
            assert status == 200, answer
        await _typing(p_sock, [(a1, 2), (a2, 2)])
        await c.http("tickets-list-mine", marcus, "GET", "/api/tickets?view=mine&limit=2")
        await c.http("command-lock", marcus, "POST", f"/api/tickets/{a2}/commands", {"type": "lock"}, ticket=a2)
        status, answer = await marcus.command(a1, type="lock")
        assert status == 200, answer
        await _typing(p_sock, [(a1, 2), (a2, 2)])
        await c.http("tickets-list-locked", marcus, "GET", "/api/tickets?view=locked&limit=2")

        # Commands refused.
        await c.http("command-reply-locked", priya, "POST", f"/api/tickets/{a2}/commands",
                     {"type": "reply", "body": "Hello Hannah!", "base_version": 2, "idempotency_key": "priya-a2"},
                     ticket=a2)
        await c.http("command-forbidden", jonas, "POST", f"/api/tickets/{t2}/commands", {"type": "lock"}, ticket=t2)
        await c.http("command-conflict", priya, "POST", f"/api/tickets/{t2}/commands",
                     {"type": "request_lock", "reason": "I know this printer"}, ticket=t2)
        await c.http("command-not-found", marcus, "POST", f"/api/tickets/{MISSING}/commands", {"type": "lock"})
        await c.http("command-invalid", marcus, "POST", f"/api/tickets/{t2}/commands",
                     {"type": "lock", "actor": 3}, ticket=t2)
        await c.http("command-unauthorized", None, "POST", f"/api/tickets/{t2}/commands", {"type": "lock"}, ticket=t2)
        await c.http("ticket-not-found", marcus, "GET", f"/api/tickets/{MISSING}")

        # T1: the customer writes again while Marcus drafts: his reply is held as stale; he sends
        # it anyway; he adds a note, locks, and sends a reply that waits out its undo window while
        # Priya, who has a draft there, asks him for the lock.
        await c.http("inbound-reply", GATEWAY, "POST", "/api/inbound",
                     {"ref": t1_ref, "body": "It is getting louder, and now it smells of gas."}, ref=t1_ref)
        _, answer = await c.http("command-reply-stale", marcus, "POST", f"/api/tickets/{t1}/commands",
                                 {"type": "reply", "body": "Hi Hannah, an engineer will call you today.",
                                  "base_version": 1, "idempotency_key": "marcus-t1-1"}, ticket=t1)
        version = answer["error"]["version"]
        for command in ({"type": "reply", "body": "Hi Hannah, an engineer will call you today.",
                         "base_version": version, "idempotency_key": "marcus-t1-1"},
                        {"type": "note", "body": "Gas smell: escalated to the safety team."},
                        {"type": "lock"}):
            status, answer = await marcus.command(t1, **command)
            assert status == 200, answer
        _, settings = await c.http("settings-get", marcus, "GET", "/api/settings")
        # The workspace sends the whole settings object (a PUT may also leave fields out).
        await c.http("settings-put", alesia, "PUT", "/api/settings", {**settings["settings"], "undo_send_secs": 120})
        status, answer = await marcus.command(t1, type="reply", body="The engineer is on the way.",
                                              base_version=answer["ticket"]["version"], idempotency_key="marcus-t1-2")
        assert status == 200 and answer["ticket"]["pending_reply"], answer
        status, answer = await priya.command(t1, type="request_lock", reason="Hannah just called me")
        assert status == 200, answer
        await c.http("ticket", marcus, "GET", f"/api/tickets/{t1}", ticket=t1)
        await c.http("history", marcus, "GET", f"/api/tickets/{t1}/history", ticket=t1)
        for agent, command in ((marcus, {"type": "undo_send", "idempotency_key": "marcus-t1-2"}),
                               (marcus, {"type": "answer_lock_request", "hand_over": False, "reason": "Almost done"}),
                               (priya, {"type": "request_lock", "reason": "She is on the phone with me"}),
                               (marcus, {"type": "answer_lock_request", "hand_over": True, "reason": ""}),
                               (priya, {"type": "assign", "agent": priya.id}),
                               (priya, {"type": "set_status", "status": "pending"}),
                               (priya, {"type": "set_urgency", "urgency": 9}),
                               (marcus, {"type": "unlock"})):
            ticket_id = a1 if command["type"] == "unlock" else t1
            status, answer = await agent.command(ticket_id, **command)
            assert status == 200, (command, answer)

        # Live: presence, a colleague's draft and its discard, the digest, errors, heartbeats.
        await c.client_message("view", p_sock, {"type": "view", "ticket": t2}, "pong", ticket=t2)
        await m_sock.send(type="view", ticket=t2)
        c.server_message("presence", await p_sock.next("presence", where=lambda m: (m["ticket"], m["agent"]) == (t2, marcus.id)))
        answers = await c.client_message("draft", p_sock, {"type": "draft", "ticket": t2, "body": "Hi Oliver, could you",
                                                           "kind": "reply", "base_version": 1}, "draft_saved", ticket=t2)
        c.server_message("draft-saved", next(m for m in answers if m["type"] == "draft_saved"))
        c.server_message("draft", await m_sock.next("draft", where=lambda m: m["author"] == priya.id and m["draft"]))
        status, answer = await priya.command(t2, type="discard_draft")
        assert status == 200, answer
        c.server_message("draft-discarded", await m_sock.next("draft", where=lambda m: m["draft"] is None))
        await c.client_message("view-none", p_sock, {"type": "view", "ticket": None}, "pong")
        await c.client_message("renew", m_sock, {"type": "renew", "ticket": a2}, "event", ticket=a2)
        answers = await c.client_message("ping", m_sock, {"type": "ping"}, "pong")
        c.server_message("pong", answers[-1])
        await m_sock.send(type="bogus")
        c.server_message("error-invalid", await m_sock.next("error"))
        await j_sock.send(type="draft", ticket=t2, body="Hello", kind="reply", base_version=1)
        c.server_message("error-ticket", await j_sock.next("error"))
        # The digest: the admin views nothing; Priya views a new ticket A4 and types there.
        status, answer = await client.inbound({"subject": "Solar inverter is silent", "department": "support",
                                               "requester": HANNAH, "body": "It shows no lights at all."})
        assert status == 201, answer
        a4 = answer["ticket"]["id"]
        await asyncio.sleep(2.5)  # a digest period: what happened before is flushed
        while not c.digests.empty():
            c.digests.get_nowait()
        await p_sock.send(type="view", ticket=a4)
        await _typing(p_sock, [(a4, 1)])
        c.server_message("digest", await _digest(c, observer))
        since = await _hello_since(c, priya)

        # The collision report of today, and a session that ends.
        day = datetime.datetime.now(datetime.timezone.utc).strftime("%Y-%m-%d")
        await c.http("report-collisions", alesia, "GET", f"/api/report/collisions?from={day}&to={day}", day=day)

        # The admins' mail outbox: no relay here, so a reply delivered waits, held and marked
        # "no mail relay configured" (no next attempt); a retry of it is refused (not failed).
        status, answer = await alesia.call("PUT", "/api/settings", {"undo_send_secs": 0})
        assert status == 200, answer
        status, answer = await marcus.command(t2, type="reply", body="Hi Oliver, a new roller is on its way.",
                                              base_version=(await marcus.ticket(t2))["version"],
                                              idempotency_key="marcus-t2-1")
        assert status == 200 and not answer["ticket"]["pending_reply"], answer
        held = await _held_reply(alesia, t2)
        await c.http("mail-outbox", alesia, "GET", "/api/mail/outbox?state=pending")
        await c.http("mail-outbox-retry-refused", alesia, "POST", f"/api/mail/outbox/{held['id']}/retry",
                     outbox=held["id"])
        second = await client.login("marcus@baton.test")
        await c.http("logout", second, "POST", "/api/logout")

        observer_events.cancel()
        c.check_events()
        for sock in (m_sock, p_sock, j_sock, since):
            await sock.close()
        await observer.ws.close()
    return c


async def _forward(observer, contract):
    """The observer's queue: events are kept, digests passed on (see `_digest`)."""
    while True:
        message = await observer.queue.get()
        if message["type"] == "event":
            contract.events.append(message)
        elif message["type"] == "digest":
            contract.digests.put_nowait(message)


async def _digest(contract, observer):
    while True:
        message = await asyncio.wait_for(contract.digests.get(), 5)
        if message["presence"] and message["drafts"]:
            return message


async def _hello_since(contract, agent):
    sock = await agent.socket(hello=False)
    await contract.client_message("hello-since", sock, {"type": "hello", "since": 1}, "live")
    return sock


def main(names):
    """Captures the named files (all without names) from a real run on SQLite."""
    import tempfile

    from conftest import ServerProcess
    capture = set(names) or True
    with tempfile.TemporaryDirectory() as folder:
        db = Path(folder) / "contract.sqlite3"
        prepare_database(db)
        server = ServerProcess(db, demo=False).start()
        try:
            contract = Contract(capture)
            asyncio.run(asyncio.wait_for(scenario(server.base, contract), 60))
        finally:
            server.stop()
    for name, problem in sorted(contract.met.items()):
        print(("wrote " if contract.capturing(name) else "checked ") + name + (f": {problem}" if problem else ""))


if __name__ == "__main__":
    main(sys.argv[1:])
