"""Benchmark `gongkai report compare`: `.venv/bin/python bench/report_compare.py [--agencies 500] [--years 2]`.

Builds random reports for N agencies over Y years (report JSON, as a harvest leaves them), then
times the comparison and its HTML, XLSX and JSON outputs.
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import random
import sys
import time
from datetime import date
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from bench._report_corpus import random_report
from gongkai.core.report.compare import compare
from gongkai.core.report.compare_render import to_html, to_xlsx

SUFFIXES = ("局", "委员会", "镇人民政府", "街道办事处", "人民政府")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--agencies", type=int, default=500)
    parser.add_argument("--years", type=int, default=2)
    args = parser.parse_args()
    print(f"# {date.today().isoformat()}  nproc={os.cpu_count()}  python {platform.python_version()}")
    rng = random.Random(7)
    entries = []
    for number in range(args.agencies):
        name = f"某某县第{number}{SUFFIXES[number % len(SUFFIXES)]}"
        for year in range(2025 - args.years, 2025):
            entries.append(
                {
                    "report": random_report(rng, agency=name, year=year).to_json(),
                    "published_on": f"{year + 1}-01-{rng.randint(10, 31)}",
                    "url": f"/r/{number}/{year}",
                }
            )
    timings = {}
    started = time.perf_counter()
    result = compare(entries)
    timings["compare"] = time.perf_counter() - started
    for name, render in (
        ("json", lambda: json.dumps(result, ensure_ascii=False)),
        ("html", lambda: to_html(result, "")),
        ("xlsx", lambda: to_xlsx(result)),
    ):
        started = time.perf_counter()
        render()
        timings[name] = time.perf_counter() - started
    total = sum(timings.values())
    print(
        f"{args.agencies} agencies x {args.years} years ({len(entries)} reports): "
        + "  ".join(f"{k} {v:.2f} s" for k, v in timings.items())
        + f"  total {total:.2f} s"
    )


if __name__ == "__main__":
    main()
