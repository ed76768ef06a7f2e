"""PostgreSQL only: document frequency per bigram code, kept by search_index in the publishing
transaction, so that the count of a common two-character query is one row read instead of a
heap scan over every match (see docs/benchmarks.md). SQLite's FTS5 counts doclists directly."""

from django.db import migrations

from gongkai.catalog.migrations._postgres import postgres_only

PG_UP = [
    "CREATE TABLE catalog_gramstat (gram int4 PRIMARY KEY, n int4 NOT NULL)",
    "INSERT INTO catalog_gramstat (gram, n) SELECT g, count(*) FROM catalog_searchdocument, unnest(grams) g GROUP BY g",
]
PG_DOWN = ["DROP TABLE IF EXISTS catalog_gramstat"]


class Migration(migrations.Migration):
    dependencies = [("catalog", "0002_search_index")]
    operations = [postgres_only(PG_UP, PG_DOWN)]
