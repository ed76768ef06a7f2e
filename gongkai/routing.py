"""Reads of public pages from a PostgreSQL streaming replica (GONGKAI_REPLICA_URL), all else
from the primary.

- Only requests marked public by `PublicReadMiddleware` (the portal, /agency/…, /search/, /api/)
  read from the replica; staff pages, every write and everything outside a request (jobs, CLI,
  the static publisher) use the primary.
- Read-your-writes: a signed-in user who changed something in the last
  GONGKAI_REPLICA_STICKY_SECONDS (a cookie set on their non-GET requests) reads public pages
  from the primary too, so the page they just published is never missing for them.
- Health: the replica's lag is checked at most every few seconds per process; when it is down or
  behind by more than GONGKAI_REPLICA_MAX_LAG seconds, reads fall back to the primary with a log
  line (and come back when it has caught up).
"""

from __future__ import annotations

import contextvars
import logging
import time
from contextlib import contextmanager

from django.conf import settings
from django.db import connections

log = logging.getLogger("gongkai.routing")

REPLICA = "replica"
STICKY_COOKIE = "gk_wrote"
_public_read = contextvars.ContextVar("gongkai_public_read", default=False)
_health = {"checked": 0.0, "ok": False}


def replica_configured() -> bool:
    return REPLICA in settings.DATABASES


@contextmanager
def public_reads():
    token = _public_read.set(True)
    try:
        yield
    finally:
        _public_read.reset(token)


@contextmanager
def primary_reads():
    """Force the primary inside (the static publisher renders right after a commit)."""
    token = _public_read.set(False)
    try:
        yield
    finally:
        _public_read.reset(token)


def replica_lag_seconds() -> float | None:
    """Seconds the replica is behind, 0 when it has replayed all it received; None if unreachable."""
    try:
        with connections[REPLICA].cursor() as cursor:
            cursor.execute(
                "SELECT CASE WHEN pg_last_wal_receive_lsn() = pg_last_wal_replay_lsn() THEN 0 "
                "ELSE EXTRACT(EPOCH FROM now() - pg_last_xact_replay_timestamp()) END, pg_is_in_recovery()"
            )
            lag, in_recovery = cursor.fetchone()
    except Exception as error:  # down, refusing connections, misconfigured: the primary serves
        log.warning("replica unreachable, reading from the primary: %s", error)
        try:
            connections[REPLICA].close()
        except Exception:
            pass
        return None
    if not in_recovery:
        log.warning("GONGKAI_REPLICA_URL is not a standby; reading from the primary")
        return None
    return float(lag or 0)


def replica_usable() -> bool:
    now = time.monotonic()
    if now - _health["checked"] >= settings.GONGKAI_REPLICA_CHECK_SECONDS:
        lag = replica_lag_seconds()
        ok = lag is not None and lag <= settings.GONGKAI_REPLICA_MAX_LAG
        if lag is not None and not ok:
            log.warning(
                "replica %.1f s behind (limit %s s), reading from the primary", lag, settings.GONGKAI_REPLICA_MAX_LAG
            )
        if ok and not _health["ok"] and _health["checked"]:
            log.info("replica caught up, public reads from the replica again")
        _health.update(checked=now, ok=ok)
    return _health["ok"]


def reset_health() -> None:
    _health.update(checked=0.0, ok=False)


class ReplicaRouter:
    def db_for_read(self, model, **hints):
        if _public_read.get() and replica_configured() and replica_usable():
            return REPLICA
        return "default"

    def db_for_write(self, model, **hints):
        return "default"

    def allow_relation(self, obj1, obj2, **hints):
        return True

    def allow_migrate(self, db, app_label, **hints):
        return db == "default"


PUBLIC_PREFIXES = ("/agency/", "/search/", "/api/")


class PublicReadMiddleware:
    """Marks anonymous-style public reads; remembers a user's recent writes (read-your-writes)."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if not replica_configured():
            return self.get_response(request)
        public = request.method in ("GET", "HEAD") and (request.path == "/" or request.path.startswith(PUBLIC_PREFIXES))
        if public and self._wrote_recently(request):
            public = False
        if not public:
            response = self.get_response(request)
            if request.method not in ("GET", "HEAD", "OPTIONS"):
                response.set_cookie(
                    STICKY_COOKIE,
                    str(int(time.time())),
                    httponly=True,
                    samesite="Lax",
                    max_age=settings.GONGKAI_REPLICA_STICKY_SECONDS,
                    secure=settings.SESSION_COOKIE_SECURE,
                )
            return response
        with public_reads():
            return self.get_response(request)

    @staticmethod
    def _wrote_recently(request) -> bool:
        raw = request.COOKIES.get(STICKY_COOKIE, "")
        return raw.isascii() and raw.isdigit() and time.time() - int(raw) < settings.GONGKAI_REPLICA_STICKY_SECONDS


def read_connection(model):
    """The connection a raw-SQL read of `model` should use (search reads on the replica)."""
    from django.db import router

    return connections[router.db_for_read(model)]
