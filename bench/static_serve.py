"""Static publishing, measured side by side in one run on this machine:

    .venv/bin/python bench/static_serve.py [--seconds 10] [--updates 20]

1. Rate: a published item page served from the publish directory by the shipped nginx
   configuration, against nginx serving a plain file of the same size with a minimal
   configuration, and against the application itself (gunicorn, 2 workers, page cache warm) —
   `wrk -t2 -c32` for each, one after the other.
2. Freshness: with 8 clients reading published pages through nginx meanwhile, the time from an
   approval (its transaction committed) to nginx serving the new item page and the column page
   listing it (GONGKAI_PUBLISH=thread, the production default).

A fresh instance of the demo (its own var directory) is set up and removed afterwards.
"""

from __future__ import annotations

import argparse
import os
import re
import shutil
import signal
import socket
import statistics
import subprocess
import sys
import tempfile
import threading
import time
import urllib.error
import urllib.request
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
GONGKAI = str(REPO / ".venv/bin/gongkai")


def _port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def _wait(url: str) -> None:
    for _ in range(300):
        try:
            urllib.request.urlopen(url, timeout=2)
            return
        except urllib.error.HTTPError:
            return
        except OSError:
            time.sleep(0.1)
    raise SystemExit(f"{url} did not come up")


def wrk(url: str, seconds: int) -> dict:
    out = subprocess.run(
        ["wrk", "-t2", "-c32", f"-d{seconds}s", "--latency", url], capture_output=True, text=True, check=True
    ).stdout
    rate = float(re.search(r"Requests/sec:\s+([\d.]+)", out).group(1))

    def latency(p):
        m = re.search(rf"\s{p}%\s+([\d.]+)(us|ms|s)", out)
        value, unit = float(m.group(1)), m.group(2)
        return value / 1000 if unit == "us" else value * 1000 if unit == "s" else value

    return {"rate": rate, "p50": latency(50), "p99": latency(99), "errors": "Non-2xx" in out or "Socket errors" in out}


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--seconds", type=int, default=10)
    parser.add_argument("--updates", type=int, default=20)
    args = parser.parse_args(argv)
    for tool in ("nginx", "wrk"):
        if shutil.which(tool) is None:
            raise SystemExit(f"需要 {tool}（Debian 软件包）")
    top = Path(tempfile.mkdtemp(prefix="gongkai-static-bench-"))
    top.chmod(0o755)
    var = top / "var"
    app_port, web_port, plain_port = _port(), _port(), _port()
    env = {
        **os.environ,
        "GONGKAI_VAR_DIR": str(var),
        "GONGKAI_PUBLISH": "thread",
        "PORT": str(app_port),
        "GONGKAI_SITE_HOST": f"127.0.0.1:{web_port}",
        "DJANGO_SETTINGS_MODULE": "gongkai.settings",
    }
    env.pop("DATABASE_URL", None)
    os.environ.update(env)
    processes = []
    try:
        for cmd in (["manage", "migrate", "-v", "0"], ["demo"], ["publish", "--all", "--quiet"]):
            subprocess.run([GONGKAI, *cmd], env=env, check=True, stdout=subprocess.DEVNULL)
        import django

        django.setup()
        from gongkai.publishing.nginx import standalone_config

        prefix = top / "nginx"
        prefix.mkdir()
        (prefix / "nginx.conf").write_text(
            standalone_config(
                listen=f"127.0.0.1:{web_port}",
                upstream=f"127.0.0.1:{app_port}",
                publish_dir=var / "site",
                prefix=prefix,
            )
        )
        site = var / "site"
        item_file = max(site.glob("agency/cheyang/item/*/index.html"), key=lambda p: p.stat().st_size)
        item_url = "/" + str(item_file.parent.relative_to(site)) + "/"
        plain = top / "plain"
        (plain / "conf").mkdir(parents=True)
        shutil.copyfile(item_file, plain / "page.html")
        (plain / "conf/nginx.conf").write_text(
            f"worker_processes 2; pid {plain}/conf/nginx.pid; error_log {plain}/conf/error.log;"
            f" events {{ worker_connections 1024; }} http {{ access_log off; sendfile on;"
            f" client_body_temp_path {plain}/conf/cb; proxy_temp_path {plain}/conf/p;"
            f" fastcgi_temp_path {plain}/conf/f; uwsgi_temp_path {plain}/conf/u; scgi_temp_path {plain}/conf/s;"
            f" server {{ listen 127.0.0.1:{plain_port}; root {plain}; default_type text/html; }} }}"
        )
        processes.append(
            subprocess.Popen(
                [GONGKAI, "serve", "--port", str(app_port), "--workers", "2"],
                env=env,
                stdout=subprocess.DEVNULL,
                stderr=subprocess.DEVNULL,
                start_new_session=True,
            )
        )
        processes.append(
            subprocess.Popen(
                ["nginx", "-p", str(prefix), "-c", str(prefix / "nginx.conf"), "-g", "daemon off;"],
                start_new_session=True,
            )
        )
        processes.append(
            subprocess.Popen(
                ["nginx", "-p", str(plain / "conf"), "-c", str(plain / "conf/nginx.conf"), "-g", "daemon off;"],
                start_new_session=True,
            )
        )
        for port in (app_port, web_port, plain_port):
            _wait(f"http://127.0.0.1:{port}/")
        size = item_file.stat().st_size
        print(f"item page {item_url}: {size} bytes", flush=True)
        for _ in range(200):  # warm the application's page cache in both workers
            urllib.request.urlopen(f"http://127.0.0.1:{app_port}{item_url}").read()
        results = {
            "nginx, plain file (minimal configuration)": wrk(f"http://127.0.0.1:{plain_port}/page.html", args.seconds),
            "nginx, published page (shipped configuration)": wrk(
                f"http://127.0.0.1:{web_port}{item_url}", args.seconds
            ),
            "application (gunicorn 2 workers, page cache warm)": wrk(
                f"http://127.0.0.1:{app_port}{item_url}", args.seconds
            ),
        }
        base = results["nginx, plain file (minimal configuration)"]["rate"]
        print("\n| server | requests/s | share of plain file | p50 ms | p99 ms |\n|---|---|---|---|---|")
        for name, r in results.items():
            print(
                f"| {name} | {r['rate']:,.0f} | {r['rate'] / base:.0%} | {r['p50']:.2f} | {r['p99']:.2f} |"
                + (" (errors)" if r["errors"] else "")
            )
        freshness = measure_freshness(web_port, args.updates)
        print(
            f"\nfreshness over {len(freshness)} approvals with 8 readers: p50 {statistics.median(freshness):.2f} s, "
            f"p95 {percentile(freshness, 95):.2f} s, max {max(freshness):.2f} s"
        )
    finally:
        for process in processes:
            try:
                os.killpg(process.pid, signal.SIGTERM)
                process.wait(timeout=20)
            except (ProcessLookupError, subprocess.TimeoutExpired):
                pass
        shutil.rmtree(top, ignore_errors=True)
    return 0


def percentile(values, p):
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(p / 100 * (len(ordered) - 1)))]


def measure_freshness(web_port: int, updates: int) -> list[float]:
    from datetime import date

    from django.utils import timezone

    from gongkai.agencies.demo import demo_user, township
    from gongkai.catalog import actions
    from gongkai.catalog.models import Column

    agency = township()
    column = Column.objects.get(agency=agency, name="镇街动态")
    base = f"http://127.0.0.1:{web_port}"
    stop = threading.Event()

    def reader():
        pages = [f"{base}/agency/cheyang/", f"{base}/agency/cheyang/column/{column.pk}/"]
        i = 0
        while not stop.is_set():
            try:
                urllib.request.urlopen(pages[i % 2], timeout=5).read()
            except OSError:
                pass
            i += 1

    readers = [threading.Thread(target=reader, daemon=True) for _ in range(8)]
    for t in readers:
        t.start()
    handler, reviewer = demo_user("jingban"), demo_user("shenhe")
    delays = []
    try:
        for n in range(updates):
            title = f"时效测试信息第{n + 1}条"
            item = actions.create_item(
                agency=agency,
                column=column,
                actor=handler,
                fields={
                    "title": title,
                    "summary": "时效测试",
                    "publisher": agency.name,
                    "written_on": date(2026, 11, 2),
                    "body_html": "<p>正文</p>",
                },
            )
            version = item.versions.get()
            actions.submit_version(version=version, actor=handler, now=timezone.now())
            actions.approve_version(version=version, actor=reviewer, opinion="同意", now=timezone.now())
            start = time.monotonic()  # committed: from here the public must see it
            item_url = f"{base}/agency/cheyang/item/{item.pk}/"
            listing = f"{base}/agency/cheyang/column/{column.pk}/"
            while True:
                try:
                    page = urllib.request.urlopen(item_url, timeout=5).read().decode()
                    lst = urllib.request.urlopen(listing, timeout=5).read().decode()
                    if title in page and title in lst:
                        break
                except urllib.error.HTTPError:
                    pass
                if time.monotonic() - start > 60:
                    raise SystemExit(f"{title} not served after 60 s")
                time.sleep(0.02)
            delays.append(time.monotonic() - start)
    finally:
        stop.set()
    return delays


if __name__ == "__main__":
    sys.exit(main())
