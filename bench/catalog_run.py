"""Measure the public catalog served by gunicorn with concurrent clients.

    .venv/bin/python bench/catalog_run.py --db sqlite|postgres [--scale 100k|1M] [--clients 8] [--workers 4]
        [--replica-url postgres://postgres@127.0.0.1:5433/gongkai_bench_1m]   # reads from a replica

Needs a catalog built by bench/catalog_build.py (same --db/--scale/--dir). Scenarios: item page,
column listing page 1 and page 1,000 of the big column, search with 200 queries each of 2-, 4-
and 8-character strings drawn from the corpus, with and without filters (agency, validity,
date range). Prints p50/p95/max latency per scenario and the number of errors (non-200).
"""

from __future__ import annotations

import argparse
import http.client
import json
import os
import platform
import queue
import random
import socket
import statistics
import subprocess
import sys
import threading
import time
from pathlib import Path
from urllib.parse import urlencode

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from bench._catalog_corpus import draw_queries
from bench._catalog_setup import DEFAULT_DIR, REPO, SCALES, configure


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def transactions(url: str) -> int:
    """Committed + rolled-back transactions of the database at `url` so far (pg_stat_database)."""
    import psycopg

    name = url.rsplit("/", 1)[1]
    with psycopg.connect(url, autocommit=True) as conn:
        row = conn.execute(
            "SELECT xact_commit + xact_rollback FROM pg_stat_database WHERE datname = %s", [name]
        ).fetchone()
    return int(row[0])


def fetch(port: int, path: str) -> tuple[int, float]:
    started = time.perf_counter()
    conn = http.client.HTTPConnection("127.0.0.1", port, timeout=60)
    try:
        conn.request("GET", path, headers={"Host": "127.0.0.1"})
        response = conn.getresponse()
        response.read()
        status = response.status
    except Exception:
        status = 0
    finally:
        conn.close()
    return status, (time.perf_counter() - started) * 1000


def run_scenario(port: int, paths: list[str], clients: int) -> dict:
    work: queue.Queue = queue.Queue()
    for path in paths:
        work.put(path)
    results: list[tuple[int, float, str]] = []
    lock = threading.Lock()

    def client():
        while True:
            try:
                path = work.get_nowait()
            except queue.Empty:
                return
            status, ms = fetch(port, path)
            with lock:
                results.append((status, ms, path))

    started = time.perf_counter()
    threads = [threading.Thread(target=client) for _ in range(clients)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    elapsed = time.perf_counter() - started
    times = sorted(ms for _, ms, _ in results)
    errors = [(s, p) for s, _, p in results if s != 200]
    return {
        "requests": len(results),
        "p50_ms": round(statistics.median(times), 1),
        "p95_ms": round(times[int(len(times) * 0.95) - 1], 1),
        "max_ms": round(times[-1], 1),
        "rps": round(len(results) / elapsed, 1),
        "errors": len(errors),
        "error_examples": errors[:3],
    }


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--db", choices=["sqlite", "postgres"], required=True)
    parser.add_argument("--scale", choices=list(SCALES), default="100k")
    parser.add_argument("--dir", type=Path, default=DEFAULT_DIR)
    parser.add_argument("--clients", type=int, default=8)
    parser.add_argument("--workers", type=int, default=4)
    parser.add_argument("--requests", type=int, default=400, help="requests per page scenario")
    parser.add_argument("--only", help="comma-separated scenario names")
    parser.add_argument(
        "--replica-url",
        help="GONGKAI_REPLICA_URL for the served platform (a streaming replica, see bench/replica.py): public "
        "pages and search read from it; the transactions each server ran are printed",
    )
    parser.add_argument(
        "--no-page-cache",
        action="store_true",
        help="serve with GONGKAI_PUBLIC_PAGE_CACHE=0 (every page rendered from the database)",
    )
    args = parser.parse_args(argv)
    env = configure(args.db, args.scale, args.dir)
    marker = Path(env["GONGKAI_VAR_DIR"]) / "built.json"
    if not marker.exists():
        raise SystemExit(
            f"no catalog at {marker.parent}: run bench/catalog_build.py --db {args.db} --scale {args.scale}"
        )
    info = json.loads(marker.read_text())

    import django

    django.setup()
    from django.core.management import call_command

    call_command("migrate", verbosity=0)  # a catalog built by an older version: bring the schema up to date
    from gongkai.catalog.models import Item, SearchDocument

    rng = random.Random(7)
    total = info["items"]
    sample_ids = [rng.randint(1, total) for _ in range(args.requests + 40)]  # 40 more, for the warm-up only
    slugs = dict(Item.objects.filter(pk__in=sample_ids).values_list("pk", "agency__slug"))
    item_paths = [f"/agency/{slugs[i]}/item/{i}/" for i in sample_ids if i in slugs]
    big = f"/agency/{info['big_column_agency']}/column/{info['big_column_id']}/"
    doc_rows = list(
        SearchDocument.objects.filter(item_id__in=[rng.randint(1, total) for _ in range(3000)]).values_list(
            "text", "item__agency__slug", "item__public_version__published_on"
        )
    )
    texts = [t for t, _, _ in doc_rows]
    # page 1,000 as the portal links it: ?page=1000&before=<sort key of the last item of page 999>
    # (at 10k, the smoke-test scale, the big column has 250 pages: its last page instead)
    deep = min(1000, info["big_column_items"] // 20)
    cursor = (
        Item.objects.filter(column_id=info["big_column_id"], sort_key__isnull=False)
        .order_by("-sort_key")
        .values_list("sort_key", flat=True)[(deep - 1) * 20 - 1]
    )
    from django.db import connection

    connection.close()

    scenarios: dict[str, list[str]] = {
        "item page": item_paths[:-40],
        "column page 1": [big] * args.requests,
        "column page 1000 (keyset)": [big + f"?page={deep}&before={cursor}"] * args.requests,
        "column page 1000 (offset)": [big + f"?page={deep}"] * args.requests,
    }
    for length in (2, 4, 8):
        queries = draw_queries(texts, rng, length, 200)
        scenarios[f"search {length} chars"] = ["/search/?" + urlencode({"q": q}) for q in queries]
        filtered = []
        for q in queries:
            _, slug, day = rng.choice(doc_rows)
            filtered.append(
                "/search/?"
                + urlencode(
                    {
                        "q": q,
                        "agency": slug,
                        "validity": "effective",
                        "from": f"{day.year - 1}-01-01",
                        "to": f"{day.year}-12-31",
                    }
                )
            )
        scenarios[f"search {length} chars + filters"] = filtered
    if args.only:
        wanted = set(args.only.split(","))
        scenarios = {k: v for k, v in scenarios.items() if k in wanted}

    port = free_port()
    server = subprocess.Popen(
        [
            str(REPO / ".venv/bin/gunicorn"),
            "gongkai.wsgi:application",
            "-b",
            f"127.0.0.1:{port}",
            "--workers",
            str(args.workers),
            "--log-level",
            "warning",
        ],
        cwd=REPO,
        env={
            **os.environ,
            **env,
            "GONGKAI_PUBLIC_PAGE_CACHE": "0" if args.no_page_cache else "1",
            **({"GONGKAI_REPLICA_URL": args.replica_url} if args.replica_url else {}),
        },
    )
    servers = {"primary": env.get("DATABASE_URL"), "replica": args.replica_url} if args.replica_url else {}
    before = {name: transactions(url) for name, url in servers.items()}
    try:
        for _ in range(100):
            time.sleep(0.2)
            if fetch(port, "/")[0] == 200:
                break
        else:
            raise SystemExit("gunicorn did not start")
        results = {}
        for name, paths in scenarios.items():
            # warm-up (workers, connections): other items than those measured, so that measured
            # item pages are never already in the page cache; the same address for listings
            run_scenario(port, item_paths[-40:] if name == "item page" else paths[:40], args.clients)
            results[name] = run_scenario(port, paths, args.clients)
            r = results[name]
            print(
                f"{name:<28} n={r['requests']:<4} p50 {r['p50_ms']:>7} ms  p95 {r['p95_ms']:>7} ms  "
                f"max {r['max_ms']:>7} ms  {r['rps']:>6} req/s  errors {r['errors']}",
                flush=True,
            )
    finally:
        server.terminate()
        server.wait(timeout=30)
    served_by = {name: transactions(url) - before[name] for name, url in servers.items()}
    if served_by:
        print("transactions during the run: " + ", ".join(f"{k} {v:,}" for k, v in served_by.items()), flush=True)
    out = {
        "db": args.db,
        "scale": args.scale,
        "clients": args.clients,
        "workers": args.workers,
        "page_cache": not args.no_page_cache,
        "machine": f"{platform.processor() or platform.machine()}, {os.cpu_count()} cores",
        "date": time.strftime("%Y-%m-%d", time.gmtime()),
        "catalog": info,
        "results": results,
        "replica": bool(args.replica_url),
        "transactions": served_by,
    }
    path = Path(env["GONGKAI_VAR_DIR"]) / f"results-{time.strftime('%Y%m%dT%H%M%S', time.gmtime())}.json"
    path.write_text(json.dumps(out, ensure_ascii=False, indent=1, default=str))
    print(f"results: {path}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
