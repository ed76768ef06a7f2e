"""The shipped nginx configuration in front of a running instance (Debian's nginx, high ports).

A separate instance (its own var directory and SQLite database, gunicorn in a subprocess) so
that it can be stopped: the published pages must keep being served while the application and
its database are gone. Independent of the test database, so it runs in the SQLite pass only."""

from __future__ import annotations

import os
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import time
import urllib.error
import urllib.parse
import urllib.request
from pathlib import Path

import pytest

pytestmark = [
    pytest.mark.skipif(shutil.which("nginx") is None, reason="needs Debian's nginx"),
    pytest.mark.skipif(
        os.environ.get("GONGKAI_TEST_DB") == "postgres", reason="independent of the database; runs once"
    ),
]

GONGKAI = str(Path(sys.executable).with_name("gongkai"))


def _port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def _get(url: str, timeout=10) -> tuple[int, bytes, dict]:
    try:
        with urllib.request.urlopen(url, timeout=timeout) as response:
            return response.status, response.read(), dict(response.headers)
    except urllib.error.HTTPError as error:
        return error.code, error.read(), dict(error.headers)


def _wait(url: str, seconds=30) -> None:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        try:
            urllib.request.urlopen(url, timeout=2)
            return
        except urllib.error.HTTPError:
            return
        except OSError:
            time.sleep(0.2)
    raise AssertionError(f"{url} did not come up")


@pytest.fixture
def instance():
    # nginx's workers run as an unprivileged user: the directories must be readable by them
    # (pytest's own temporary directories are private to root).
    tmp_path = Path(tempfile.mkdtemp(prefix="gongkai-nginx-"))
    tmp_path.chmod(0o755)
    var = tmp_path / "var"
    app_port, web_port = _port(), _port()
    env = {
        **os.environ,
        "GONGKAI_VAR_DIR": str(var),
        "GONGKAI_PUBLISH": "sync",
        "PORT": str(app_port),
        "GONGKAI_SITE_HOST": f"127.0.0.1:{web_port}",
    }
    env.pop("DATABASE_URL", None)
    env.pop("PYTEST_VERSION", None)
    env.pop("GONGKAI_TEST_DB", None)

    def run(*args):
        return subprocess.run([GONGKAI, *args], env=env, capture_output=True, text=True, timeout=300, check=True)

    run("manage", "migrate", "-v", "0")
    run("demo")
    run("publish", "--all", "--quiet")
    app = subprocess.Popen(
        [GONGKAI, "serve", "--port", str(app_port), "--workers", "1"],
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
        start_new_session=True,
    )
    prefix = tmp_path / "nginx"
    prefix.mkdir()
    conf = subprocess.run([GONGKAI, "publish", "--nginx-config"], env=env, capture_output=True, text=True, check=True)
    assert "try_files $uri $uri/index.html @app" in conf.stdout
    from gongkai.publishing.nginx import standalone_config

    (prefix / "nginx.conf").write_text(
        standalone_config(
            listen=f"127.0.0.1:{web_port}", upstream=f"127.0.0.1:{app_port}", publish_dir=var / "site", prefix=prefix
        )
    )
    web = subprocess.Popen(
        ["nginx", "-p", str(prefix), "-c", str(prefix / "nginx.conf"), "-g", "daemon off;"],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
    )
    try:
        _wait(f"http://127.0.0.1:{app_port}/")
        _wait(f"http://127.0.0.1:{web_port}/")
        yield {"env": env, "run": run, "app": app, "web": f"http://127.0.0.1:{web_port}", "var": var}
    finally:
        for process in (web, app):
            if process.poll() is None:
                os.killpg(process.pid, signal.SIGTERM) if process is app else process.terminate()
                process.wait(timeout=20)
        shutil.rmtree(tmp_path, ignore_errors=True)


def test_nginx_serves_published_pages_proxies_dynamic_ones_and_survives_the_application(instance):
    web, var = instance["web"], instance["var"]
    status, body, headers = _get(web + "/agency/cheyang/")
    assert status == 200 and "车辋镇人民政府" in body.decode()
    assert headers.get("X-Content-Type-Options") == "nosniff" and "Content-Security-Policy" in headers
    assert body == (var / "site/agency/cheyang/index.html").read_bytes()  # the file, as written
    status, body, headers = _get(web + "/static/gongkai/site.css")
    assert status == 200 and headers["Content-Type"].startswith("text/css")
    status, body, _ = _get(web + "/search/?q=" + urllib.parse.quote("低保"))
    assert status == 200 and "搜索" in body.decode()  # dynamic: proxied to the application

    # A publication appears: approve a new item in the application (GONGKAI_PUBLISH=sync).
    script = (
        "from datetime import date\n"
        "from gongkai.agencies.demo import township, demo_user\n"
        "from gongkai.catalog import actions\n"
        "from gongkai.catalog.models import Column\n"
        "a = township(); col = Column.objects.get(agency=a, name='镇街动态')\n"
        "it = actions.create_item(agency=a, column=col, actor=demo_user('jingban'), fields={'title': '静态发布新信息',"
        " 'summary': '测试', 'publisher': '车辋镇人民政府', 'written_on': date(2026, 11, 2), 'body_html': '<p>正文</p>'})\n"
        "from django.utils import timezone\n"
        "actions.submit_version(version=it.versions.get(), actor=demo_user('jingban'), now=timezone.now())\n"
        "actions.approve_version(version=it.versions.get(), actor=demo_user('shenhe'), opinion='同意', now=timezone.now())\n"
        "print(it.pk)\n"
    )
    item_pk = instance["run"]("manage", "shell", "-c", script).stdout.strip().splitlines()[-1]
    status, body, _ = _get(f"{web}/agency/cheyang/item/{item_pk}/")
    assert status == 200 and "静态发布新信息" in body.decode()
    assert "静态发布新信息" in _get(web + "/agency/cheyang/")[1].decode()

    # The application and its database go away: the public pages stay.
    app = instance["app"]
    os.killpg(app.pid, signal.SIGTERM)
    app.wait(timeout=20)
    (var / "gongkai.sqlite3").rename(var / "gone.sqlite3")
    for path in (
        "/",
        "/agency/cheyang/",
        f"/agency/cheyang/item/{item_pk}/",
        "/agency/cheyang/annual-reports/2024/",
        "/agency/cheyang/guide/",
        f"/agency/cheyang/item/{item_pk}/qr.svg",
    ):
        status, _, _ = _get(web + path)
        assert status == 200, path
    assert _get(web + "/search/?q=x")[0] == 502  # dynamic pages need the application
