"""PostgreSQL only: the public order (key) with the title bigrams and validity beside it, so
that walking titles in order is an index-only scan (~80 entries a page) instead of reading
every ~2 KB search row it passes (docs/benchmarks.md)."""

from django.db import migrations

from gongkai.catalog.migrations._postgres import postgres_only

PG_UP = ["CREATE INDEX catalog_search_key_title ON catalog_searchdocument (key) INCLUDE (title_grams, validity)"]
PG_DOWN = ["DROP INDEX IF EXISTS catalog_search_key_title"]


class Migration(migrations.Migration):
    dependencies = [("catalog", "0007_title_gram_stats")]
    operations = [postgres_only(PG_UP, PG_DOWN)]
