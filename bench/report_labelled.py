"""Share of figures read over the labelled set of published shapes:
`.venv/bin/python bench/report_labelled.py [--seeds 20] [--image-seeds 3] [--shapes ofd-scanned,pdf-scanned]`.

Builds the labelled set (tests/fixtures/report-shapes/make_shapes.py) for more seeds in a
temporary directory, reads every file as `gongkai report check` does, and prints per shape the
figures read, null (with a finding) and wrong (must be 0), and the share read.
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import sys
import tempfile
import time
from collections import defaultdict
from datetime import date
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "tests" / "fixtures" / "report-shapes"))

from make_shapes import build

from gongkai.core.report.examine import findings_of
from gongkai.core.report.read import read_report
from gongkai.core.report.read_score import Score, score

SEPARATE = (
    "image-",
    "collapsed-",
    "ofd-blank-",
    "ofd-scanned",
    "pdf-scanned",
    "docx-pictures",
    "pdf-pictures",
    "ofd-pictures",
)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--seeds", type=int, default=20)
    parser.add_argument("--image-seeds", type=int, default=3)
    parser.add_argument(
        "--shapes",
        default="",
        help="read only the shapes starting with one of these (comma-separated), e.g. ofd-scanned,pdf-scanned",
    )
    args = parser.parse_args()
    print(f"# {date.today().isoformat()}  nproc={os.cpu_count()}  python {platform.python_version()}")
    with tempfile.TemporaryDirectory() as temporary:
        out = Path(temporary)
        started = time.perf_counter()
        labels = build(out, seeds=range(100, 100 + args.seeds), image_seeds=range(200, 200 + args.image_seeds))
        print(f"built {len(labels)} files in {time.perf_counter() - started:.0f} s")
        by_shape: dict[str, Score] = defaultdict(Score)
        wrong_at: list[str] = []
        wanted = tuple(p for p in args.shapes.split(",") if p)
        for name, label in sorted(labels.items()):
            if wanted and not label["shape"].startswith(wanted):
                continue
            result = read_report((out / name).read_bytes(), name)
            findings = [f.to_json() for f in findings_of(result)]
            measured, wrong = score(result.report.to_json() if result.report else None, label["report"], findings)
            by_shape[label["shape"]].add(measured)
            wrong_at += [f"{name}: {w}" for w in wrong]
    main_total, other_total = Score(), Score()
    print(f"{'shape':28s} {'read':>7s} {'null':>6s} {'wrong':>6s} {'share':>7s}")
    for shape, measured in sorted(by_shape.items()):
        (other_total if shape.startswith(SEPARATE) else main_total).add(measured)
        print(f"{shape:28s} {measured.read:7d} {measured.null:6d} {measured.wrong:6d} {measured.share:7.1%}")
    print(
        f"{'text, HTML and PDF shapes':28s} {main_total.read:7d} {main_total.null:6d} {main_total.wrong:6d} {main_total.share:7.1%}"
    )
    print(
        f"{'collapsed, blank, image, scan':28s} {other_total.read:7d} {other_total.null:6d} {other_total.wrong:6d} {other_total.share:7.1%}"
    )
    for line in wrong_at:
        print("WRONG", line)
    print(json.dumps({"wrong": len(wrong_at)}))


if __name__ == "__main__":
    main()
