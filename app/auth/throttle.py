"""Failed-login throttle: growing delays per account × address, never a lockout switch.

Keys (rows of ``LoginThrottle``, shared by every process through the database):

- ``pair:<login>|<address>`` — one account from one address: the first ``LOGIN_FREE_FAILURES`` failures cost
  nothing, then each costs a doubling delay (2 s, 4 s … at most ``LOGIN_MAX_DELAY_SECONDS``). A success from
  that address clears it. Someone guessing from elsewhere never delays the owner's own address.
- ``ip:<address>`` — all accounts from one address (password spraying): a larger free budget
  (``IP_FREE_FAILURES``) and a delay capped at ``IP_MAX_DELAY_SECONDS``, so an office behind one NAT address
  is slowed at worst, never locked out. A success does not clear it (an attacker with one valid account
  could), but it decays.

Every counter decays: failures older than ``LOGIN_DECAY_SECONDS`` since the last one start from zero again.
Administrators clear a login's rows with ``flask users unlock <login>``.
"""

from __future__ import annotations

import math
from datetime import datetime, timedelta

from sqlmodel import Session, col, delete

from app.auth.models import LoginThrottle


def pair_key(login: str, ip: str) -> str:
    return f"pair:{login[:200]}|{ip[:64]}"


def ip_key(ip: str) -> str:
    return f"ip:{ip[:64]}"


def _delay_for(failures: int, free: int, max_delay: int) -> int:
    """Seconds to wait after ``failures`` failures: none for the first ``free``, then doubling from 2 s."""
    if failures < free:
        return 0
    return min(max_delay, 2 ** min(failures - free + 1, 30))


def _decayed(row: LoginThrottle, now: datetime, decay: int) -> bool:
    return row.last_failure_at is not None and now - row.last_failure_at > timedelta(seconds=decay)


def wait_seconds(session: Session, keys: list[str], now: datetime) -> int:
    """How long the caller must wait before the next attempt (0: go ahead)."""
    wait = 0
    for key in keys:
        row = session.get(LoginThrottle, key)
        if row is not None and row.blocked_until is not None and row.blocked_until > now:
            wait = max(wait, math.ceil((row.blocked_until - now).total_seconds()))
    return wait


def fail(session: Session, key: str, now: datetime, *, free: int, max_delay: int, decay: int) -> None:
    row = session.get(LoginThrottle, key) or LoginThrottle(key=key)
    if _decayed(row, now, decay):
        row.failures = 0
    row.failures += 1
    row.last_failure_at = now
    delay = _delay_for(row.failures, free, max_delay)
    row.blocked_until = now + timedelta(seconds=delay) if delay else None
    session.add(row)
    session.flush()


def clear(session: Session, key: str) -> None:
    row = session.get(LoginThrottle, key)
    if row is not None:
        session.delete(row)


def unlock(session: Session, login: str) -> int:
    """Admin unlock: forget every failure counted against ``login`` (from any address). Returns rows removed."""
    prefix = f"pair:{login.strip().lower()[:200]}|"
    result = session.exec(delete(LoginThrottle).where(col(LoginThrottle.key).startswith(prefix, autoescape=True)))
    return result.rowcount or 0
