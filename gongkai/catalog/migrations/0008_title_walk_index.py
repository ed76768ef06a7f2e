"""PostgreSQL only: the public order (key) with the title bigrams and validity beside it, so
that walking titles in order is an index-only scan (~80 entries a page) instead of reading
every ~2 KB search row it passes (docs/benchmarks.md)."""

from django.db import migrations

PG_UP = ["CREATE INDEX catalog_search_key_title ON catalog_searchdocument (key) INCLUDE (title_grams, validity)"]
PG_DOWN = ["DROP INDEX IF EXISTS catalog_search_key_title"]


def _run(statements):
    def run(apps, schema_editor):
        if schema_editor.connection.vendor == "postgresql":
            for sql in statements:
                schema_editor.execute(sql)
    return run


class Migration(migrations.Migration):
    dependencies = [("catalog", "0007_title_gram_stats")]
    operations = [migrations.RunPython(_run(PG_UP), _run(PG_DOWN))]
