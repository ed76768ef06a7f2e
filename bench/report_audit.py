"""Benchmark `gongkai report audit`: `.venv/bin/python bench/report_audit.py [--reports 10000]`.

Generates random valid reports (half published HTML pages, half scraped text with dropped
labels and noise), audits the directory the way `gongkai report audit DIR --out` does (all
cores), and prints reports per second; PDF, DOCX and OFD (half of them with zero cells printed
empty) are timed separately on fewer files. `--kinds ofd` runs one group only.
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

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from bench._report_corpus import published_html, random_report
from bench._report_ofd import report_ofd
from gongkai.core.report.examine import audit_directory
from gongkai.core.report.render_docx import render_docx
from gongkai.core.report.render_pdf import render_pdf
from gongkai.core.report.render_text import render_text
from tests.core.report import degrade


def write_corpus(directory: Path, count: int, kinds: tuple[str, ...], seed: int = 1) -> None:
    rng = random.Random(seed)
    for number in range(count):
        report = random_report(rng)
        kind = kinds[number % len(kinds)]
        if kind == "html":
            content: bytes = published_html(report).encode("utf-8")
        elif kind == "text":
            text = degrade.inject_noise(degrade.drop_labels(render_text(report), rng, 0.3), rng)
            content = text.encode("utf-8")
        elif kind == "docx":
            content = render_docx(report)
        elif kind == "ofd":
            content = report_ofd(report, blank_zeros=number % 2 == 1)
        else:
            content = render_pdf(report)
        (directory / f"report-{number:05d}.{kind}").write_bytes(content)


def measure(kinds: tuple[str, ...], count: int, jobs: int) -> tuple[float, dict]:
    with tempfile.TemporaryDirectory() as temporary:
        directory = Path(temporary) / "reports"
        directory.mkdir()
        write_corpus(directory, count, kinds)
        started = time.perf_counter()
        result = audit_directory(str(directory), str(Path(temporary) / "results.jsonl"), jobs=jobs)
        elapsed = time.perf_counter() - started
    return count / elapsed, result


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--reports", type=int, default=10_000)
    parser.add_argument("--office-reports", type=int, default=60, help="PDF, DOCX and OFD files each")
    parser.add_argument("--kinds", default="html+text,docx,pdf,ofd", help="groups to time, comma-separated")
    parser.add_argument("--jobs", type=int, default=os.cpu_count() or 1)
    args = parser.parse_args()
    print(
        f"# {date.today().isoformat()}  nproc={os.cpu_count()}  jobs={args.jobs}  "
        f"python {platform.python_version()}  {platform.processor() or platform.machine()}"
    )
    for label, kinds, count in (
        ("html+text", ("html", "text"), args.reports),
        ("docx", ("docx",), args.office_reports),
        ("pdf", ("pdf",), args.office_reports),
        ("ofd", ("ofd",), args.office_reports),
    ):
        if label not in args.kinds.split(","):
            continue
        rate, result = measure(kinds, count, args.jobs)
        print(
            f"{label:10s} {count:6d} reports  {rate:8.1f} reports/s  "
            f"ok={result['ok']} errors={result['with_errors']} unreadable={result['unreadable']}"
        )


if __name__ == "__main__":
    main()
