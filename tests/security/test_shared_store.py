"""Abuse limits hold across processes: counters written by one process are seen by another
(Redis when GONGKAI_REDIS_URL is set; the database cache otherwise)."""

from __future__ import annotations

import os
import shutil
import socket
import subprocess
import sys
import time
from pathlib import Path

import pytest

pytestmark = pytest.mark.skipif(shutil.which("redis-server") is None, reason="redis-server not installed")


@pytest.fixture
def redis_url(tmp_path):
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    server = subprocess.Popen(
        [
            "redis-server",
            "--port",
            str(port),
            "--bind",
            "127.0.0.1",
            "--save",
            "",
            "--appendonly",
            "no",
            "--dir",
            str(tmp_path),
        ],
        stdout=subprocess.DEVNULL,
    )
    deadline = time.time() + 10
    while time.time() < deadline:
        try:
            socket.create_connection(("127.0.0.1", port), timeout=0.2).close()
            break
        except OSError:
            time.sleep(0.05)
    yield f"redis://127.0.0.1:{port}/0"
    server.terminate()
    server.wait(timeout=10)


def test_a_limit_reached_in_another_process_applies_here(redis_url, settings, tmp_path):
    settings.CACHES = {
        **settings.CACHES,
        "throttle": {
            "BACKEND": "django.core.cache.backends.redis.RedisCache",
            "LOCATION": redis_url,
            "KEY_PREFIX": "gongkai",
        },
    }
    from gongkai.security.throttle import Limit

    limit = Limit("cross-process", 3, 600)
    env = {k: v for k, v in os.environ.items() if not k.startswith(("PYTEST", "DATABASE_URL"))}
    env.update(GONGKAI_REDIS_URL=redis_url, GONGKAI_VAR_DIR=str(tmp_path), DJANGO_SETTINGS_MODULE="gongkai.settings")
    code = (
        "import django; django.setup(); from gongkai.security.throttle import Limit; "
        "l = Limit('cross-process', 3, 600); [l.hit('203.0.113.7') for _ in range(3)]"
    )
    worker = subprocess.run(
        [sys.executable, "-c", code],
        env=env,
        capture_output=True,
        text=True,
        cwd=Path(__file__).parents[2],
        timeout=120,
    )
    assert worker.returncode == 0, worker.stderr
    assert 0 < limit.wait_seconds("203.0.113.7") <= 600
    assert limit.wait_seconds("203.0.113.8") == 0


def test_status_lookup_throttle_with_redis(redis_url, settings, township, handler):
    from datetime import date

    from django.test import Client

    from gongkai.applications import actions
    from tests.applications.factories import person

    settings.CACHES = {
        **settings.CACHES,
        "throttle": {
            "BACKEND": "django.core.cache.backends.redis.RedisCache",
            "LOCATION": redis_url,
            "KEY_PREFIX": "gongkai",
        },
    }
    application, code = actions.register_application(
        agency=township,
        actor=handler,
        data=person(),
        channel="in_person",
        submitted_on=date(2026, 1, 5),
        today=date(2026, 1, 5),
    )
    client = Client()
    for _ in range(10):
        client.post("/apply/status/", {"number": application.number, "code": "WRONGCODE"})
    assert client.post("/apply/status/", {"number": application.number, "code": code}).status_code == 429
