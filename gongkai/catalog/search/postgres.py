"""Search candidates on PostgreSQL: int4[] bigram arrays with GIN indexes on
catalog_searchdocument, and the exact bigram document frequencies of catalog_gramstat."""

from __future__ import annotations

from contextlib import contextmanager

from django.db import transaction

from gongkai.catalog.models import SearchDocument
from gongkai.catalog.search.plan import Backend, Filters
from gongkai.catalog.search_index import gram_document_counts
from gongkai.core.catalog.search import ParsedQuery, gram_code
from gongkai.routing import read_connection

COLLECT_LIMIT = 1000  # a bigram in at most this many documents is always collected, not walked
MULTI_COLLECT_LIMIT = 20000  # …and several bigrams whose rarest is in at most this many
NARROWED_COLLECT_LIMIT = 30000  # …and with an agency or column filter
WALK_ROW_COST = 90  # reading a row in a walk costs about as much as this many GIN entries (measured at 1M)
WINDOW_FACTOR = 8
COLLECT = ("enable_indexscan", "enable_seqscan")  # PostgreSQL plans: bitmap scans only
WALK = ("enable_bitmapscan",)  # an index in key order (or the filter's)


@contextmanager
def _planned(plan_off):
    """A cursor in a transaction whose planner may not use the `plan_off` scan types."""
    connection = read_connection(SearchDocument)
    with transaction.atomic(using=connection.alias), connection.cursor() as cursor:
        for setting in plan_off:
            cursor.execute(f"SET LOCAL {setting} = off")
        yield cursor


class PostgresBackend(Backend):
    """Two ways to read candidates in key order, chosen per query from the bigram document
    frequencies (catalog_gramstat, exact), not from the planner's estimate:

    - collect: a bigram in few documents (≤ COLLECT_LIMIT): every match from the GIN index,
      then sorted — cost follows the number of matches;
    - walk: a common bigram: the primary key backwards, testing the bigram array of each row
      (kept inline, migration 0005) — cost follows the rows passed, ~limit × N / df. The walk
      is bounded to a window of WINDOW_FACTOR times the rows it should need; when the bigrams
      are common but rarely together, it collects the rest below the window instead.
    """

    def __init__(self, parsed: ParsedQuery, filters: Filters):
        super().__init__(parsed, filters)
        self.codes = [gram_code(g) for g in parsed.grams]
        stats = gram_document_counts(self.codes).values()
        self.df = min(n for n, _ in stats)
        self.title_df = min(t for _, t in stats)
        self._documents = None
        self._walk_failed = {True: False, False: False}  # per stream (title_only): a window came up short

    def documents(self) -> int:
        if self._documents is None:
            with read_connection(SearchDocument).cursor() as cursor:
                cursor.execute(
                    "SELECT greatest(reltuples, 0)::bigint FROM pg_class WHERE relname = 'catalog_searchdocument'"
                )
                row = cursor.fetchone()
            self._documents = max(row[0] if row else 0, 1)
        return self._documents

    def _where(self, title_only, before, floor=None):
        column = "title_grams" if title_only else "grams"
        sql = f"{column} @> %s::int4[]"
        params: list = [self.codes]
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
        for bound, op in ((self.low, ">="), (self.high, "<="), (before, "<"), (floor, ">=")):
            if bound is not None:
                sql += f" AND key {op} %s"
                params.append(bound)
        return sql, params

    def _select(self, where, params, limit, plan_off, keys_first=False):
        """Candidate rows in key order. `keys_first`: find the keys alone (an index-only walk of
        catalog_search_key_title, migration 0008), then read just those rows."""
        columns = "key" if keys_first else "key, item_id, title, text"
        with _planned(plan_off) as cursor:
            cursor.execute(
                f"SELECT {columns} FROM catalog_searchdocument WHERE {where} ORDER BY key DESC LIMIT %s",
                params + [limit],
            )
            found = cursor.fetchall()
            if not keys_first or not found:
                return found
            keys = [row[0] for row in found]
            cursor.execute("SELECT key, item_id, title, text FROM catalog_searchdocument WHERE key = ANY(%s)", [keys])
            by_key = {row[0]: row for row in cursor.fetchall()}
        return [by_key[k] for k in keys if k in by_key]

    def _collect(self, title_only, before, limit):
        where, params = self._where(title_only, before)
        return self._select(where, params, limit, COLLECT)

    def _floor(self, df, before, limit) -> int | None:
        """The key WINDOW_FACTOR × (rows a walk should pass) below the start of the walk."""
        window = WINDOW_FACTOR * limit * self.documents() // max(df, 1)
        start = before if self.high is None else (self.high + 1 if before is None else min(before, self.high + 1))
        sql, params = "SELECT key FROM catalog_searchdocument", []
        if start is not None:
            sql += " WHERE key < %s"
            params.append(start)
        with read_connection(SearchDocument).cursor() as cursor:
            cursor.execute(sql + " ORDER BY key DESC OFFSET %s LIMIT 1", params + [window])
            row = cursor.fetchone()
        return row[0] if row else None

    def _narrowed(self) -> bool:
        """An agency or column filter: its (…, key) index bounds any walk."""
        return self.filters.agency_id is not None or self.filters.column_id is not None

    def rows(self, title_only, before, limit):
        df = self.title_df if title_only else self.df
        # Collecting reads every match at random (at most df rows: the rarest bigram's documents);
        # walking reads ~limit × N / (documents with all the bigrams) rows in order. One bigram:
        # df is exact, take the cheaper. Several: they are seldom all together, so the walk may
        # pass far more rows than df suggests; collect unless every bigram is common.
        # With an agency or column filter, collecting reads only the rows in both indexes
        # (BitmapAnd), so it is right unless the bigram is so common that a walk of the
        # filter's index finds a page of matches at once.
        if self._narrowed():
            collect = df <= NARROWED_COLLECT_LIMIT
        elif len(self.codes) > 1:
            collect = df <= MULTI_COLLECT_LIMIT
        else:
            collect = df <= COLLECT_LIMIT or df * df <= limit * self.documents() // 2
        if collect or self._walk_failed[title_only]:
            return self._collect(title_only, before, limit)
        if self._narrowed():
            where, params = self._where(title_only, before)
            return self._select(where, params, limit, WALK)
        floor = self._floor(df, before, limit)
        where, params = self._where(title_only, before, floor)
        found = self._select(where, params, limit, WALK, keys_first=title_only)
        if len(found) == limit or floor is None:
            return found
        self._walk_failed[title_only] = True  # the bigrams are rarely together: collect from now on
        return found + self._collect(title_only, floor, limit - len(found))

    def _filter_rows(self, cap: int) -> int:
        """Rows in the agency/column filter and date range (from the (…, key) index), up to `cap`."""
        f = self.filters
        sql, params = (
            ("agency_id_copy = %s", [f.agency_id])
            if f.agency_id is not None
            else ("column_id_copy = %s", [f.column_id])
        )
        for bound, op in ((self.low, ">="), (self.high, "<=")):
            if bound is not None:
                sql += f" AND key {op} %s"
                params.append(bound)
        with read_connection(SearchDocument).cursor() as cursor:
            cursor.execute(
                f"SELECT count(*) FROM (SELECT 1 FROM catalog_searchdocument WHERE {sql} LIMIT %s) s", params + [cap]
            )
            return cursor.fetchone()[0]

    def count(self, cap: int) -> int:
        f = self.filters
        unfiltered = not (f.agency_id or f.column_id or f.validity or self.low is not None or self.high is not None)
        if unfiltered and len(self.codes) == 1:
            return min(self.df, cap)  # exact document frequency (catalog_gramstat)
        where, params = self._where(False, None)
        walk = self._narrowed() and self._filter_rows(self.df // WALK_ROW_COST + 1) <= self.df // WALK_ROW_COST
        # walk: a bigram so common that its GIN entries cost more than reading the filter's rows;
        # otherwise from the indexes, never a walk that may pass every row
        with _planned(WALK if walk else COLLECT) as cursor:
            cursor.execute(
                f"SELECT count(*) FROM (SELECT 1 FROM catalog_searchdocument WHERE {where} LIMIT %s) s", params + [cap]
            )
            return cursor.fetchone()[0]
