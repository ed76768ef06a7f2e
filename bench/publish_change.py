"""One item's change in the biggest column of a published benchmark catalog: how soon each page is fresh.

    .venv/bin/python bench/publish_change.py --db sqlite|postgres [--scale 1M]

Needs the catalog of bench/catalog_build.py published once (bench/publish_all.py). Writes exactly
what a drain writes after an item in the 100,000-item column changes (`site.affected_by_item`,
QR codes kept) and prints when the item page, the column's first page, the agency home, the portal
home and the last listing page were written, counted from the start of the drain.
"""

from __future__ import annotations

import argparse
import json
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from bench._catalog_setup import DEFAULT_DIR, SCALES, configure


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--db", choices=["sqlite", "postgres"], required=True)
    parser.add_argument("--scale", choices=list(SCALES), default="1M")
    parser.add_argument("--dir", type=Path, default=DEFAULT_DIR)
    args = parser.parse_args(argv)
    env = configure(args.db, args.scale, args.dir)
    built = Path(env["GONGKAI_VAR_DIR"]) / "built.json"
    if not (Path(env["GONGKAI_VAR_DIR"]) / "site").is_dir():
        raise SystemExit("先运行 bench/publish_all.py 发布基准目录")
    import django

    django.setup()
    from gongkai.catalog.models import Item
    from gongkai.publishing import services, site

    column_id = json.loads(built.read_text())["big_column_id"]
    item = Item.objects.select_related("agency", "column").filter(column_id=column_id).order_by("-sort_key").first()
    start = time.monotonic()
    paths = site.affected_by_item(item)
    planned = time.monotonic() - start
    marks = {
        f"/agency/{item.agency.slug}/item/{item.pk}/": "item page",
        f"/agency/{item.agency.slug}/column/{column_id}/": "column page 1",
        f"/agency/{item.agency.slug}/": "agency home",
        "/": "portal home",
        paths[-1]: "last path (deep listing)",
    }
    seen = {}
    written = 0

    def tick(_n):
        nonlocal written
        seen.setdefault(paths[written], time.monotonic() - start)
        written += 1

    outcome = services.publish_paths(paths, progress=tick, redraw_qr=False)
    total = time.monotonic() - start
    print(f"{args.db} {args.scale}: {len(paths):,} paths planned in {planned:.2f} s, all written in {total:.1f} s")
    print(
        f"  written {outcome.written}, unchanged {outcome.unchanged}, removed {outcome.removed}, errors {len(outcome.errors)}"
    )
    for path, label in marks.items():
        print(f"  {label:26s} fresh after {seen.get(path, float('nan')):6.2f} s")
    return 0


if __name__ == "__main__":
    sys.exit(main())
