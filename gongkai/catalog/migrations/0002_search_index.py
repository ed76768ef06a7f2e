"""The bigram search index, per database (see gongkai/catalog/search/).

SQLite: a contentless FTS5 table (rowid = SearchDocument.key) with pre-tokenised bigrams in
columns t (title) and b (title, 文号, body, attachments) and filter tokens in f.
PostgreSQL: int4[] bigram codes on catalog_searchdocument with GIN indexes.
"""

from django.db import migrations

SQLITE_UP = [
    "CREATE VIRTUAL TABLE catalog_search_fts USING fts5(t, b, f, content='', "
    "tokenize='unicode61 remove_diacritics 0', detail=none)",
]
SQLITE_DOWN = ["DROP TABLE IF EXISTS catalog_search_fts"]
PG_UP = [
    "ALTER TABLE catalog_searchdocument ADD COLUMN title_grams int4[] NOT NULL DEFAULT '{}'",
    "ALTER TABLE catalog_searchdocument ADD COLUMN grams int4[] NOT NULL DEFAULT '{}'",
    "CREATE INDEX catalog_search_title_grams ON catalog_searchdocument USING gin (title_grams) WITH (fastupdate = off)",
    "CREATE INDEX catalog_search_grams ON catalog_searchdocument USING gin (grams) WITH (fastupdate = off)",
]
PG_DOWN = [
    "DROP INDEX IF EXISTS catalog_search_grams",
    "DROP INDEX IF EXISTS catalog_search_title_grams",
    "ALTER TABLE catalog_searchdocument DROP COLUMN IF EXISTS grams",
    "ALTER TABLE catalog_searchdocument DROP COLUMN IF EXISTS title_grams",
]


def _run(statements_by_vendor):
    def run(apps, schema_editor):
        statements = statements_by_vendor.get(schema_editor.connection.vendor, [])
        for sql in statements:
            schema_editor.execute(sql)
    return run


class Migration(migrations.Migration):
    dependencies = [("catalog", "0001_initial")]
    operations = [
        migrations.RunPython(
            _run({"sqlite": SQLITE_UP, "postgresql": PG_UP}),
            _run({"sqlite": SQLITE_DOWN, "postgresql": PG_DOWN}),
        )
    ]
