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

Where the counters live (shared by every process either way): in Redis when ``LOGIN_THROTTLE_STORAGE_URI`` (or,
when that is unset, Flask-Limiter's ``RATELIMIT_STORAGE_URI``) names one (``redis://…``), where one atomic
script per failure keeps them; else in the database (``LoginThrottle`` rows, in the request's transaction).
"""

from __future__ import annotations

import math
from datetime import datetime, timedelta
from typing import Any

from sqlmodel import Session, col, delete

from app.auth.models import LoginThrottle

REDIS_PREFIX = "sinergi:login-throttle:"


def pair_key(login: str, ip: str) -> str:
    return f"pair:{login[:200]}|{ip[:64]}"


def ip_key(ip: str) -> str:
    return f"ip:{ip[:64]}"


def _delay_for(failures: int, free: int, max_delay: int) -> int:
    """Seconds to wait after ``failures`` failures: none for the first ``free``, then doubling from 2 s."""
    if failures < free:
        return 0
    return min(max_delay, 2 ** min(failures - free + 1, 30))


def storage_uri(config: dict) -> str:
    """The Redis URI the throttle uses, or "" for the database."""
    uri = config.get("LOGIN_THROTTLE_STORAGE_URI") or config.get("RATELIMIT_STORAGE_URI") or ""
    return uri if uri.startswith(("redis://", "rediss://", "unix://")) else ""


def store_for(session: Session, config: dict) -> DatabaseStore | RedisStore:
    uri = storage_uri(config)
    return RedisStore.from_uri(uri) if uri else DatabaseStore(session)


class DatabaseStore:
    """Counters as ``LoginThrottle`` rows, written in the caller's transaction (the route commits them)."""

    def __init__(self, session: Session) -> None:
        self.session = session

    def wait_seconds(self, keys: list[str], now: datetime) -> int:
        """How long the caller must wait before the next attempt (0: go ahead)."""
        wait = 0
        for key in keys:
            row = self.session.get(LoginThrottle, key)
            if row is not None and row.blocked_until is not None and row.blocked_until > now:
                wait = max(wait, math.ceil((row.blocked_until - now).total_seconds()))
        return wait

    def fail(self, key: str, now: datetime, *, free: int, max_delay: int, decay: int) -> None:
        row = self.session.get(LoginThrottle, key) or LoginThrottle(key=key)
        if row.last_failure_at is not None and now - row.last_failure_at > timedelta(seconds=decay):
            row.failures = 0
        row.failures += 1
        row.last_failure_at = now
        delay = _delay_for(row.failures, free, max_delay)
        row.blocked_until = now + timedelta(seconds=delay) if delay else None
        self.session.add(row)
        self.session.flush()

    def failures(self, key: str) -> int:
        row = self.session.get(LoginThrottle, key)
        return row.failures if row else 0

    def clear(self, key: str) -> None:
        row = self.session.get(LoginThrottle, key)
        if row is not None:
            self.session.delete(row)
            self.session.flush()

    def unlock(self, login: str) -> int:
        prefix = f"pair:{login.strip().lower()[:200]}|"
        query = delete(LoginThrottle).where(col(LoginThrottle.key).startswith(prefix, autoescape=True))
        return self.session.exec(query).rowcount or 0


# One failure, atomically (every process and every Redis client sees the same count): the same rule as
# DatabaseStore.fail. KEYS[1] the hash; ARGV now (s), free, max_delay, decay. The hash expires once it no
# longer matters (after the decay and the longest delay).
_FAIL = """
local h = KEYS[1]
local now, free, max_delay, decay = tonumber(ARGV[1]), tonumber(ARGV[2]), tonumber(ARGV[3]), tonumber(ARGV[4])
local failures = tonumber(redis.call('HGET', h, 'failures') or '0')
local last = tonumber(redis.call('HGET', h, 'last') or '0')
if last > 0 and now - last > decay then failures = 0 end
failures = failures + 1
local delay = 0
if failures >= free then delay = math.min(max_delay, 2 ^ math.min(failures - free + 1, 30)) end
redis.call('HSET', h, 'failures', failures, 'last', now, 'blocked_until', delay > 0 and (now + delay) or 0)
redis.call('EXPIRE', h, math.ceil(decay + max_delay + 60))
return failures
"""


class RedisStore:
    """Counters as Redis hashes (``sinergi:login-throttle:<key>``), for deployments that already run Redis."""

    _clients: dict[str, Any] = {}  # one connection pool per URI and process

    def __init__(self, client: Any) -> None:
        self.redis = client

    @classmethod
    def from_uri(cls, uri: str) -> RedisStore:
        if uri not in cls._clients:
            import redis

            cls._clients[uri] = redis.Redis.from_url(uri, decode_responses=True, socket_timeout=2)
        return cls(cls._clients[uri])

    def wait_seconds(self, keys: list[str], now: datetime) -> int:
        wait = 0.0
        for key in keys:
            until = float(self.redis.hget(REDIS_PREFIX + key, "blocked_until") or 0)
            wait = max(wait, until - now.timestamp())
        return math.ceil(wait) if wait > 0 else 0

    def fail(self, key: str, now: datetime, *, free: int, max_delay: int, decay: int) -> None:
        self.redis.eval(_FAIL, 1, REDIS_PREFIX + key, now.timestamp(), free, max_delay, decay)

    def failures(self, key: str) -> int:
        return int(self.redis.hget(REDIS_PREFIX + key, "failures") or 0)

    def clear(self, key: str) -> None:
        self.redis.delete(REDIS_PREFIX + key)

    def unlock(self, login: str) -> int:
        pattern = REDIS_PREFIX + "pair:" + _glob_escape(login.strip().lower()[:200]) + "|*"
        keys = list(self.redis.scan_iter(match=pattern, count=500))
        return self.redis.delete(*keys) if keys else 0


def _glob_escape(text: str) -> str:
    return "".join("\\" + c if c in "*?[]\\" else c for c in text)


def unlock(session: Session, login: str, config: dict | None = None) -> int:
    """Admin unlock: forget every failure counted against ``login`` (from any address). Returns entries removed."""
    return store_for(session, config or {}).unlock(login)
