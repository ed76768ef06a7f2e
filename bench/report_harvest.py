"""Benchmark `gongkai report harvest` + check against a local site:
`.venv/bin/python bench/report_harvest.py [--reports 1000] [--pdf-share 0.1]`.

Serves a 年报 column of `--reports` reports (published HTML pages, a share of them as PDF
attachments) from 127.0.0.1, 20 links per list page with 下一页 pagination, harvests it with
`--delay 0`, and prints the time of the first run and of the re-run (conditional requests).
"""

from __future__ import annotations

import argparse
import os
import platform
import random
import sys
import tempfile
import time
from datetime import date
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from bench._report_corpus import published_html, random_report  # noqa: E402
from gongkai.core.report.render_pdf import render_pdf  # noqa: E402
from gongkai.harvest.run import Options, harvest  # noqa: E402
from tests.harvest.sites import Page, SiteServer, _html  # noqa: E402


def build(count: int, pdf_share: float) -> dict[str, Page]:
    rng = random.Random(2024)
    pages: dict[str, Page] = {"/robots.txt": Page(b"User-agent: *\nAllow: /\n", "text/plain")}
    pdf_every = int(1 / pdf_share) if pdf_share > 0 else 0
    pdf_cache: list[bytes] = []
    links = []
    for number in range(count):
        report = random_report(rng, agency=f"某某县第{number}局")
        title = f"{report.agency_name}{report.year}年政府信息公开工作年度报告"
        path = f"/reports/{number}.html"
        if pdf_every and number % pdf_every == 0:
            if len(pdf_cache) < 20:
                pdf_cache.append(render_pdf(report))
            pages[path] = Page(_html(title, f"<a href='/files/{number}.pdf'>附件.pdf</a>"))
            pages[f"/files/{number}.pdf"] = Page(pdf_cache[number // pdf_every % len(pdf_cache)], "application/pdf")
        else:
            pages[path] = Page(published_html(report).encode())
        links.append(f"<li><a href='{path}'>{title}</a></li>")
    per_page = 20
    total_pages = (count + per_page - 1) // per_page
    for page in range(total_pages):
        name = "/nianbao/index.html" if page == 0 else f"/nianbao/index_{page}.html"
        body = "<ul>" + "".join(links[page * per_page : (page + 1) * per_page]) + "</ul>"
        if page + 1 < total_pages:
            body += f"<a href='/nianbao/index_{page + 1}.html'>下一页</a>"
        pages[name] = Page(_html("年报", body))
    return pages


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--reports", type=int, default=1000)
    parser.add_argument("--pdf-share", type=float, default=0.1)
    args = parser.parse_args()
    print(
        f"# {date.today().isoformat()}  nproc={os.cpu_count()}  python {platform.python_version()}  "
        f"{platform.processor() or platform.machine()}"
    )
    pages = build(args.reports, args.pdf_share)
    with SiteServer(pages) as server, tempfile.TemporaryDirectory() as temporary:
        for run in ("first run", "re-run"):
            started = time.perf_counter()
            tally = harvest([server.base + "/nianbao/index.html"], Path(temporary), Options(delay=0))
            elapsed = time.perf_counter() - started
            print(
                f"{run:9s} {tally.reports:5d} reports  {elapsed:6.1f} s  {tally.reports / elapsed:6.1f} reports/s  "
                f"fetched={tally.fetched} revalidated={tally.revalidated} with_errors={tally.with_errors} "
                f"problems={tally.problems}"
            )


if __name__ == "__main__":
    main()
