"""Send a bomb of every upload kind to a running server (as `make run` starts it) and record the
peak resident memory of the whole process group (jobs loop + gunicorn master + workers) and the
time to the answer.

    .venv/bin/python bench/upload_bombs.py [--port 8123] [--keep]

Loads the demo data (as `make setup`), starts `scripts/run.sh` ( `gongkai jobs loop`, `gongkai serve` with 2 workers) in a new
process group with a fresh GONGKAI_VAR_DIR (SQLite) under /tmp, logs in as the demo users, uploads
each bomb (tests/robustness/bombs.py) to the page that takes that kind, samples the RSS of every
process of the group every 20 ms, and prints a Markdown table for docs/benchmarks.md.
"""

from __future__ import annotations

import argparse
import http.cookiejar
import json
import os
import platform
import re
import signal
import subprocess
import sys
import tempfile
import threading
import time
import urllib.parse
import urllib.request
import uuid
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))

from tests.robustness import bombs  # noqa: E402

PASSWORD = "gongkai-demo-2024"
PAGE = os.sysconf("SC_PAGE_SIZE")


def group_rss(pgid: int) -> int:
    total = 0
    for entry in os.listdir("/proc"):
        if not entry.isdigit():
            continue
        try:
            with open(f"/proc/{entry}/stat") as stat:
                fields = stat.read().rsplit(")", 1)[1].split()
            if int(fields[2]) != pgid:  # field 5 (pgrp), counted after the ") "
                continue
            with open(f"/proc/{entry}/statm") as statm:
                total += int(statm.read().split()[1]) * PAGE
        except (OSError, IndexError, ValueError):
            continue
    return total


class Sampler(threading.Thread):
    def __init__(self, pgid: int):
        super().__init__(daemon=True)
        self.pgid, self.peak, self.running = pgid, 0, True

    def run(self):
        while self.running:
            self.peak = max(self.peak, group_rss(self.pgid))
            time.sleep(0.02)


class Browser:
    def __init__(self, base: str):
        self.base = base
        self.jar = http.cookiejar.CookieJar()
        self.opener = urllib.request.build_opener(urllib.request.HTTPCookieProcessor(self.jar))

    def csrf(self) -> str:
        return next((c.value for c in self.jar if c.name == "csrftoken"), "")

    def get(self, path: str) -> str:
        with self.opener.open(self.base + path, timeout=120) as response:
            return response.read().decode("utf-8", "replace")

    def login(self, username: str) -> None:
        self.get("/accounts/login/")
        body = urllib.parse.urlencode(
            {"username": username, "password": PASSWORD, "csrfmiddlewaretoken": self.csrf()}
        ).encode()
        request = urllib.request.Request(
            self.base + "/accounts/login/", data=body, headers={"Referer": self.base + "/accounts/login/"}
        )
        self.opener.open(request, timeout=60).read()

    def post_files(self, path: str, fields: dict, files: list[tuple[str, str, bytes]]) -> tuple[int, str]:
        boundary = uuid.uuid4().hex
        parts = []
        for name, value in {**fields, "csrfmiddlewaretoken": self.csrf()}.items():
            parts.append(f'--{boundary}\r\nContent-Disposition: form-data; name="{name}"\r\n\r\n{value}\r\n'.encode())
        for field, filename, data in files:
            parts.append(
                f'--{boundary}\r\nContent-Disposition: form-data; name="{field}"; filename="{filename}"\r\n'
                f"Content-Type: application/octet-stream\r\n\r\n".encode()
                + data
                + b"\r\n"
            )
        parts.append(f"--{boundary}--\r\n".encode())
        request = urllib.request.Request(
            self.base + path,
            data=b"".join(parts),
            headers={"Content-Type": f"multipart/form-data; boundary={boundary}", "Referer": self.base + path},
        )
        try:
            with self.opener.open(request, timeout=300) as response:
                return response.status, response.read().decode("utf-8", "replace")
        except urllib.error.HTTPError as error:
            return error.code, error.read().decode("utf-8", "replace")


def refusal(html: str) -> str:
    """The first Chinese refusal on the page (error lists and messages)."""
    for pattern in (
        r'class="errorlist[^"]*"[^>]*>\s*<li>(.*?)</li>',
        r'<li class="error">(.*?)</li>',
        r'class="finding-error"><strong>错误</strong> \[input.unreadable\] [^：]*：(.*?)</li>',
        r"<li>(第\d+行.*?|文件.*?)</li>",
        r'role="alert">\s*<li>(.*?)</li>',
    ):
        match = re.search(pattern, html, re.DOTALL)
        if match:
            return re.sub(r"<[^>]+>", "", match.group(1)).strip()[:120]
    return "（页面中未找到拒收说明）"


def pks(env: dict) -> dict:
    code = (
        "from gongkai.agencies.models import Agency\nfrom gongkai.catalog.models import Column\n"
        "a = Agency.objects.get(slug='cheyang')\nimport json\n"
        "c = Column.objects.filter(agency=a, kind='custom').first() or Column.objects.filter(agency=a)"
        ".exclude(kind__in=['guide','system','group']).first()\n"
        "print(json.dumps({'agency': a.pk, 'column': c.pk}))"
    )
    out = subprocess.run(
        [str(REPO / ".venv/bin/gongkai"), "manage", "shell", "-c", code], env=env, capture_output=True, text=True
    )
    if out.returncode:
        raise SystemExit(f"upload_bombs: {out.stderr[-1500:]}")
    return json.loads(out.stdout.strip().splitlines()[-1])


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--port", type=int, default=8123)
    parser.add_argument("--keep", action="store_true", help="keep the temporary var directory")
    args = parser.parse_args()
    var = tempfile.mkdtemp(prefix="gongkai-bombs-")
    env = {**os.environ, "GONGKAI_VAR_DIR": var, "PORT": str(args.port), "DJANGO_SETTINGS_MODULE": "gongkai.settings"}
    env.pop("DATABASE_URL", None)
    subprocess.run([str(REPO / ".venv/bin/gongkai"), "manage", "migrate", "-v", "0"], env=env, check=True)
    subprocess.run([str(REPO / ".venv/bin/gongkai"), "demo"], env=env, check=True, stdout=subprocess.DEVNULL)
    log = open(os.path.join(var, "server.log"), "w")
    server = subprocess.Popen(
        ["bash", str(REPO / "scripts/run.sh")],
        cwd=REPO,
        env=env,
        start_new_session=True,
        stdout=log,
        stderr=subprocess.STDOUT,
    )
    base = f"http://127.0.0.1:{args.port}"
    try:
        for _ in range(150):
            try:
                urllib.request.urlopen(base + "/", timeout=2).read()
                break
            except OSError:
                time.sleep(0.2)
        ids = pks(env)
        time.sleep(2)
        idle = group_rss(server.pid)
        users = {name: Browser(base) for name in ("jingban", "guanli", "gongkaiban")}
        for name, browser in users.items():
            browser.login(name)
        item = {
            "column": ids["column"],
            "doc_kind": "other",
            "title": "炸弹测试",
            "summary": "概述",
            "publisher": "车辋镇人民政府",
            "written_on": "2026-01-05",
        }
        agency = ids["agency"]
        cases = [
            (
                "报告检查：DOCX 炸弹（200 MB document.xml）",
                "gongkaiban",
                "/staff/reports/check/",
                {},
                "files",
                "bomb.docx",
                bombs.docx_bomb,
            ),
            (
                "报告检查：ZIP 炸弹（300 MB 成员）",
                "gongkaiban",
                "/staff/reports/check/",
                {},
                "files",
                "reports.zip",
                bombs.zip_bomb,
            ),
            (
                "报告检查：PDF 内容流炸弹（600 MB）",
                "gongkaiban",
                "/staff/reports/check/",
                {},
                "files",
                "bomb.pdf",
                bombs.pdf_flate_bomb,
            ),
            (
                "附件：DOCX 炸弹",
                "jingban",
                f"/staff/catalog/agency/{agency}/new/",
                item,
                "attachments",
                "bomb.docx",
                bombs.docx_bomb,
            ),
            (
                "附件：XLSX 炸弹",
                "jingban",
                f"/staff/catalog/agency/{agency}/new/",
                item,
                "attachments",
                "bomb.xlsx",
                bombs.xlsx_bomb,
            ),
            (
                "附件：PDF 400 页",
                "jingban",
                f"/staff/catalog/agency/{agency}/new/",
                item,
                "attachments",
                "pages.pdf",
                bombs.pdf_pages,
            ),
            (
                "附件：PDF 内容流炸弹",
                "jingban",
                f"/staff/catalog/agency/{agency}/new/",
                item,
                "attachments",
                "bomb.pdf",
                bombs.pdf_flate_bomb,
            ),
            (
                "目录导入：XLSX 炸弹",
                "guanli",
                f"/staff/catalog/agency/{agency}/import/",
                {},
                "catalog",
                "catalog.xlsx",
                bombs.xlsx_bomb,
            ),
            (
                "目录导入：10 万行 XLSX",
                "guanli",
                f"/staff/catalog/agency/{agency}/import/",
                {},
                "catalog",
                "catalog.xlsx",
                bombs.xlsx_many_rows,
            ),
            (
                "目录导入：DTD 实体 XLSX",
                "guanli",
                f"/staff/catalog/agency/{agency}/import/",
                {},
                "catalog",
                "catalog.xlsx",
                bombs.xlsx_with_dtd,
            ),
            (
                "台账导入：XLSX 炸弹",
                "jingban",
                f"/staff/applications/agency/{agency}/ledger/import/",
                {},
                "file",
                "台账.xlsx",
                bombs.xlsx_bomb,
            ),
            (
                "台账导入：10 万行 XLSX",
                "jingban",
                f"/staff/applications/agency/{agency}/ledger/import/",
                {},
                "file",
                "台账.xlsx",
                bombs.xlsx_many_rows,
            ),
            (
                "统计数据导入：XLSX 炸弹",
                "jingban",
                f"/staff/reports/statistics/{agency}/2025/",
                {},
                "file",
                "stats.xlsx",
                bombs.xlsx_bomb,
            ),
        ]
        rows = []
        for label, user, path, fields, field, filename, build in cases:
            data = build()
            sampler = Sampler(server.pid)
            sampler.start()
            started = time.monotonic()
            status, html = users[user].post_files(path, fields, [(field, filename, data)])
            seconds = time.monotonic() - started
            time.sleep(0.1)
            sampler.running = False
            sampler.join()
            rows.append(
                {
                    "upload": label,
                    "bytes": len(data),
                    "status": status,
                    "seconds": round(seconds, 2),
                    "peak_group_rss_mb": round(sampler.peak / 2**20),
                    "refusal": refusal(html),
                }
            )
            print(json.dumps(rows[-1], ensure_ascii=False), flush=True)
    finally:
        os.killpg(server.pid, signal.SIGTERM)
        server.wait(timeout=30)
        if not args.keep:
            subprocess.run(["rm", "-rf", var], check=False)
    print(
        f"\n{time.strftime('%Y-%m-%d %H:%M UTC', time.gmtime())} — {platform.processor() or platform.machine()}, "
        f"{os.cpu_count()} CPU, Python {platform.python_version()}; idle group RSS {idle / 2**20:.0f} MB\n"
    )
    print("| upload | size | answer | seconds | peak group RSS (MB) | refusal shown |")
    print("|---|---|---|---|---|---|")
    for row in rows:
        print(
            f"| {row['upload']} | {row['bytes'] / 1024:.0f} KB | {row['status']} | {row['seconds']} | "
            f"{row['peak_group_rss_mb']} | {row['refusal']} |"
        )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
