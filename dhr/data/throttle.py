"""Sign-in throttling. Failed sign-ins are counted by (email, client address) and by client
address, never by account alone: whoever keeps guessing is slowed down, and the person whose
email it is can still sign in from anywhere else. The email is the string typed, normalised,
whether or not a user has it, so known and unknown emails are counted alike. Counts live in
the database so that every worker and host sees the same ones."""
from __future__ import annotations

import datetime as dt
import math
from dataclasses import dataclass

from sqlalchemy import delete, select
from sqlalchemy.dialects import postgresql, sqlite

from dhr.extensions import db

from . import tracking
from .models import SignInThrottle, utcnow

# A key with no new failure for this long starts again from nothing.
FORGET_AFTER = dt.timedelta(hours=1)


@dataclass(frozen=True)
class Rule:
    free: int  # failures allowed before any wait
    first_wait: dt.timedelta
    longest_wait: dt.timedelta

    def delay(self, failures: int) -> dt.timedelta:
        """How long after the last failure the next attempt must wait: nothing for the free
        failures, then doubling with each further one, up to the longest wait."""
        if failures <= self.free:
            return dt.timedelta(0)
        return min(self.first_wait * 2 ** (failures - self.free - 1), self.longest_wait)


ACCOUNT = Rule(free=3, first_wait=dt.timedelta(seconds=5), longest_wait=dt.timedelta(minutes=5))
ADDRESS = Rule(free=10, first_wait=dt.timedelta(seconds=5), longest_wait=dt.timedelta(minutes=5))


def _keys(email: str, address: str) -> dict[str, Rule]:
    return {f"account {email[:254]} from {address[:64]}": ACCOUNT, f"address {address[:64]}": ADDRESS}


def seconds_to_wait(email: str, address: str) -> int:
    """0 if a sign-in for `email` from `address` may be tried now."""
    keys = _keys(email, address)
    now = utcnow()
    rows = db.session.execute(select(SignInThrottle.key, SignInThrottle.failures, SignInThrottle.last_failure_at)
                              .where(SignInThrottle.key.in_(keys)))
    waits = [math.ceil((last + keys[key].delay(failures) - now).total_seconds()) for key, failures, last in rows]
    return max([0, *waits])


def record_failure(email: str, address: str) -> None:
    now = utcnow()
    db.session.execute(delete(SignInThrottle).where(SignInThrottle.last_failure_at < now - FORGET_AFTER))
    insert = postgresql.insert if db.session.get_bind().dialect.name == "postgresql" else sqlite.insert
    for key in _keys(email, address):
        # One statement, so that failures arriving together at several workers all count.
        db.session.execute(insert(SignInThrottle).values(key=key, failures=1, last_failure_at=now)
                           .on_conflict_do_update(index_elements=[SignInThrottle.key],
                                                  set_={"failures": SignInThrottle.failures + 1,
                                                        "last_failure_at": now}))
    _wrote()


def clear_account(email: str, address: str) -> None:
    """After a successful sign-in: the address's count across all emails stays."""
    account_key = next(key for key, rule in _keys(email, address).items() if rule is ACCOUNT)
    db.session.execute(delete(SignInThrottle).where(SignInThrottle.key == account_key))
    _wrote()


def _wrote() -> None:
    """Statements run outside the ORM: tell the request pipeline there is something to commit."""
    db.session.info[tracking.WROTE] = True


def wait_message(seconds: int) -> str:
    if seconds < 120:
        wait = "1 second" if seconds == 1 else f"{seconds} seconds"
    else:
        wait = f"{math.ceil(seconds / 60)} minutes"
    return f"Too many attempts. Wait {wait}, then try again."
