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
import functools
import itertools
import json
import sys
import time
from datetime import UTC, date, datetime
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from bench._catalog_corpus import read_corpus, write_corpus
from bench._catalog_setup import DEFAULT_DIR, SCALES, configure

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
    info = build(SCALES[args.scale], args.db, args.dir)
    info.update(seconds=round(time.time() - started), built_on=date.today().isoformat())
    marker.write_text(json.dumps(info, ensure_ascii=False))
    print(json.dumps(info, ensure_ascii=False))
    return 0


def build(total: int, db: str, directory: Path) -> dict:
    from django.contrib.auth import get_user_model
    from django.db import connection, transaction

    from gongkai.agencies.demo import demo_credit_code
    from gongkai.agencies.models import Agency, AgencyLevel
    from gongkai.catalog.models import Column, ColumnKind
    from gongkai.catalog.structure import ensure_catalog

    big_count = min(100_000, total // 2)
    corpus = directory / f"corpus-{total}.tsv"
    t0 = time.time()
    write_corpus(corpus, total, big_count)
    corpus_seconds = time.time() - t0
    user, _ = get_user_model().objects.get_or_create(username="bench")
    agencies, columns_of = [], {}
    levels = [AgencyLevel.TOWNSHIP_GOVERNMENT, AgencyLevel.COUNTY_DEPARTMENT, AgencyLevel.COUNTY_GOVERNMENT]
    with transaction.atomic():
        for i in range(AGENCIES):
            agency, _ = Agency.objects.get_or_create(
                slug=f"bench{i:03d}",
                defaults=dict(
                    name=f"测试机构{i:03d}", credit_code=demo_credit_code(str(700000 + i)), level=levels[i % 3]
                ),
            )
            ensure_catalog(agency)
            agencies.append(agency)
            columns_of[agency.pk] = list(
                Column.objects.filter(agency=agency)
                .exclude(kind__in=[ColumnKind.GUIDE, ColumnKind.SYSTEM, ColumnKind.GROUP])
                .order_by("pk")
            )
        big = Column.objects.get_or_create(
            agency=agencies[0], name="动态", parent=None, defaults=dict(kind=ColumnKind.CUSTOM, position=5)
        )[0]
    loader = _PostgresLoader(connection) if db == "postgres" else _SQLiteLoader(connection)
    loader.prepare()
    t1 = time.time()
    rows = _rows(corpus, total, agencies, columns_of, big, user.pk, db)
    while True:
        chunk = list(itertools.islice(rows, CHUNK))
        if not chunk:
            break
        with transaction.atomic():
            loader.load(chunk)
        print(f"  {chunk[-1]['id']}/{total} items, {time.time() - t1:.0f}s", flush=True)
    load_seconds = time.time() - t1
    t2 = time.time()
    loader.finish()
    return {
        "items": total,
        "agencies": AGENCIES,
        "big_column_items": big_count,
        "big_column_id": big.pk,
        "big_column_agency": agencies[0].slug,
        "corpus_seconds": round(corpus_seconds),
        "load_seconds": round(load_seconds),
        "index_build_seconds": round(time.time() - t2),
    }


def _rows(corpus: Path, total: int, agencies, columns_of, big, user_id: int, db: str):
    """Items in id order; 发布日期 rises with the id (2015-01-01 … 2025-12-31), as a catalog that
    grew over the years does, so the table's physical order follows the public order."""
    from gongkai.catalog.search_index import fts_tokens
    from gongkai.core.catalog.search import bigrams, gram_code, normalise, sort_key

    code = functools.lru_cache(maxsize=None)(gram_code)
    first_day = date(2015, 1, 1).toordinal()
    days = date(2025, 12, 31).toordinal() - first_day + 1
    serials: dict[tuple[int, int], int] = {}
    for item_id, agency_no, pick, in_big, validity, title, summary_len, body in read_corpus(corpus):
        if in_big:
            agency, column = agencies[0], big
        else:
            agency = agencies[1 + agency_no % (AGENCIES - 1)]
            choices = columns_of[agency.pk]
            column = choices[int(pick * len(choices)) % len(choices)]
        day = date.fromordinal(first_day + (item_id - 1) * days // total)
        serial = serials[(agency.pk, day.year)] = serials.get((agency.pk, day.year), 0) + 1
        summary = body[:summary_len]
        ntitle = normalise(title)
        ntext = normalise("\n".join([title, summary, body]))
        row = {
            "id": item_id,
            "agency": agency,
            "column": column.pk,
            "day": day,
            "serial": serial,
            "validity": validity,
            "title": title,
            "summary": summary,
            "body": body,
            "user": user_id,
            "key": sort_key(day.toordinal(), item_id),
            "ntitle": ntitle,
            "ntext": ntext,
        }
        if db == "postgres":
            row["title_grams"] = [code(g) for g in bigrams(ntitle, normalised=True)]
            row["grams"] = [code(g) for g in bigrams(ntext, normalised=True)]
        else:
            row["fts"] = fts_tokens(ntitle, ntext, agency.pk, column.pk, validity)
        yield row


NOW = datetime(2026, 1, 1, tzinfo=UTC)
ITEM_COLUMNS = (
    "id, agency_id, column_id, doc_kind, index_number, index_year, index_serial, public_version_id, "
    "first_published_at, sort_key, validity, validity_changed_on, retire_reason, created_by_id, "
    "created_at, imported"
)
VERSION_COLUMNS = (
    "id, item_id, number, state, title, summary, doc_number, publisher, written_on, formed_on, "
    "published_on, topic, keywords, body_html, body_text, change_note, public_note, author_id, created_at, "
    "published_at"
)


def _item_row(r, now):
    a = r["agency"]
    return (
        r["id"],
        a.pk,
        r["column"],
        "other",
        f"{a.credit_code}/{r['day'].year}-{r['serial']:05d}",
        r["day"].year,
        r["serial"],
        r["id"],
        now,
        r["key"],
        r["validity"],
        r["day"] if r["validity"] != "effective" else None,
        "",
        r["user"],
        now,
        False,
    )


def _version_row(r, now):
    return (
        r["id"],
        r["id"],
        1,
        "published",
        r["title"],
        r["summary"],
        "",
        r["agency"].name,
        r["day"],
        r["day"],
        r["day"],
        "",
        "",
        "<p>" + r["body"] + "</p>",
        r["body"],
        "",
        "",
        r["user"],
        now,
        now,
    )


class _SQLiteLoader:
    """executemany on the sqlite3 connection; FTS5 optimised at the end."""

    def __init__(self, connection):
        self.connection = connection

    def prepare(self):
        with self.connection.cursor() as cursor:
            cursor.execute("PRAGMA synchronous = OFF")

    def load(self, chunk):
        now = NOW.strftime("%Y-%m-%d %H:%M:%S")
        fix = lambda row: tuple(v.isoformat() if isinstance(v, date) else v for v in row)  # noqa: E731
        with self.connection.cursor() as cursor:
            cursor.executemany(
                f"INSERT INTO catalog_item ({ITEM_COLUMNS}) VALUES ({', '.join(['%s'] * 16)})",
                [fix(_item_row(r, now)) for r in chunk],
            )
            cursor.executemany(
                f"INSERT INTO catalog_itemversion ({VERSION_COLUMNS}) VALUES ({', '.join(['%s'] * 20)})",
                [fix(_version_row(r, now)) for r in chunk],
            )
            cursor.executemany(
                "INSERT INTO catalog_searchdocument (key, item_id, agency_id_copy, column_id_copy, "
                "validity, title, text) VALUES (%s, %s, %s, %s, %s, %s, %s)",
                [
                    (r["key"], r["id"], r["agency"].pk, r["column"], r["validity"], r["ntitle"], r["ntext"])
                    for r in chunk
                ],
            )
            cursor.executemany(
                "INSERT INTO catalog_search_fts(rowid, t) VALUES (%s, %s)", [(r["key"], r["fts"]) for r in chunk]
            )

    def finish(self):
        with self.connection.cursor() as cursor:
            cursor.execute("INSERT INTO catalog_search_fts(catalog_search_fts) VALUES('optimize')")
            cursor.execute("ANALYZE")


class _PostgresLoader:
    """COPY with foreign-key triggers off (session_replication_role = replica) and the GIN
    indexes dropped; they are built once at the end, then VACUUM ANALYZE."""

    def __init__(self, connection):
        self.connection = connection

    def prepare(self):
        with self.connection.cursor() as cursor:
            cursor.execute("DROP INDEX IF EXISTS catalog_search_grams")
            cursor.execute("DROP INDEX IF EXISTS catalog_search_title_grams")

    def load(self, chunk):
        with self.connection.connection.cursor() as cursor:
            cursor.execute("SET LOCAL session_replication_role = replica")
            cursor.execute("SET LOCAL synchronous_commit = off")
            for table, columns, rows in (
                ("catalog_item", ITEM_COLUMNS, (_item_row(r, NOW) for r in chunk)),
                ("catalog_itemversion", VERSION_COLUMNS, (_version_row(r, NOW) for r in chunk)),
                (
                    "catalog_searchdocument",
                    "key, item_id, agency_id_copy, column_id_copy, validity, title, text, title_grams, grams",
                    (
                        (
                            r["key"],
                            r["id"],
                            r["agency"].pk,
                            r["column"],
                            r["validity"],
                            r["ntitle"],
                            r["ntext"],
                            r["title_grams"],
                            r["grams"],
                        )
                        for r in chunk
                    ),
                ),
            ):
                with cursor.copy(f"COPY {table} ({columns}) FROM STDIN") as copy:
                    for row in rows:
                        copy.write_row(row)

    def finish(self):
        import psycopg
        from django.conf import settings

        with self.connection.cursor() as cursor:
            for table in ("catalog_item", "catalog_itemversion"):
                cursor.execute(f"SELECT setval(pg_get_serial_sequence('{table}', 'id'), (SELECT max(id) FROM {table}))")
            cursor.execute("SET maintenance_work_mem = '2GB'")
            cursor.execute(
                "CREATE INDEX catalog_search_title_grams ON catalog_searchdocument USING gin (title_grams) "
                "WITH (fastupdate = off)"
            )
            cursor.execute(
                "CREATE INDEX catalog_search_grams ON catalog_searchdocument USING gin (grams) WITH (fastupdate = off)"
            )
            cursor.execute("TRUNCATE catalog_gramstat")
            cursor.execute(
                "INSERT INTO catalog_gramstat (gram, n) SELECT g, count(*) FROM catalog_searchdocument, "
                "unnest(grams) g GROUP BY g"
            )
            cursor.execute(
                "UPDATE catalog_gramstat s SET title_n = t.n FROM (SELECT g, count(*) AS n FROM "
                "catalog_searchdocument, unnest(title_grams) g GROUP BY g) t WHERE t.g = s.gram"
            )
        d = settings.DATABASES["default"]
        with psycopg.connect(
            host=d["HOST"], port=d["PORT"] or 5432, user=d["USER"], dbname=d["NAME"], autocommit=True
        ) as conn:
            conn.execute("VACUUM ANALYZE")


if __name__ == "__main__":
    sys.exit(main())
