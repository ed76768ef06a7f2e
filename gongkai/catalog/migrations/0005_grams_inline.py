"""PostgreSQL only: keep the bigram arrays in the row (STORAGE MAIN) so that the long `text`
is the column moved out of line. A search that walks the index in public order tests
`grams @> …` on every row it passes; with the arrays inline that reads heap pages only, and
`text` is fetched (de-TOASTed) just for the rows whose bigrams all match (docs/benchmarks.md).
Affects rows written from now on; existing rows are rewritten when they are next indexed."""

from django.db import migrations

PG_UP = [
    "ALTER TABLE catalog_searchdocument ALTER COLUMN grams SET STORAGE MAIN",
    "ALTER TABLE catalog_searchdocument ALTER COLUMN title_grams SET STORAGE MAIN",
]
PG_DOWN = [
    "ALTER TABLE catalog_searchdocument ALTER COLUMN grams SET STORAGE EXTENDED",
    "ALTER TABLE catalog_searchdocument ALTER COLUMN title_grams SET STORAGE EXTENDED",
]


def _run(statements):
    def run(apps, schema_editor):
        if schema_editor.connection.vendor == "postgresql":
            for sql in statements:
                schema_editor.execute(sql)
    return run


class Migration(migrations.Migration):
    dependencies = [("catalog", "0004_public_generation")]
    operations = [migrations.RunPython(_run(PG_UP), _run(PG_DOWN))]
