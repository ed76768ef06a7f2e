"""`gongkai publish --all` over a benchmark catalog: time, files and disk use.

    .venv/bin/python bench/publish_all.py --db sqlite|postgres [--scale 100k] [--jobs 2]

Uses the catalog that bench/catalog_build.py built (DIR/<db>-<scale>/); the pages go to
DIR/<db>-<scale>/site. Run twice to see a rebuild where nothing changed (files compared, not
rewritten).
"""

from __future__ import annotations

import argparse
import os
import resource
import subprocess
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from bench._catalog_setup import DEFAULT_DIR, SCALES, configure

REPO = Path(__file__).resolve().parents[1]


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--db", choices=["sqlite", "postgres"], required=True)
    parser.add_argument("--scale", choices=list(SCALES), default="100k")
    parser.add_argument("--dir", type=Path, default=DEFAULT_DIR)
    parser.add_argument("--jobs", type=int, default=os.cpu_count() or 1)
    args = parser.parse_args(argv)
    env = {**os.environ, **configure(args.db, args.scale, args.dir), "GONGKAI_PUBLISH": "off"}
    if not (Path(env["GONGKAI_VAR_DIR"]) / "built.json").exists():
        raise SystemExit("先运行 bench/catalog_build.py 构建基准目录")
    subprocess.run([str(REPO / ".venv/bin/gongkai"), "manage", "migrate", "-v", "0"], env=env, check=True)
    site = Path(env["GONGKAI_VAR_DIR"]) / "site"
    start = time.monotonic()
    subprocess.run(
        [str(REPO / ".venv/bin/gongkai"), "publish", "--all", "--quiet", "--jobs", str(args.jobs)], env=env, check=True
    )
    seconds = time.monotonic() - start
    files = sum(1 for _ in site.rglob("*") if _.is_file())
    du = subprocess.run(["du", "-sb", str(site)], capture_output=True, text=True, check=True).stdout.split()[0]
    peak = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 2**20  # KiB → GiB
    print(
        f"{args.db} {args.scale}: {files:,} files, {int(du) / 2**30:.2f} GiB, {seconds:.0f} s "
        f"({files / seconds:,.0f} files/s, {args.jobs} processes, largest process {peak:.2f} GiB)"
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
