"""Benchmark: building annual reports from the platform's data.

    .venv/bin/python bench/report_build.py [--database sqlite|postgres] [--rebuild]

Targets (issue 5): one agency with 100,000 applications in a year builds its report in < 2 s;
the county aggregate over 500 agencies (200 applications and 2,000 catalog items each) in < 5 s.
The data set is bulk-loaded once into a database outside the repository
(/tmp/gongkai-bench-reports/ for SQLite, database `gongkai_bench_reports` on PostgreSQL) and reused.
"""

from __future__ import annotations

import argparse
import os
import platform
import random
import statistics
import sys
import time
from datetime import date, timedelta
from pathlib import Path

BENCH_DIR = Path("/tmp/gongkai-bench-reports")
PG_URL = "postgres://postgres@127.0.0.1:5432/gongkai_bench_reports"
YEAR = 2024
BIG_APPLICATIONS = 100_000
AGENCIES = 500
APPLICATIONS_EACH = 200
ITEMS_EACH = 2_000


def configure(database: str) -> None:
    BENCH_DIR.mkdir(parents=True, exist_ok=True)
    os.environ["GONGKAI_VAR_DIR"] = str(BENCH_DIR)
    if database == "postgres":
        import psycopg

        with psycopg.connect("postgresql://postgres@127.0.0.1:5432/postgres", autocommit=True) as conn:
            exists = conn.execute("select 1 from pg_database where datname = 'gongkai_bench_reports'").fetchone()
            if not exists:
                conn.execute("create database gongkai_bench_reports")
        os.environ["DATABASE_URL"] = PG_URL
    else:
        os.environ.pop("DATABASE_URL", None)
    sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "gongkai.settings")
    import django

    django.setup()
    from django.core.management import call_command

    call_command("migrate", verbosity=0)


def _applications(agency, count: int, rng: random.Random, first_day: int = -40, first_serial: int = 1):
    from gongkai.applications.models import Application
    from gongkai.core import outcomes

    types = [t.id for t in outcomes.APPLICANT_TYPES]
    outcome_ids = [o.id for o in outcomes.OUTCOMES]
    rows = []
    for serial in range(first_serial, first_serial + count):
        received = date(YEAR, 1, 1) + timedelta(days=rng.randrange(first_day, 365))
        decided = received + timedelta(days=rng.randrange(1, 45))
        open_at_end = decided > date(YEAR, 12, 31) and rng.random() < 0.5
        rows.append(
            Application(
                agency=agency,
                year=received.year,
                serial=serial,
                number=f"{agency.slug}-{received.year}-{serial:06d}",
                channel="online",
                state="in_progress" if open_at_end else "closed",
                submitted_on=received,
                received_on=received,
                applicant_type=rng.choice(types),
                name="申请人",
                phone="0000",
                information="关于某项政府信息",
                provision_form="electronic",
                delivery="email",
                outcome="" if open_at_end else rng.choice(outcome_ids),
                decided_on=None if open_at_end else decided,
            )
        )
    Application.objects.bulk_create(rows, batch_size=5000)


def _items(agency, column, user, count: int, rng: random.Random):
    from gongkai.catalog.models import Item, ItemVersion

    items = []
    for _ in range(count):
        kind = rng.choices(["other", "normative", "regulation"], [90, 9, 1])[0]
        issued = date(YEAR, 1, 1) + timedelta(days=rng.randrange(-700, 365))
        items.append(
            Item(
                agency=agency,
                column=column,
                doc_kind=kind,
                created_by=user,
                issued_on=issued if kind != "other" else None,
            )
        )
    Item.objects.bulk_create(items, batch_size=5000)
    versions = [
        ItemVersion(
            item=item,
            number=1,
            state="published",
            title="某项信息",
            summary="概述",
            publisher=agency.name,
            written_on=item.issued_on or date(YEAR, 3, 1),
            formed_on=item.issued_on or date(YEAR, 3, 1),
            published_on=item.issued_on or date(YEAR, 3, 1),
            author=user,
        )
        for item in items
    ]
    ItemVersion.objects.bulk_create(versions, batch_size=5000)
    for item, version in zip(items, versions, strict=True):
        item.public_version_id = version.pk
    Item.objects.bulk_update(items, ["public_version"], batch_size=5000)


def build_data() -> None:
    from django.contrib.auth import get_user_model
    from django.db import transaction

    from gongkai.agencies.demo import demo_credit_code
    from gongkai.agencies.models import Agency
    from gongkai.catalog.models import Column

    rng = random.Random(2024)
    user, _ = get_user_model().objects.get_or_create(username="bench")
    with transaction.atomic():
        office = Agency.objects.create(
            name="基准县政务公开办",
            credit_code=demo_credit_code("700000"),
            level="disclosure_office",
            slug="bench-office",
        )
        big = Agency.objects.create(
            name="基准县大局", credit_code=demo_credit_code("700001"), level="county_department", slug="bench-big"
        )
        _applications(big, BIG_APPLICATIONS, rng, first_day=0)
    for number in range(AGENCIES):
        with transaction.atomic():
            agency = Agency.objects.create(
                name=f"基准县第{number:03d}镇人民政府",
                credit_code=demo_credit_code(str(710000 + number)),
                level="township_government",
                slug=f"bench-{number:03d}",
                supervisor=office,
            )
            column = Column.objects.create(agency=agency, name="镇街动态", kind="custom", position=1)
            _applications(agency, APPLICATIONS_EACH, rng)
            _items(agency, column, user, ITEMS_EACH, rng)
        if number % 50 == 49:
            print(f"  loaded {number + 1} agencies", flush=True)


def timed(function, repeat: int) -> list[float]:
    times = []
    for _ in range(repeat):
        start = time.perf_counter()
        function()
        times.append(time.perf_counter() - start)
    return times


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--database", choices=["sqlite", "postgres"], default="sqlite")
    parser.add_argument("--rebuild", action="store_true", help="drop and reload the data set")
    parser.add_argument("--repeat", type=int, default=5)
    args = parser.parse_args()
    if args.rebuild and args.database == "sqlite":
        for path in BENCH_DIR.glob("gongkai.sqlite3*"):
            path.unlink()
    configure(args.database)
    from gongkai.agencies.models import Agency

    if args.rebuild and args.database == "postgres":
        from django.core.management import call_command

        call_command("flush", "--noinput", verbosity=0)
    if not Agency.objects.filter(slug="bench-office").exists():
        print(f"loading the data set into {args.database} (once) ...", flush=True)
        start = time.perf_counter()
        build_data()
        print(f"  loaded in {time.perf_counter() - start:.0f} s", flush=True)

    from django.utils import timezone

    from gongkai.reports.aggregate import county_overview, live_figures
    from gongkai.reports.build import compute_report
    from gongkai.reports.models import YearlyStatistics

    big = Agency.objects.get(slug="bench-big")
    from gongkai.applications.models import Application

    in_year = Application.objects.filter(agency=big, received_on__year=YEAR).count()
    if in_year < BIG_APPLICATIONS:  # data sets from an older version of this script
        _applications(big, BIG_APPLICATIONS - in_year, random.Random(7), first_day=0, first_serial=900_001)
    YearlyStatistics.objects.get_or_create(
        agency=big,
        year=YEAR,
        defaults={  # section 二 inputs confirmed
            "licensing_decisions": 0,
            "penalty_decisions": 0,
            "coercion_decisions": 0,
            "fees_amount_wan_yuan": 0,
        },
    )
    office = Agency.objects.get(slug="bench-office")
    towns = Agency.objects.filter(supervisor=office).order_by("name")
    build_times = timed(lambda: compute_report(big, YEAR), args.repeat)
    report = compute_report(big, YEAR)
    aggregate_times = timed(lambda: live_figures(towns, YEAR, "合计"), max(2, args.repeat // 2))
    overview_times = timed(lambda: county_overview(towns, YEAR, timezone.localdate()), max(2, args.repeat // 2))
    print(
        f"machine: {platform.machine()} {os.cpu_count()} cores, {platform.python_version()}, database {args.database}"
    )
    print(
        f"report build, 1 agency, {report.applications['new_received']['total']:,} new + "
        f"{report.applications['carried_over']['total']:,} carried applications: "
        f"median {statistics.median(build_times) * 1000:.0f} ms, max {max(build_times) * 1000:.0f} ms (target < 2000 ms)"
    )
    print(
        f"county aggregate, {towns.count()} agencies × {APPLICATIONS_EACH} applications + {ITEMS_EACH} items: "
        f"median {statistics.median(aggregate_times) * 1000:.0f} ms, max {max(aggregate_times) * 1000:.0f} ms (target < 5000 ms)"
    )
    print(
        f"county overview page data, {towns.count()} agencies: median {statistics.median(overview_times) * 1000:.0f} ms"
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
