#!/usr/bin/env python3
"""Regenerate the README gallery (docs/screenshots/*.png) from the demo.

    .venv/bin/gongkai demo                       # once: the demo data
    .venv/bin/python scripts/screenshots.py      # starts a local server, shoots, stops it
    .venv/bin/python scripts/screenshots.py --base-url http://127.0.0.1:8000   # a running server

Uses Debian's Chromium through Playwright (GONGKAI_CHROMIUM overrides /usr/bin/chromium) and
pdftoppm (poppler-utils) for the first page of the published report's PDF. Read-only: it logs in
as the demo handler but changes nothing (the application form is shown with its error messages,
never submitted).
"""

from __future__ import annotations

import argparse
import os
import socket
import subprocess
import sys
import tempfile
import time
import urllib.request
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
CHROMIUM = os.environ.get("GONGKAI_CHROMIUM", "/usr/bin/chromium")
DESKTOP = {"width": 1366, "height": 860}
PHONE = {"width": 390, "height": 844}
DEMO_PASSWORD = "gongkai-demo-2024"


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def _start_server() -> tuple[subprocess.Popen, str]:
    port = _free_port()
    env = dict(os.environ, GONGKAI_DEBUG="1")
    gongkai = ROOT / ".venv" / "bin" / "gongkai"
    process = subprocess.Popen(
        [str(gongkai), "manage", "runserver", "--noreload", f"127.0.0.1:{port}"],
        cwd=ROOT,
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    base = f"http://127.0.0.1:{port}"
    for _ in range(60):
        try:
            urllib.request.urlopen(base + "/", timeout=2)
            return process, base
        except OSError:
            time.sleep(0.5)
    process.terminate()
    sys.exit("截图失败：本地服务未能启动（请先运行 gongkai demo）")


def shoot(base: str, out: Path) -> list[Path]:
    from playwright.sync_api import sync_playwright

    out.mkdir(parents=True, exist_ok=True)
    made = []
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=["--headless", "--no-sandbox"])

        def page_for(viewport, mobile=False):
            context = browser.new_context(locale="zh-CN", viewport=viewport, is_mobile=mobile, has_touch=mobile)
            return context.new_page()

        desktop = page_for(DESKTOP)
        for name, path in (
            ("portal-agency-home", "/agency/cheyang/"),
            ("apply-notice", "/agency/cheyang/apply-notice/"),
            ("report-page", "/agency/cheyang/annual-reports/2024/"),
        ):
            desktop.goto(base + path)
            desktop.screenshot(path=out / f"{name}.png")
            made.append(out / f"{name}.png")

        phone = page_for(PHONE, mobile=True)
        phone.goto(base + "/agency/cheyang/")
        phone.screenshot(path=out / "phone-agency-home.png")
        phone.goto(base + "/apply/cheyang/")
        phone.check("#id_applicant_type_0")
        phone.fill("#id_phone", "1" * 40)
        phone.click("#submit-application")  # refused: nothing is saved
        phone.screenshot(path=out / "phone-application-form.png")
        made += [out / "phone-agency-home.png", out / "phone-application-form.png"]

        desktop.goto(base + "/accounts/login/")
        desktop.fill("#id_username", "jingban")
        desktop.fill("#id_password", DEMO_PASSWORD)
        desktop.click("button[type=submit]")
        desktop.wait_for_url("**/staff/**")
        desktop.goto(base + "/staff/")
        desktop.screenshot(path=out / "clerk-desk.png")
        desktop.goto(base + "/staff/applications/?state=all")
        desktop.screenshot(path=out / "clerk-applications.png")
        made += [out / "clerk-desk.png", out / "clerk-applications.png"]
        browser.close()

    with tempfile.TemporaryDirectory() as tmp:
        pdf = Path(tmp) / "report.pdf"
        pdf.write_bytes(urllib.request.urlopen(base + "/agency/cheyang/annual-reports/2024/report.pdf").read())
        subprocess.run(
            [
                "pdftoppm",
                "-png",
                "-r",
                "70",
                "-f",
                "1",
                "-l",
                "1",
                "-singlefile",
                str(pdf),
                str(out / "report-pdf-page1"),
            ],
            check=True,
        )
        made.append(out / "report-pdf-page1.png")
    return made


def main() -> int:
    parser = argparse.ArgumentParser(description="生成 README 截图（docs/screenshots/）")
    parser.add_argument("--base-url", help="已运行的服务地址；省略则自动启动本地服务")
    parser.add_argument("--out", default=str(ROOT / "docs" / "screenshots"))
    args = parser.parse_args()
    server = None
    base = args.base_url
    if not base:
        server, base = _start_server()
    try:
        for path in shoot(base.rstrip("/"), Path(args.out)):
            print(path.relative_to(ROOT) if path.is_relative_to(ROOT) else path)
    finally:
        if server is not None:
            server.terminate()
            server.wait(timeout=10)
    return 0


if __name__ == "__main__":
    sys.exit(main())
