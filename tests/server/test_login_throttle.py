"""Password guessing slowed down, never a lockout: failed logins earn a growing wait, per account
and per client address, answered 429 `rate_limited` with Retry-After; the right password works
again once the wait is over; other accounts and addresses are not slowed.

The server here waits 200 ms after the first failure beyond the free ones (--login-wait-ms 200;
the product waits 1 s), so the tests wait for the waits to end, not for seconds. Each test logs in
from its own addresses (X-Forwarded-For, believed from a loopback peer) so none slows another."""
import asyncio
import itertools

import pytest

from baton_client import ADMIN, BILLING, PASSWORD, SUPPORT, Client, run
from collision_helpers import wait_until
from conftest import ServerProcess
from server.api.login_throttle import ACCOUNT, ADDRESS, Policy

WAIT_MS = 200
_addresses = itertools.count(1)


@pytest.fixture(scope="module")
def guarded(new_database, tmp_path_factory):
    srv = ServerProcess(new_database(), log_dir=tmp_path_factory.mktemp("logins"),
                        extra_args=["--login-wait-ms", str(WAIT_MS)]).start()
    yield srv
    srv.stop()


def new_address():
    return f"198.51.100.{next(_addresses)}"


async def attempt(client, email, password, address):
    async with client.http.post(client.base + "/api/login", json={"email": email, "password": password},
                                headers={"X-Forwarded-For": address}) as response:
        return response.status, await response.json(), response.headers


def test_failed_logins_earn_a_growing_wait_then_the_right_password_works(guarded):
    async def scenario():
        async with Client(guarded.base) as client:
            address = new_address()
            for _ in range(ACCOUNT.free + 1):  # the free failures, then the one that earns a wait
                status, body, _ = await attempt(client, SUPPORT[0], "wrong", address)
                assert status == 401, body
            status, body, headers = await attempt(client, SUPPORT[0], PASSWORD, address)
            assert status == 429, "the right password too, while the wait runs"
            assert body["error"]["code"] == "rate_limited"
            assert "try again in 1 s" in body["error"]["message"]
            assert headers["Retry-After"] == "1" and body["error"]["retry_after_secs"] == 1
            assert 0 < body["error"]["retry_after_ms"] <= WAIT_MS

            async def right_password_works():
                return (await attempt(client, SUPPORT[0], PASSWORD, address))[0] == 200
            assert await wait_until(right_password_works, timeout=3, every=0.05)

            for _ in range(ACCOUNT.free + 1):  # a success forgot the failures: free ones again
                status, _, _ = await attempt(client, SUPPORT[0], "wrong", address)
                assert status == 401

            async def next_failure():  # after the wait, another failure doubles it
                status, body, _ = await attempt(client, SUPPORT[0], "wrong again", address)
                return status == 401
            assert await wait_until(next_failure, timeout=3, every=0.05)
            status, body, _ = await attempt(client, SUPPORT[0], "wrong", address)
            assert status == 429 and WAIT_MS < body["error"]["retry_after_ms"] <= 2 * WAIT_MS

    run(scenario())


def test_guesses_sent_at_once_for_one_account_are_checked_one_by_one(guarded):
    """Ten guesses in flight together, from ten addresses: only the free ones and the one that
    earns the wait reach the password check; the rest are told to wait."""
    async def scenario():
        async with Client(guarded.base) as client:
            answers = await asyncio.gather(*(attempt(client, BILLING[2], f"guess {n}", new_address())
                                             for n in range(10)))
            statuses = sorted(status for status, _, _ in answers)
            assert statuses == [401] * (ACCOUNT.free + 1) + [429] * (10 - ACCOUNT.free - 1)

    run(scenario())


def test_an_unknown_email_is_slowed_like_a_known_one(guarded):
    async def scenario():
        async with Client(guarded.base) as client:
            address = new_address()
            answers = [(await attempt(client, "nobody@example.com", "x", address))[0] for _ in range(ACCOUNT.free + 2)]
            assert answers == [401] * (ACCOUNT.free + 1) + [429]

    run(scenario())


def test_other_accounts_and_addresses_are_not_slowed(guarded):
    async def scenario():
        async with Client(guarded.base) as client:
            address = new_address()
            for _ in range(ACCOUNT.free + 1):
                await attempt(client, SUPPORT[1], "wrong", address)
            assert (await attempt(client, SUPPORT[1], PASSWORD, address))[0] == 429
            assert (await attempt(client, SUPPORT[1], PASSWORD, new_address()))[0] == 429, "the account waits everywhere"
            assert (await attempt(client, BILLING[0], PASSWORD, address))[0] == 200, "another account from there does not"

            sprayer = new_address()  # one address trying many accounts: the address waits
            for n in range(ADDRESS.free + 1):
                status, _, _ = await attempt(client, f"guess{n}@example.com", "wrong", sprayer)
                assert status == 401
            assert (await attempt(client, BILLING[1], PASSWORD, sprayer))[0] == 429
            assert (await attempt(client, BILLING[1], PASSWORD, new_address()))[0] == 200, "other addresses do not"

    run(scenario())


def test_throttled_logins_are_counted_in_metrics(guarded):
    async def scenario():
        async with Client(guarded.base) as client:
            def count(text, result):
                return int(next(line.split()[1] for line in text.splitlines()
                                if line.startswith(f'baton_logins_total{{result="{result}"}}')))
            _, before = await client.call("GET", "/metrics")
            address = new_address()
            for _ in range(ACCOUNT.free + 2):
                await attempt(client, ADMIN, "wrong", address)
            _, after = await client.call("GET", "/metrics")
            assert count(after, "wrong") - count(before, "wrong") == ACCOUNT.free + 1
            assert count(after, "throttled") - count(before, "throttled") == 1

    run(scenario())


def test_the_wait_doubles_up_to_a_ceiling_never_a_lockout():
    policy = Policy(free=3, first_wait=1.0, max_wait=60.0)
    assert [policy.wait_after(n) for n in range(1, 12)] == [0, 0, 0, 1, 2, 4, 8, 16, 32, 60, 60]
    assert policy.wait_after(10_000) == 60
    assert ACCOUNT.max_wait == ADDRESS.max_wait == 60 and ACCOUNT.first_wait == 1
