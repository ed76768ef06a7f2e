"""Past one machine with existing engines: a streaming replica for public reads, Redis shared by
two application processes, PgBouncer in transaction mode (docs/deploy.md).

Each test runs its own instance in subprocesses (own clusters, own var directory), independent
of the test database; they run in the PostgreSQL pass of `make test`."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

import pytest

from tests.deploy import pg_cluster

pytestmark = pytest.mark.postgres_only
GONGKAI = str(Path(sys.executable).with_name("gongkai"))
HERE = Path(__file__).parent


def _env(**extra) -> dict:
    env = {
        **os.environ,
        "GONGKAI_VAR_DIR": tempfile.mkdtemp(prefix="gongkai-deploy-"),
        "GONGKAI_PUBLISH": "off",
        **extra,
    }
    for name in ("PYTEST_VERSION", "GONGKAI_TEST_DB", "DATABASE_URL", "GONGKAI_REPLICA_URL", "GONGKAI_REDIS_URL"):
        if name not in extra:
            env.pop(name, None)
    return env


def _gongkai(env, *args, **kwargs):
    return subprocess.run([GONGKAI, *args], env=env, capture_output=True, text=True, timeout=600, check=True, **kwargs)


@pytest.mark.skipif(not pg_cluster.available(), reason="needs root and PostgreSQL 15 server binaries")
def test_public_reads_from_a_streaming_replica_with_lag_fallback_and_read_your_writes(tmp_path):
    top = Path(tempfile.mkdtemp(prefix="gongkai-pg-"))
    top.chmod(0o755)  # the postgres user must reach its cluster directories
    primary = replica = None
    try:
        primary, replica = pg_cluster.primary_and_replica(top / "clusters")
        primary.sql("CREATE DATABASE gongkai")
        env = _env(DATABASE_URL=f"{primary.url}/gongkai", GONGKAI_REPLICA_URL=f"{replica.url}/gongkai")
        _gongkai(env, "manage", "migrate", "-v", "0")
        _gongkai(env, "demo")
        out = _gongkai(env, "manage", "shell", "-c", (HERE / "replica_probe.py").read_text()).stdout
        seen = json.loads(out[out.index("PROBE") + 5 :].strip().splitlines()[0])
        print(seen)
        assert seen["staff_read"] == "default" and seen["public_read"] == "replica" and seen["write"] == "default"
        assert seen["replica_items"] == seen["primary_items"] > 0
        assert seen["replicated"] and seen["anonymous_page"] == 200 and seen["search_hit"], seen.get("search_debug")
        assert seen["paused_anonymous"] == 404, seen  # the replica has not replayed it yet
        assert seen["paused_writer"] == 200  # read-your-writes: from the primary
        assert seen["lagging_read"] == "default" and seen["lagging_anonymous"] == 200
        assert any("behind" in line for line in seen["log"])
        assert seen["caught_up"] and seen["after_catch_up"] == "replica"
        # The replica goes away: public reads fall back to the primary.
        replica.stop()
        script = (
            "from gongkai import routing\nfrom django.db import router\nfrom gongkai.catalog.models import Item\n"
            "with routing.public_reads():\n    print('DB', router.db_for_read(Item))\n"
            "from django.test import Client\nprint('STATUS', Client().get('/agency/cheyang/').status_code)\n"
        )
        result = _gongkai(env, "manage", "shell", "-c", script)
        assert "DB default" in result.stdout and "STATUS 200" in result.stdout
        assert "replica unreachable" in result.stderr
    finally:
        for cluster in (replica, primary):
            if cluster is not None:
                cluster.stop()
        shutil.rmtree(top, ignore_errors=True)


@pytest.mark.skipif(shutil.which("redis-server") is None, reason="needs Redis")
def test_two_application_processes_share_cache_and_sessions_through_redis(tmp_path):
    port = pg_cluster.free_port()
    redis = subprocess.Popen(
        ["redis-server", "--port", str(port), "--save", "", "--appendonly", "no"],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    try:
        env = _env(GONGKAI_REDIS_URL=f"redis://127.0.0.1:{port}/0")
        _gongkai(env, "manage", "migrate", "-v", "0")
        _gongkai(env, "demo")
        login = (
            "from django.test import Client\nc = Client()\n"
            "assert c.post('/accounts/login/', {'username': 'jingban', 'password': 'gongkai-demo-2024'}).status_code == 302\n"
            "from django.core.cache import cache\ncache.set('shared-by-processes', 'from the first process', 60)\n"
            "print('SESSION', c.cookies['sessionid'].value)\n"
        )
        out = _gongkai(env, "manage", "shell", "-c", login).stdout
        session = out.split("SESSION ")[1].split()[0]
        use = (
            "from django.test import Client\nfrom django.core.cache import cache\nc = Client()\n"
            f"c.cookies['sessionid'] = '{session}'\n"
            "print('STAFF', c.get('/staff/applications/').status_code)\n"
            "print('CACHE', cache.get('shared-by-processes'))\n"
        )
        out = _gongkai(env, "manage", "shell", "-c", use).stdout
        assert "STAFF 200" in out  # the session made by the first process is valid in the second
        assert "CACHE from the first process" in out
    finally:
        redis.terminate()
        redis.wait(timeout=10)


@pytest.mark.skipif(shutil.which("pgbouncer") is None, reason="needs Debian's pgbouncer")
def test_the_platform_works_through_pgbouncer_in_transaction_mode(tmp_path):
    database = f"gongkai_bouncer_{os.getpid()}"
    subprocess.run(
        ["psql", "-h", "127.0.0.1", "-U", "postgres", "-c", f'CREATE DATABASE "{database}"'],
        check=True,
        capture_output=True,
    )
    port = pg_cluster.free_port()
    conf_dir = Path(tempfile.mkdtemp(prefix="gongkai-bouncer-"))
    conf_dir.chmod(0o755)
    shutil.chown(conf_dir, "postgres")
    (conf_dir / "users.txt").write_text('"postgres" ""\n')
    (conf_dir / "pgbouncer.ini").write_text(
        f"[databases]\n{database} = host=127.0.0.1 port=5432 dbname={database}\n"
        f"[pgbouncer]\nlisten_addr = 127.0.0.1\nlisten_port = {port}\nauth_type = trust\nadmin_users = postgres\n"
        f"auth_file = {conf_dir}/users.txt\npool_mode = transaction\nmax_client_conn = 100\n"
        f"default_pool_size = 4\nunix_socket_dir =\nlogfile = {conf_dir}/pgbouncer.log\n"
        "ignore_startup_parameters = extra_float_digits,options\n"
    )
    bouncer = subprocess.Popen(
        ["runuser", "-u", "postgres", "--", "pgbouncer", str(conf_dir / "pgbouncer.ini")],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    try:
        env = _env(DATABASE_URL=f"postgres://postgres@127.0.0.1:{port}/{database}", GONGKAI_PGBOUNCER="true")
        _gongkai(env, "manage", "migrate", "-v", "0")
        _gongkai(env, "demo")
        script = (
            "from django.test import Client\nc = Client()\n"
            "for q in ('低保', '车辋镇', '工作'):\n"
            "    r = c.get('/search/', {'q': q})\n    assert r.status_code == 200, r.status_code\n"
            "print('SEARCH ok')\n"
            "c.force_login(__import__('gongkai.agencies.demo', fromlist=['x']).demo_user('jingban'))\n"
            "print('STAFF', c.get('/staff/applications/?state=all').status_code)\n"
        )
        out = _gongkai(env, "manage", "shell", "-c", script).stdout
        assert "SEARCH ok" in out and "STAFF 200" in out
        stats = subprocess.run(
            ["psql", "-h", "127.0.0.1", "-p", str(port), "-U", "postgres", "-d", "pgbouncer", "-Atc", "SHOW POOLS"],
            capture_output=True,
            text=True,
        )
        assert database in stats.stdout  # the traffic went through the pooler
    finally:
        bouncer.terminate()
        bouncer.wait(timeout=10)
        subprocess.run(
            ["psql", "-h", "127.0.0.1", "-U", "postgres", "-c", f'DROP DATABASE IF EXISTS "{database}" WITH (FORCE)'],
            capture_output=True,
        )
        shutil.rmtree(conf_dir, ignore_errors=True)
