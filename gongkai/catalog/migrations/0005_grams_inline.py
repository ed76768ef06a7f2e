"""PostgreSQL only: keep the bigram arrays in the row (STORAGE MAIN) so that the long `text`
is the column moved out of line. A search that walks the index in public order tests
`grams @> …` on every row it passes; with the arrays inline that reads heap pages only, and
`text` is fetched (de-TOASTed) just for the rows whose bigrams all match (docs/benchmarks.md).
Affects rows written from now on; existing rows are rewritten when they are next indexed."""

from django.db import migrations

from gongkai.catalog.migrations._postgres import postgres_only

PG_UP = [
    "ALTER TABLE catalog_searchdocument ALTER COLUMN grams SET STORAGE MAIN",
    "ALTER TABLE catalog_searchdocument ALTER COLUMN title_grams SET STORAGE MAIN",
]
PG_DOWN = [
    "ALTER TABLE catalog_searchdocument ALTER COLUMN grams SET STORAGE EXTENDED",
    "ALTER TABLE catalog_searchdocument ALTER COLUMN title_grams SET STORAGE EXTENDED",
]


class Migration(migrations.Migration):
    dependencies = [("catalog", "0004_public_generation")]
    operations = [postgres_only(PG_UP, PG_DOWN)]
