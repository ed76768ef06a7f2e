"""The publishing queue: `schedule(...)` records, inside the transaction that changes what the
public sees, that pages are stale (a `PublishTask`), and once it commits has them written.

This module imports no other app, so the catalog (`page_cache.bump`) can call it at module level;
the writer itself (`services.drain`, which renders catalog and report pages) is connected by
`PublishingConfig.ready()`. GONGKAI_PUBLISH selects when the queue is drained after a change
(see `services`).
"""

from __future__ import annotations

import logging
import threading
from collections.abc import Callable

from django.conf import settings
from django.db import close_old_connections, transaction

from gongkai.publishing.models import PublishTask, Scope

log = logging.getLogger("gongkai.publishing")

_writer: dict[str, Callable[[], object]] = {}


def connect_writer(drain: Callable[[], object]) -> None:
    """The function that writes the queued pages (called once, from the app's ready())."""
    _writer["drain"] = drain


def _drain() -> None:
    _writer["drain"]()


def schedule(*, agency_id: int | None, item_id: int | None = None, scope: Scope | None = None) -> None:
    """Record that pages are stale (call inside the changing transaction)."""
    scope = scope or (Scope.ITEM if item_id else Scope.AGENCY if agency_id else Scope.SITE)
    PublishTask.objects.create(scope=scope, agency_id=agency_id, item_id=item_id)
    mode = settings.GONGKAI_PUBLISH
    if mode == "sync":
        transaction.on_commit(_drain)
    elif mode == "thread":
        transaction.on_commit(_drain_in_background)


_state_lock = threading.Lock()
_state = {"running": False, "again": False}


def _drain_in_background() -> None:
    """One background writer per process: a change arriving while it runs makes it go again."""
    with _state_lock:
        if _state["running"]:
            _state["again"] = True
            return
        _state["running"] = True

    def run():
        try:
            while True:
                try:
                    _drain()
                except Exception:  # recorded where it can be; the queue keeps the work
                    log.exception("background publishing failed")
                with _state_lock:
                    if not _state["again"]:
                        _state["running"] = False
                        return
                    _state["again"] = False
        finally:
            close_old_connections()

    threading.Thread(target=run, name="gongkai-publish", daemon=True).start()
