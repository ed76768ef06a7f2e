"""Periodic jobs: work that must happen on time.

Each app may define `gongkai/<app>/jobs.py` with `JOBS = [(name, function(now) -> str)]`. A job is
idempotent: running it twice in a row does nothing the second time. `gongkai jobs run` runs every
job once (a scheduler calls it); `gongkai jobs loop` runs them every N seconds (development).
"""

from __future__ import annotations

import logging

from gongkai.registry import app_modules

log = logging.getLogger(__name__)


def registered_jobs():
    """Every app's `jobs.JOBS`, discovered (gongkai.registry)."""

    return [job for module in app_modules("jobs") for job in module.JOBS]


def run_all(now, only: str | None = None) -> list[tuple[str, str]]:
    """Run every job (or the one named); a failing job is logged and does not stop the others."""
    results = []
    for name, function in registered_jobs():
        if only and name != only:
            continue
        try:
            results.append((name, function(now) or "ok"))
        except Exception as error:  # a job must not take the scheduler down
            log.exception("job %s failed", name)
            results.append((name, f"失败：{error}"))
    return results
