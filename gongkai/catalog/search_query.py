"""Search over public items: bigram candidates from the index, substring check on the real
(normalised) text, and a database-independent order:

    items whose title contains every term first, then newest 发布日期, then highest id.

The index is walked in key order (key = 发布日期, id), in batches, so the cost follows the
page asked for, not the number of matches. The count is exact up to VERIFY_LIMIT candidates,
otherwise the candidate count (shown as 约), capped at COUNT_CAP (shown as "10000+").
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date

from django.db import connection

from gongkai.catalog.search_index import _hex, gram_document_count
from gongkai.core.catalog.search import ParsedQuery, gram_code, key_range_for_dates, matches

PAGE_SIZE = 20
MAX_PAGES = 50
COUNT_CAP = 10000
VERIFY_LIMIT = 300
BATCH = 200


@dataclass(frozen=True)
class Filters:
    agency_id: int | None = None
    column_id: int | None = None
    validity: str | None = None
    published_from: date | None = None
    published_to: date | None = None


@dataclass
class SearchResult:
    item_ids: list[int]
    count: int
    count_exact: bool
    capped: bool
    page: int
    has_next: bool
    terms: tuple[str, ...] = field(default=())

    @property
    def count_label(self) -> str:
        if self.capped:
            return f"{COUNT_CAP}+"
        return str(self.count) if self.count_exact else f"约{self.count}"


class _Backend:
    def __init__(self, parsed: ParsedQuery, filters: Filters):
        self.parsed = parsed
        self.filters = filters
        self.low, self.high = key_range_for_dates(
            filters.published_from.toordinal() if filters.published_from else None,
            filters.published_to.toordinal() if filters.published_to else None,
        )


class _SQLite(_Backend):
    def _match(self, title_only: bool) -> str:
        prefix = "t" if title_only else "g"
        tokens = [f"{prefix}{_hex(gram_code(g))}" for g in self.parsed.grams]
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
        with connection.cursor() as cursor:
            cursor.execute(f"SELECT rowid FROM catalog_search_fts WHERE {where} ORDER BY rowid DESC LIMIT %s",
                           params + [limit])
            return [row[0] for row in cursor.fetchall()]

    def rows(self, title_only, before, limit):
        keys = self.keys(title_only, before, limit)
        if not keys:
            return []
        marks = ",".join(["%s"] * len(keys))
        with connection.cursor() as cursor:
            cursor.execute(f"SELECT key, item_id, title, text FROM catalog_searchdocument WHERE key IN ({marks})", keys)
            found = {row[0]: row for row in cursor.fetchall()}
        return [found[k] for k in keys if k in found]

    def count(self, cap: int) -> int:
        where, params = self._where(False, None)
        with connection.cursor() as cursor:
            cursor.execute(f"SELECT count(*) FROM (SELECT rowid FROM catalog_search_fts WHERE {where} LIMIT %s)",
                           params + [cap])
            return cursor.fetchone()[0]


class _Postgres(_Backend):
    def _where(self, title_only, before):
        column = "title_grams" if title_only else "grams"
        sql = f"{column} @> %s::int4[]"
        params: list = [[gram_code(g) for g in self.parsed.grams]]
        f = self.filters
        if f.agency_id is not None:
            sql += " AND agency_id_copy = %s"
            params.append(f.agency_id)
        if f.column_id is not None:
            sql += " AND column_id_copy = %s"
            params.append(f.column_id)
        if f.validity:
            sql += " AND validity = %s"
            params.append(f.validity)
        if self.low is not None:
            sql += " AND key >= %s"
            params.append(self.low)
        if self.high is not None:
            sql += " AND key <= %s"
            params.append(self.high)
        if before is not None:
            sql += " AND key < %s"
            params.append(before)
        return sql, params

    def rows(self, title_only, before, limit):
        where, params = self._where(title_only, before)
        with connection.cursor() as cursor:
            cursor.execute(f"SELECT key, item_id, title, text FROM catalog_searchdocument WHERE {where} "
                           "ORDER BY key DESC LIMIT %s", params + [limit])
            return cursor.fetchall()

    def count(self, cap: int) -> int:
        f = self.filters
        unfiltered = not (f.agency_id or f.column_id or f.validity or self.low is not None or self.high is not None)
        if unfiltered and len(self.parsed.grams) == 1:
            # exact document frequency, kept in the publishing transaction (migration 0003)
            return min(gram_document_count(gram_code(self.parsed.grams[0])), cap)
        where, params = self._where(False, None)
        with connection.cursor() as cursor:
            cursor.execute(f"SELECT count(*) FROM (SELECT 1 FROM catalog_searchdocument WHERE {where} LIMIT %s) s",
                           params + [cap])
            return cursor.fetchone()[0]


def _backend(parsed, filters) -> _Backend:
    return _Postgres(parsed, filters) if connection.vendor == "postgresql" else _SQLite(parsed, filters)


def _verified(backend: _Backend, title_only: bool, want: int, skip_title_matches: bool):
    """Up to `want` verified (key, item_id) in order; also whether the stream is exhausted."""
    out = []
    before = None
    terms = backend.parsed
    batch = min(BATCH, max(2 * want, 40))  # small first read; grows when matches are sparse
    while len(out) < want:
        rows = backend.rows(title_only, before, batch)
        for key, item_id, title, text in rows:
            if title_only:
                ok = matches(terms, title)
            else:
                ok = matches(terms, text) and not (skip_title_matches and matches(terms, title))
            if ok:
                out.append(item_id)
                if len(out) == want:
                    return out, False
        if len(rows) < batch:
            return out, True
        before = rows[-1][0]
        batch = min(batch * 4, 2000)
    return out, False


def search(parsed: ParsedQuery, filters: Filters, page: int = 1) -> SearchResult:
    """One page of results; `page` must be 1..MAX_PAGES (views check it)."""
    backend = _backend(parsed, filters)
    start = (page - 1) * PAGE_SIZE
    need = start + PAGE_SIZE + 1  # one more to know whether a next page exists
    title_ids, title_done = _verified(backend, True, need, False)
    ordered = list(title_ids)
    every_match_read = False
    if title_done and len(ordered) < need:
        rest, every_match_read = _verified(backend, False, need - len(ordered), True)
        ordered += rest
    window = ordered[start:start + PAGE_SIZE]
    has_next = len(ordered) > start + PAGE_SIZE and page < MAX_PAGES
    if every_match_read:  # both streams ran dry: the count is what was read
        return SearchResult(window, len(ordered), True, False, page, has_next, parsed.terms)

    candidates = backend.count(COUNT_CAP + 1)
    capped = candidates > COUNT_CAP
    if len(parsed.terms) == 1 and parsed.grams == parsed.terms:
        count, exact = candidates, True  # a single bigram query: candidates are exact matches
    elif candidates <= VERIFY_LIMIT:
        all_ids, _ = _verified(backend, False, VERIFY_LIMIT + 1, False)
        count, exact = len(all_ids), True
    else:
        count, exact = candidates, False
    if not capped and exact and not has_next:
        count = max(count, len(ordered))
    return SearchResult(window, min(count, COUNT_CAP), exact, capped, page, has_next, parsed.terms)
