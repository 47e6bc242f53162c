"""Sign-in that cannot be turned against users: failures slow down the address they come from
(for that account, and for any account), never lock the account itself; known, unknown and
inactive emails get the same answer after the same work."""
from __future__ import annotations

import datetime as dt
import re
from collections import Counter
from itertools import pairwise

import pytest
from sqlalchemy import select

from dhr import create_app
from dhr.data import throttle
from dhr.data import users as user_data
from dhr.data.models import SignInThrottle
from dhr.extensions import db

from . import factories as make
from .factories import TEST_PASSWORD
from .helpers import check_page, error_summary

ATTACKER = "203.0.113.66"
COORDINATOR_DESK = "198.51.100.7"
WRONG = "Enter a correct email address and password"
WAIT = re.compile(r"^Too many attempts\. Wait \d+ (seconds?|minutes), then try again\.$")


def _attempt(client, email, password, address, **kwargs):
    return client.post("/sign-in", data={"email": email, "password": password},
                       environ_base={"REMOTE_ADDR": address}, **kwargs)


def _refusal(response) -> str:
    assert response.status_code == 200, response.status_code
    (message,) = error_summary(check_page(response.get_data(as_text=True)))
    return message


@pytest.fixture
def hashing(monkeypatch):
    """Counts the password-hash work users.py does, calling the real functions."""
    counts = Counter()
    real_check, real_generate = user_data.check_password_hash, user_data.generate_password_hash

    def check(*args, **kwargs):
        counts["check"] += 1
        return real_check(*args, **kwargs)

    def generate(*args, **kwargs):
        counts["generate"] += 1
        return real_generate(*args, **kwargs)

    monkeypatch.setattr(user_data, "check_password_hash", check)
    monkeypatch.setattr(user_data, "generate_password_hash", generate)
    return counts


def test_an_attackers_failures_do_not_lock_the_coordinator_out(client):
    coordinator = make.admin()
    for _ in range(50):
        _attempt(client, coordinator.email, "a guess at the password", ATTACKER)
    response = _attempt(client, coordinator.email, TEST_PASSWORD, COORDINATOR_DESK)
    assert response.status_code == 302


def test_the_attackers_address_is_told_to_wait_and_no_password_is_checked(client, hashing):
    coordinator = make.admin()
    for _ in range(50):
        _attempt(client, coordinator.email, "a guess at the password", ATTACKER)
    hashing.clear()
    message = _refusal(_attempt(client, coordinator.email, TEST_PASSWORD, ATTACKER))
    assert WAIT.match(message), message
    assert hashing["check"] == 0


def test_known_and_unknown_emails_get_identical_answers(client):
    known = make.chair(email="known.person@example.org")
    unknown = "never.registered@example.org"
    for attempt in range(8):
        pages = []
        for email, address in ((known.email, "192.0.2.10"), (unknown, "192.0.2.20")):
            html = _attempt(client, email, "a wrong password", address).get_data(as_text=True)
            html = re.sub(r'nonce="[^"]+"', 'nonce="N"', html.replace(email, "EMAIL"))
            pages.append(re.sub(r"Wait \d+ seconds", "Wait N seconds", html))
        assert pages[0] == pages[1], f"attempt {attempt + 1} differs"
    assert "Too many attempts" in pages[0]


def test_one_password_check_for_known_unknown_and_inactive_emails(client, hashing):
    active = make.chair()
    inactive = make.chair(active=False)
    _attempt(client, "warm.up@example.org", "anything at all", "192.0.2.99")  # the dummy hash, made once
    for n, (email, password) in enumerate([(active.email, "a wrong password"), ("nobody@example.org", TEST_PASSWORD),
                                           (inactive.email, "a wrong password"), (inactive.email, TEST_PASSWORD)]):
        hashing.clear()
        assert _refusal(_attempt(client, email, password, f"192.0.2.{n + 1}")) == WRONG
        assert dict(hashing) == {"check": 1}, email


def test_the_wait_after_each_failure_doubles_up_to_a_cap():
    waits = [throttle.ACCOUNT.delay(failures).total_seconds() for failures in range(1, 16)]
    free = throttle.ACCOUNT.free
    assert waits[:free] == [0] * free
    doubling = waits[free:]
    assert doubling[0] > 0 and all(later == min(2 * earlier, 300) for earlier, later in pairwise(doubling))
    assert max(waits) == 300


def test_signing_in_clears_the_throttle_for_that_account_and_address(client):
    chair = make.chair()
    free = throttle.ACCOUNT.free
    for _ in range(free):
        assert _refusal(_attempt(client, chair.email, "a wrong password", COORDINATOR_DESK)) == WRONG
    assert _attempt(client, chair.email, TEST_PASSWORD, COORDINATOR_DESK).status_code == 302
    client.post("/sign-out")
    for _ in range(free + 1):
        assert _refusal(_attempt(client, chair.email, "a wrong password", COORDINATOR_DESK)) == WRONG
    assert WAIT.match(_refusal(_attempt(client, chair.email, "a wrong password", COORDINATOR_DESK)))


def test_an_address_trying_many_emails_is_slowed_down_too(client):
    chair = make.chair()
    messages = [_refusal(_attempt(client, f"guess{n}@example.org", "a wrong password", ATTACKER)) for n in range(30)]
    assert WAIT.match(messages[-1])
    assert WAIT.match(_refusal(_attempt(client, chair.email, TEST_PASSWORD, ATTACKER)))
    assert _attempt(client, chair.email, TEST_PASSWORD, COORDINATOR_DESK).status_code == 302


def test_once_the_wait_is_over_the_password_is_checked_again(client):
    chair = make.chair()
    for _ in range(throttle.ACCOUNT.free + 1):
        _attempt(client, chair.email, "a wrong password", ATTACKER)
    assert WAIT.match(_refusal(_attempt(client, chair.email, TEST_PASSWORD, ATTACKER)))
    for row in db.session.scalars(select(SignInThrottle)):
        row.last_failure_at -= throttle.ACCOUNT.longest_wait + dt.timedelta(seconds=1)
    db.session.commit()
    assert _attempt(client, chair.email, TEST_PASSWORD, ATTACKER).status_code == 302


def test_a_forged_forwarded_for_header_does_not_escape_the_throttle(client):
    chair = make.chair()
    for n in range(throttle.ACCOUNT.free + 1):
        _attempt(client, chair.email, "a wrong password", ATTACKER, headers={"X-Forwarded-For": f"10.9.9.{n}"})
    response = _attempt(client, chair.email, TEST_PASSWORD, ATTACKER, headers={"X-Forwarded-For": "10.9.9.200"})
    assert WAIT.match(_refusal(response))


def test_behind_a_trusted_proxy_each_client_is_throttled_by_its_own_address(app, database_url, tmp_path):
    behind_proxy = create_app({"SQLALCHEMY_DATABASE_URI": database_url, "SECRET_KEY": "x", "TESTING": True,
                               "DHR_INDEX_DIR": str(tmp_path), "WTF_CSRF_ENABLED": False, "RATELIMIT_ENABLED": False,
                               "DHR_PASSWORD_HASH": "pbkdf2:sha256:1000", "DHR_TRUSTED_PROXIES": 1})
    client = behind_proxy.test_client()
    chair = make.chair()
    proxy = "10.0.0.1"
    for _ in range(20):
        _attempt(client, chair.email, "a wrong password", proxy, headers={"X-Forwarded-For": ATTACKER})
    assert WAIT.match(_refusal(_attempt(client, chair.email, TEST_PASSWORD, proxy,
                                        headers={"X-Forwarded-For": ATTACKER})))
    response = _attempt(client, chair.email, TEST_PASSWORD, proxy, headers={"X-Forwarded-For": COORDINATOR_DESK})
    assert response.status_code == 302
