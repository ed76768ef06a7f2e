"""A migration operation that runs SQL on PostgreSQL only (on SQLite the search index is FTS5,
migration 0002). The leading underscore keeps Django's migration loader from reading this file."""

from django.db import migrations


def postgres_only(up: list[str], down: list[str]) -> migrations.RunPython:
    def run(statements):
        def apply(apps, schema_editor):
            if schema_editor.connection.vendor == "postgresql":
                for sql in statements:
                    schema_editor.execute(sql)
        return apply
    return migrations.RunPython(run(up), run(down))
