"""Periodic jobs: work that must happen on time.

Each app may define `gongkai/<app>/jobs.py` with `JOBS = [(name, function(now) -> str)]`. A job is
idempotent: running it twice in a row does nothing the second time. `gongkai jobs run` runs every
job once (a scheduler calls it); `gongkai jobs loop` runs them every N seconds (development).
"""

from __future__ import annotations

import importlib
import logging

log = logging.getLogger(__name__)

JOB_APPS = ["catalog", "applications", "reports", "oversight", "publishing"]


def registered_jobs():
    jobs = []
    for app in JOB_APPS:
        try:
            module = importlib.import_module(f"gongkai.{app}.jobs")
        except ModuleNotFoundError as error:
            if error.name != f"gongkai.{app}.jobs":
                raise
            continue
        jobs.extend(module.JOBS)
    return jobs


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
