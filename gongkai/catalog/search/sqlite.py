"""Search candidates on SQLite: the FTS5 table catalog_search_fts (its rowid is the key), one
token per bigram (`g…`, `t…` in titles) and per filter value (`zag…`, `zco…`, `zva…`)."""

from __future__ import annotations

from gongkai.catalog.models import SearchDocument
from gongkai.catalog.search.plan import Backend
from gongkai.catalog.search_index import code_hex
from gongkai.core.catalog.search import gram_code
from gongkai.routing import read_connection


class SQLiteBackend(Backend):
    def _match(self, title_only: bool) -> str:
        prefix = "t" if title_only else "g"
        tokens = [f"{prefix}{code_hex(gram_code(g))}" for g in self.parsed.grams]
        f = self.filters
        if f.agency_id is not None:
            tokens.append(f"zag{f.agency_id}")
        if f.column_id is not None:
            tokens.append(f"zco{f.column_id}")
        match = " AND ".join(tokens)
        if f.validity == "effective":
            # 有效 is ~90% of a catalog: merging its doclist costs 4-5x the query; excluding the
            # two small ones gives the same rows (docs/benchmarks.md).
            return f"({match}) NOT zvaexpired NOT zvarepealed"
        if f.validity:
            return f"{match} AND zva{f.validity}"
        return match

    def _where(self, title_only, before):
        sql = "catalog_search_fts MATCH %s"
        params = [self._match(title_only)]
        high = self.high if before is None else (before - 1 if self.high is None else min(self.high, before - 1))
        if self.low is not None:
            sql += " AND rowid >= %s"
            params.append(self.low)
        if high is not None:
            sql += " AND rowid <= %s"
            params.append(high)
        return sql, params

    def keys(self, title_only: bool, before: int | None, limit: int) -> list[int]:
        where, params = self._where(title_only, before)
        with read_connection(SearchDocument).cursor() as cursor:
            cursor.execute(
                f"SELECT rowid FROM catalog_search_fts WHERE {where} ORDER BY rowid DESC LIMIT %s", params + [limit]
            )
            return [row[0] for row in cursor.fetchall()]

    def rows(self, title_only, before, limit):
        keys = self.keys(title_only, before, limit)
        if not keys:
            return []
        marks = ",".join(["%s"] * len(keys))
        with read_connection(SearchDocument).cursor() as cursor:
            cursor.execute(f"SELECT key, item_id, title, text FROM catalog_searchdocument WHERE key IN ({marks})", keys)
            found = {row[0]: row for row in cursor.fetchall()}
        return [found[k] for k in keys if k in found]

    def count(self, cap: int) -> int:
        where, params = self._where(False, None)
        with read_connection(SearchDocument).cursor() as cursor:
            cursor.execute(
                f"SELECT count(*) FROM (SELECT rowid FROM catalog_search_fts WHERE {where} LIMIT %s)", params + [cap]
            )
            return cursor.fetchone()[0]
