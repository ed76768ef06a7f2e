"""PostgreSQL only: per-bigram document frequency of titles too (`title_n`), kept with `n` in
the publishing transaction. Search uses both to choose, per query, between walking the index
in public order and collecting the (few) matches from the GIN index: the planner's own
estimate for a bigram outside its most-common list is 0.5% of the table, which for a rare
bigram made it walk all 1M rows (docs/benchmarks.md)."""

from django.db import migrations

from gongkai.catalog.migrations._postgres import postgres_only

PG_UP = [
    "ALTER TABLE catalog_gramstat ADD COLUMN title_n int4 NOT NULL DEFAULT 0",
    "UPDATE catalog_gramstat s SET title_n = t.n FROM (SELECT g, count(*) AS n FROM catalog_searchdocument, "
    "unnest(title_grams) g GROUP BY g) t WHERE t.g = s.gram",
]
PG_DOWN = ["ALTER TABLE catalog_gramstat DROP COLUMN IF EXISTS title_n"]


class Migration(migrations.Migration):
    dependencies = [("catalog", "0006_column_empty_reason")]
    operations = [postgres_only(PG_UP, PG_DOWN)]
