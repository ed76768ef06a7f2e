"""Build (once) a benchmark catalog of published items across 100 agencies, by bulk loading.

    .venv/bin/python bench/catalog_build.py --db sqlite|postgres [--scale 100k|1M] [--dir DIR]

The catalog goes to DIR/<db>-<scale>/ (default ../gongkai-bench, outside the repository; PostgreSQL:
database gongkai_bench_<scale>) and is reused when it exists (built.json). Texts: titles 15–30
characters, bodies 300–800 characters, words sampled by frequency (bench/_catalog_corpus.py).
One column of agency 0 (“动态”) holds min(100k, scale/2) items for the deep-listing measurement;
the rest are spread over the other agencies' columns. Loading bypasses the workflow (bulk
inserts of Item, ItemVersion, SearchDocument and the bigram index) — it measures reading.
"""

from __future__ import annotations

import argparse
import json
import random
import sys
import time
from datetime import date, datetime, timezone as dt_timezone
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from bench._catalog_corpus import Vocabulary, body_text, title_text  # noqa: E402
from bench._catalog_setup import DEFAULT_DIR, SCALES, configure  # noqa: E402

CHUNK = 5000
AGENCIES = 100


def create_database(url: str) -> None:
    import psycopg

    base, name = url.rsplit("/", 1)
    with psycopg.connect(f"{base}/postgres", autocommit=True) as conn:
        if not conn.execute("SELECT 1 FROM pg_database WHERE datname = %s", [name]).fetchone():
            conn.execute(f'CREATE DATABASE "{name}"')


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--db", choices=["sqlite", "postgres"], required=True)
    parser.add_argument("--scale", choices=list(SCALES), default="100k")
    parser.add_argument("--dir", type=Path, default=DEFAULT_DIR)
    args = parser.parse_args(argv)
    env = configure(args.db, args.scale, args.dir)
    marker = Path(env["GONGKAI_VAR_DIR"]) / "built.json"
    if marker.exists():
        print(f"reusing {marker.parent}: {marker.read_text()}")
        return 0
    if args.db == "postgres":
        create_database(env["DATABASE_URL"])
    import django

    django.setup()
    from django.core.management import call_command

    call_command("migrate", verbosity=0)
    started = time.time()
    info = build(SCALES[args.scale], args.db)
    info.update(seconds=round(time.time() - started), built_on=date.today().isoformat())
    marker.write_text(json.dumps(info, ensure_ascii=False))
    print(json.dumps(info, ensure_ascii=False))
    return 0


def build(total: int, db: str) -> dict:
    from django.contrib.auth import get_user_model
    from django.db import connection, transaction

    from gongkai.agencies.demo import demo_credit_code
    from gongkai.agencies.models import Agency, AgencyLevel
    from gongkai.catalog.models import Column, ColumnKind, Item, ItemVersion, SearchDocument
    from gongkai.catalog.search_index import fts_tokens
    from gongkai.catalog.structure import ensure_catalog
    from gongkai.core.catalog.search import bigrams, gram_code, normalise, sort_key

    rng = random.Random(20261125)
    vocab = Vocabulary()
    user, _ = get_user_model().objects.get_or_create(username="bench")
    agencies, columns_of = [], {}
    levels = [AgencyLevel.TOWNSHIP_GOVERNMENT, AgencyLevel.COUNTY_DEPARTMENT, AgencyLevel.COUNTY_GOVERNMENT]
    with transaction.atomic():
        for i in range(AGENCIES):
            agency, _ = Agency.objects.get_or_create(
                slug=f"bench{i:03d}", defaults=dict(name=f"测试机构{i:03d}", credit_code=demo_credit_code(str(700000 + i)),
                                                    level=levels[i % 3]))
            ensure_catalog(agency)
            agencies.append(agency)
            columns_of[agency.pk] = list(Column.objects.filter(agency=agency).exclude(
                kind__in=[ColumnKind.GUIDE, ColumnKind.SYSTEM, ColumnKind.GROUP]))
        big = Column.objects.get_or_create(agency=agencies[0], name="动态", parent=None,
                                           defaults=dict(kind=ColumnKind.CUSTOM, position=5))[0]
    big_count = min(100_000, total // 2)
    first_day = date(2015, 1, 1).toordinal()
    last_day = date(2025, 12, 31).toordinal()
    serials: dict[tuple[int, int], int] = {}
    now = datetime(2026, 1, 1, tzinfo=dt_timezone.utc)
    if db == "postgres":
        with connection.cursor() as cursor:
            cursor.execute("DROP INDEX IF EXISTS catalog_search_grams")
            cursor.execute("DROP INDEX IF EXISTS catalog_search_title_grams")
    item_id = 0
    t0 = time.time()
    while item_id < total:
        n = min(CHUNK, total - item_id)
        items, versions, docs, fts, copy_rows = [], [], [], [], []
        for _ in range(n):
            item_id += 1
            if item_id <= big_count:
                agency, column = agencies[0], big
            else:
                agency = agencies[1 + rng.randrange(AGENCIES - 1)]
                column = rng.choice(columns_of[agency.pk])
            day = date.fromordinal(rng.randint(first_day, last_day))
            serial = serials[(agency.pk, day.year)] = serials.get((agency.pk, day.year), 0) + 1
            validity = rng.choices(["effective", "expired", "repealed"], [90, 7, 3])[0]
            title = title_text(vocab, rng)
            body = body_text(vocab, rng)
            summary = body[:rng.randint(30, 60)]
            key = sort_key(day.toordinal(), item_id)
            items.append(Item(id=item_id, agency_id=agency.pk, column_id=column.pk, index_number=f"{agency.credit_code}/{day.year}-{serial:05d}",
                              index_year=day.year, index_serial=serial, public_version_id=item_id, first_published_at=now,
                              sort_key=key, validity=validity, created_by=user,
                              validity_changed_on=day if validity != "effective" else None))
            versions.append(ItemVersion(id=item_id, item_id=item_id, number=1, state="published", title=title, summary=summary,
                                        publisher=agency.name, written_on=day, formed_on=day, published_on=day,
                                        body_html="<p>" + body + "</p>", body_text=body, author=user, published_at=now))
            ntitle = normalise(title)
            ntext = normalise("\n".join([title, summary, body]))
            if db == "postgres":
                copy_rows.append((key, item_id, agency.pk, column.pk, validity, ntitle, ntext,
                                  [gram_code(g) for g in bigrams(ntitle, normalised=True)],
                                  [gram_code(g) for g in bigrams(ntext, normalised=True)]))
            else:
                docs.append(SearchDocument(key=key, item_id=item_id, agency_id_copy=agency.pk, column_id_copy=column.pk,
                                           validity=validity, title=ntitle, text=ntext))
                fts.append((key, fts_tokens(ntitle, ntext, agency.pk, column.pk, validity)))
        with transaction.atomic():
            Item.objects.bulk_create(items, batch_size=1000)
            ItemVersion.objects.bulk_create(versions, batch_size=1000)
            if db == "postgres":
                raw = connection.connection
                with raw.cursor() as cursor:
                    with cursor.copy("COPY catalog_searchdocument (key, item_id, agency_id_copy, column_id_copy, validity,"
                                     " title, text, title_grams, grams) FROM STDIN") as copy:
                        for row in copy_rows:
                            copy.write_row(row)
            else:
                SearchDocument.objects.bulk_create(docs, batch_size=1000)
                with connection.cursor() as cursor:
                    cursor.executemany("INSERT INTO catalog_search_fts(rowid, t) VALUES (%s, %s)", fts)
        print(f"  {item_id}/{total} items, {time.time() - t0:.0f}s", flush=True)
    with connection.cursor() as cursor:
        t1 = time.time()
        if db == "postgres":
            cursor.execute("SET maintenance_work_mem = '1GB'")
            cursor.execute("CREATE INDEX catalog_search_title_grams ON catalog_searchdocument USING gin (title_grams) WITH (fastupdate = off)")
            cursor.execute("CREATE INDEX catalog_search_grams ON catalog_searchdocument USING gin (grams) WITH (fastupdate = off)")
            cursor.execute("TRUNCATE catalog_gramstat")
            cursor.execute("INSERT INTO catalog_gramstat (gram, n) SELECT g, count(*) FROM catalog_searchdocument, "
                           "unnest(grams) g GROUP BY g")
        else:
            cursor.execute("INSERT INTO catalog_search_fts(catalog_search_fts) VALUES('optimize')")
        index_seconds = time.time() - t1
    if db == "postgres":
        import psycopg
        from django.conf import settings

        d = settings.DATABASES["default"]
        with psycopg.connect(host=d["HOST"], port=d["PORT"] or 5432, user=d["USER"], dbname=d["NAME"], autocommit=True) as conn:
            conn.execute("VACUUM ANALYZE")
    else:
        with connection.cursor() as cursor:
            cursor.execute("ANALYZE")
    return {"items": total, "agencies": AGENCIES, "big_column_items": big_count, "big_column_id": big.pk,
            "big_column_agency": agencies[0].slug, "index_build_seconds": round(index_seconds)}


if __name__ == "__main__":
    sys.exit(main())
