"""Several serve.py processes on one PostgreSQL: one truth for commands, events, drafts, presence
and timers, across processes and across a process killed with SIGKILL."""
import asyncio
import os
import time

import pytest

from baton_client import ADMIN, PASSWORD, SUPPORT, Client, run
from collision_helpers import wait_until
from conftest import ServerProcess
from crash_writers import assert_each_acknowledged_note_once, write_until
from server.api.auth import hash_password
from server.store import open_store


@pytest.fixture
def processes(postgres, tmp_path):
    """`processes(n)`: n serve.py on one new database (the first loads the demo); all stopped after."""
    started = []

    def start(n, setup=None):
        url = postgres.new_database()
        if setup:
            setup(url)
        for index in range(n):
            started.append(ServerProcess(url, demo=index == 0 and setup is None, log_dir=tmp_path).start())
        return started[-n:]

    yield start
    for srv in started:
        srv.stop()


def test_fifty_locks_through_three_processes_have_one_winner_and_one_gap_free_log(processes):
    emails = [f"agent{i}@crowd.test" for i in range(50)]

    def seed(url):
        store = open_store(url)
        password_hash = hash_password(PASSWORD)
        for email in emails:
            store.add_agent(email.split("@")[0], email, "agent", ["support"], password_hash)
        store.close()

    servers = processes(3, setup=seed)
    clients = [Client(srv.base) for srv in servers]

    async def scenario():
        for client in clients:
            await client.__aenter__()
        try:
            # Sessions made on one process are used on another.
            agents = await asyncio.gather(*(clients[i % 3].login(email) for i, email in enumerate(emails)))
            for i, agent in enumerate(agents):
                agent.client = clients[(i + 1) % 3]
            tid = (await clients[0].new_ticket())["id"]
            answers = await asyncio.gather(*(agent.command(tid, type="lock") for agent in agents))
            assert sorted(status for status, _ in answers) == [200] + [409] * 49
            winner = next(agent for agent, (status, _) in zip(agents, answers) if status == 200)
            assert all(body["error"]["holder"] == winner.id for status, body in answers if status == 409)
            for agent in agents[:3]:  # the same history, one `locked`, through every process
                history = await agent.history(tid)
                assert [e["type"] for e in history] == ["created", "locked"]
            sockets = [await agent.socket(since=0) for agent in agents[:3]]
            seqs = [[m["seq"] for m in sock.catch_up] for sock in sockets]
            assert seqs[0] == seqs[1] == seqs[2] == list(range(1, len(seqs[0]) + 1))
            assert [m["prev"] for m in sockets[0].catch_up] == [0] + seqs[0][:-1]
            for sock in sockets:
                await sock.close()
        finally:
            for client in clients:
                await client.__aexit__()

    run(scenario())


def test_drafts_presence_events_and_resume_cross_processes(processes):
    one, two, three = processes(3)

    async def scenario():
        async with Client(one.base) as c1, Client(two.base) as c2, Client(three.base) as c3:
            viewer, typist = await c1.login(SUPPORT[0]), await c2.login(SUPPORT[1])
            tid = (await c1.new_ticket())["id"]
            watch = await viewer.socket()
            await watch.send(type="view", ticket=tid)
            since = watch.live["seq"]
            typing = await typist.socket()
            await typing.send(type="view", ticket=tid)
            seen = await watch.next("presence", where=lambda m: m["agent"] == typist.id)
            assert seen["state"] == "viewing" and seen["ticket"] == tid
            await typing.send(type="draft", ticket=tid, body="Dear Hannah, the part", kind="reply",
                              base_version=1)
            got = {}  # the typing presence and the draft, in whichever order they come
            while len(got) < 2:
                message = await watch.next(where=lambda m: m["type"] in ("draft", "presence"))
                got[message["type"]] = message
            draft, typing_state = got["draft"], got["presence"]
            assert draft["ticket"] == tid and draft["draft"]["body"] == "Dear Hannah, the part"
            assert typing_state["agent"] == typist.id and typing_state["state"] == "typing"
            # Commands through process 2 reach the socket on process 1 as events, in order.
            assert (await typist.command(tid, type="lock"))[0] == 200
            assert (await typist.command(tid, type="note", body="Ordered the part"))[0] == 200
            events = [await watch.next("event") for _ in range(2)]
            assert [m["event"]["type"] for m in events] == ["locked", "note_added"]
            assert events[1]["prev"] == events[0]["seq"]
            # The ticket list and the ticket on process 3 know it all.
            other = await c3.login(SUPPORT[2])
            ticket = await other.ticket(tid)
            assert ticket["lock"]["holder"] == typist.id and ticket["drafts"][0]["body"] == "Dear Hannah, the part"
            status, page = await other.call("GET", "/api/tickets?limit=5")
            listed = next(t for t in page["tickets"] if t["id"] == tid)
            assert listed["viewers"] == sorted([viewer.id, typist.id]) and listed["typing"] == [typist.id]
            # A hello on process 3 replays exactly what the viewer missed since it connected.
            resumed = await viewer.__class__(c3, viewer.token, viewer.info).socket(since=since)
            assert [m["event"]["type"] for m in resumed.catch_up if m["event"]["ticket"] == tid] == \
                ["locked", "note_added"]
            assert [m["seq"] for m in resumed.catch_up][-2:] == [m["seq"] for m in events]
            # Online is global: the typist, only on process 2, is online for process 1; then offline.
            status, agents = await viewer.call("GET", "/api/agents")
            assert next(a for a in agents["agents"] if a["id"] == typist.id)["online"] is True
            await typing.close()

            async def typist_offline():
                status, agents = await viewer.call("GET", "/api/agents")
                return next(a for a in agents["agents"] if a["id"] == typist.id)["online"] is False
            assert await wait_until(typist_offline, 5)
            gone = await watch.next("presence", where=lambda m: m["agent"] == typist.id and m["state"] == "gone")
            assert gone["ticket"] == tid
            # Logging out through process 1 closes the session's socket on process 3 too.
            assert (await viewer.call("POST", "/api/logout"))[0] == 200
            assert (await resumed.next("closed"))["code"] == 4001
            for sock in (watch, resumed):
                await sock.close()

    run(scenario())


def test_timers_act_once_and_survive_the_death_of_a_process(processes):
    """Three processes: an expiring lock is released exactly once; then the process that holds a
    lock's only socket (and leads the timers) is killed, and a survivor releases the lock after
    the disconnect grace."""
    leader, two, three = processes(3)

    async def scenario():
        async with Client(leader.base) as c1, Client(two.base) as c2:
            admin = await c2.login(ADMIN)
            status, _ = await admin.call("PUT", "/api/settings", {"lock_timeout_secs": 1, "disconnect_grace_secs": 2})
            assert status == 200
            holder = await c1.login(SUPPORT[3])
            sock = await holder.socket()
            expiring, orphaned = [(await c1.new_ticket())["id"] for _ in range(2)]
            assert (await holder.command(expiring, type="lock"))[0] == 200

            async def released(tid):
                history = await admin.history(tid)
                return history if history[-1]["type"] == "unlocked" else None
            history = await wait_until(lambda: released(expiring))
            assert history and history[-1]["reason"] == "expired"
            await asyncio.sleep(1.5)  # every process has had several ticks to (wrongly) release again
            assert [e["type"] for e in await admin.history(expiring)].count("unlocked") == 1

            assert (await admin.call("PUT", "/api/settings", {"lock_timeout_secs": 0}))[0] == 200

            async def no_expiry_on_process_1():  # settings reach the other processes by NOTIFY
                status, body = await holder.call("GET", "/api/settings")
                return body["settings"]["lock_timeout_secs"] == 0
            assert await wait_until(no_expiry_on_process_1, 5)
            assert (await holder.command(orphaned, type="lock"))[0] == 200
            leader.kill()
            killed_at = time.time() * 1000
            history = await wait_until(lambda: released(orphaned), timeout=10)
            assert history and history[-1]["reason"] == "disconnected"
            assert killed_at + 2000 <= history[-1]["at"] <= killed_at + 2000 + 3000
            await asyncio.sleep(1)
            assert [e["type"] for e in await admin.history(orphaned)].count("unlocked") == 1
            sock.reader.cancel()

    run(scenario())


def test_killing_one_of_two_processes_loses_no_acknowledged_command(processes):
    """Writers post through both processes while one is killed with SIGKILL (and restarted) three
    times: every acknowledged note is stored exactly once."""
    steady, victim = processes(2)

    async def scenario():
        async with Client(steady.base) as client:
            agent = await client.login(SUPPORT[0])
            tid = (await client.new_ticket())["id"]
        stop = asyncio.Event()
        writing = asyncio.create_task(write_until(stop, [steady, victim], agent.token, tid))
        loop = asyncio.get_running_loop()
        for _ in range(3):
            await asyncio.sleep(0.8)
            victim.kill()
            await loop.run_in_executor(None, victim.start)
        await asyncio.sleep(0.5)
        stop.set()
        acknowledged = await writing
        async with Client(victim.base) as client:
            history = await (await client.login(SUPPORT[1])).history(tid)
        assert len(acknowledged) >= 20
        assert_each_acknowledged_note_once(history, acknowledged)

    run(scenario())


def _proxy_binary(name):
    import shutil
    binary = shutil.which(name) or f"/usr/sbin/{name}"
    if not os.path.exists(binary):
        if os.environ.get("BATON_REQUIRE_POSTGRES") == "1":
            raise AssertionError(f"{name} is not installed (Debian package {name})")
        pytest.skip(f"{name} is not installed")
    return binary


def test_behind_the_documented_nginx_config_without_sticky_sessions(processes, tmp_path):
    """docs/nginx-baton.conf in front of two processes: sessions, commands and a socket through it;
    one process SIGKILLed; the client reconnects through nginx and resumes gap-free."""
    import re
    import signal
    import subprocess

    from conftest import REPO, free_port

    nginx = _proxy_binary("nginx")
    first, second = processes(2)
    port = free_port()
    snippet = (REPO / "docs/nginx-baton.conf").read_text()
    snippet = re.sub(r"server 127\.0\.0\.1:8001;\s*server 127\.0\.0\.1:8002;",
                     f"server 127.0.0.1:{first.port}; server 127.0.0.1:{second.port};", snippet)
    snippet = snippet.replace("listen 80;", f"listen 127.0.0.1:{port};")
    (tmp_path / "nginx.conf").write_text(
        f"pid {tmp_path}/nginx.pid; error_log {tmp_path}/nginx-error.log;\n"
        f"events {{}}\nhttp {{ access_log off; client_body_temp_path {tmp_path}/body;\n{snippet}\n}}\n")
    proxy = subprocess.Popen([nginx, "-p", str(tmp_path), "-c", str(tmp_path / "nginx.conf"),
                              "-g", "daemon off;"], stderr=subprocess.STDOUT, stdout=subprocess.PIPE)
    try:
        run(_through_proxy(f"http://127.0.0.1:{port}", first))
    finally:
        proxy.send_signal(signal.SIGQUIT)
        proxy.wait(timeout=10)


def test_behind_the_documented_haproxy_config_without_sticky_sessions(processes, tmp_path):
    """docs/haproxy-baton.cfg, the same way: two processes, one SIGKILLed, a resume through it."""
    import re
    import signal
    import subprocess

    from conftest import REPO, free_port

    haproxy = _proxy_binary("haproxy")
    first, second = processes(2)
    port = free_port()
    config = (REPO / "docs/haproxy-baton.cfg").read_text()
    config, replaced = re.subn(r"server s1 127\.0\.0\.1:8001\s*\n(\s*)server s2 127\.0\.0\.1:8002",
                               f"server s1 127.0.0.1:{first.port}\n\\1server s2 127.0.0.1:{second.port}", config)
    assert replaced == 1
    config = config.replace("bind :80", f"bind 127.0.0.1:{port}")
    (tmp_path / "haproxy.cfg").write_text(config)
    proxy = subprocess.Popen([haproxy, "-db", "-f", str(tmp_path / "haproxy.cfg")],
                             stderr=subprocess.STDOUT, stdout=subprocess.PIPE)
    try:
        run(_through_proxy(f"http://127.0.0.1:{port}", first))
    finally:
        proxy.send_signal(signal.SIGUSR1)  # soft stop
        try:
            proxy.wait(timeout=10)
        except subprocess.TimeoutExpired:
            proxy.kill()
            proxy.wait(timeout=10)


async def _through_proxy(base, first):
    """Sessions, commands and a socket through the proxy at `base`; then `first` (one of its two
    processes) is SIGKILLed, and the client resumes through the proxy on the survivor."""
    async with Client(base) as client:
        for _ in range(50):
            try:
                if (await client.call("GET", "/healthz"))[0] == 200:
                    break
            except OSError:
                pass
            await asyncio.sleep(0.1)
        agent, colleague = await client.login(SUPPORT[0]), await client.login(SUPPORT[1])
        tid = (await client.new_ticket())["id"]
        sock = await colleague.socket()
        for body in ("one", "two", "three", "four"):  # round robin over both processes
            assert (await agent.command(tid, type="note", body=body))[0] == 200
        events = [await sock.next("event") for _ in range(4)]
        assert [e["event"]["message"]["body"] for e in events] == ["one", "two", "three", "four"]
        first.kill()  # one process dies; the proxy sends what follows to the other
        answers = []
        for body in ("five", "six"):
            status, answer = await agent.command(tid, type="note", body=body)
            if status == 502:  # the request that found the dead process: the client retries
                status, answer = await agent.command(tid, type="note", body=body)
            answers.append(status)
        assert answers == [200, 200]
        resumed = await colleague.socket(since=events[-1]["seq"])  # through the proxy, to the survivor
        bodies = [m["event"]["message"]["body"] for m in resumed.catch_up if m["event"]["ticket"] == tid]
        assert bodies == ["five", "six"]
        assert resumed.catch_up[0]["prev"] == events[-1]["seq"]
        await resumed.close()
        sock.reader.cancel()


def test_a_process_whose_listen_connection_is_cut_reconnects_and_misses_nothing(processes):
    """The LISTEN connection of one process is terminated by the database: that process
    reconnects, and its sockets still get every event, in order, and the drafts."""
    import psycopg

    one, two = processes(2)

    async def scenario():
        async with Client(one.base) as c1, Client(two.base) as c2:
            writer, reader = await c1.login(SUPPORT[0]), await c2.login(SUPPORT[1])
            tid = (await c1.new_ticket())["id"]
            sock = await reader.socket()
            await sock.send(type="view", ticket=tid)
            assert (await writer.command(tid, type="note", body="before"))[0] == 200
            first = await sock.next("event")
            with psycopg.connect(one.db, autocommit=True) as admin:
                cut = admin.execute("SELECT pg_terminate_backend(pid) FROM pg_stat_activity "
                                    "WHERE datname = current_database() AND application_name LIKE 'baton-%%' "
                                    "AND query = 'LISTEN baton'").fetchall()
            assert len(cut) == 2  # one per process
            for body in ("during", "after"):
                assert (await writer.command(tid, type="note", body=body))[0] == 200
            events = [await sock.next("event") for _ in range(2)]
            assert [e["event"]["message"]["body"] for e in events] == ["during", "after"]
            assert [e["prev"] for e in events] == [first["seq"], events[0]["seq"]]
            # Events also come by the once-a-second check; a draft only by a notification: once the
            # processes have listened again (they retry after 1 s), drafts reach the other one live.
            await asyncio.sleep(2.5)
            typing = await writer.socket()
            await typing.send(type="draft", ticket=tid, body="Dear Hannah", kind="reply", base_version=1)
            draft = await sock.next("draft")
            assert draft["draft"]["body"] == "Dear Hannah"
            await typing.close()
            await sock.close()

    run(scenario())
