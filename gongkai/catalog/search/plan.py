"""Search over public items, the part both databases share: the filters, the result, and the
plan of a page. Candidates come from the database's index (`sqlite.py`, `postgres.py`) in key
order (key = 发布日期, id); each is checked against the real (normalised) text here, and the
order is the same on both databases:

    items whose title contains every term first, then newest 发布日期, then highest id.

The index is walked in batches, so the cost follows the page asked for, not the number of
matches. The count is exact up to VERIFY_LIMIT candidates, otherwise the candidate count (shown
as 约), capped at COUNT_CAP (shown as "10000+").
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date

from gongkai.core.catalog.search import ParsedQuery, key_range_for_dates, matches

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


class Backend:
    """Candidates of one query from one database's index. `rows(title_only, before, limit)`:
    up to `limit` (key, item_id, title, text) in descending key order below `before`, from the
    title index or the full-text index; `count(cap)`: candidates in the full-text index, up
    to `cap`."""

    def __init__(self, parsed: ParsedQuery, filters: Filters):
        self.parsed = parsed
        self.filters = filters
        self.low, self.high = key_range_for_dates(
            filters.published_from.toordinal() if filters.published_from else None,
            filters.published_to.toordinal() if filters.published_to else None,
        )

    def rows(self, title_only: bool, before: int | None, limit: int) -> list[tuple]:
        raise NotImplementedError

    def count(self, cap: int) -> int:
        raise NotImplementedError


def verified(backend: Backend, title_only: bool, want: int, skip_title_matches: bool):
    """Up to `want` verified (key, item_id) in order; also whether the stream is exhausted."""
    out = []
    before = None
    terms = backend.parsed
    batch = min(BATCH, max(2 * want, 40))  # small first read; grows when matches are sparse
    while len(out) < want:
        rows = backend.rows(title_only, before, batch)
        for _key, item_id, title, text in rows:
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


def plan_page(backend: Backend, parsed: ParsedQuery, page: int) -> SearchResult:
    """One page of results from `backend`; `page` must be 1..MAX_PAGES (views check it)."""
    start = (page - 1) * PAGE_SIZE
    need = start + PAGE_SIZE + 1  # one more to know whether a next page exists
    title_ids, title_done = verified(backend, True, need, False)
    ordered = list(title_ids)
    every_match_read = False
    if title_done and len(ordered) < need:
        rest, every_match_read = verified(backend, False, need - len(ordered), True)
        ordered += rest
    window = ordered[start : start + PAGE_SIZE]
    has_next = len(ordered) > start + PAGE_SIZE and page < MAX_PAGES
    if every_match_read:  # both streams ran dry: the count is what was read
        return SearchResult(window, len(ordered), True, False, page, has_next, parsed.terms)

    candidates = backend.count(COUNT_CAP + 1)
    capped = candidates > COUNT_CAP
    if len(parsed.terms) == 1 and parsed.grams == parsed.terms:
        count, exact = candidates, True  # a single bigram query: candidates are exact matches
    elif candidates <= VERIFY_LIMIT:
        all_ids, _ = verified(backend, False, VERIFY_LIMIT + 1, False)
        count, exact = len(all_ids), True
    else:
        count, exact = candidates, False
    if not capped and exact and not has_next:
        count = max(count, len(ordered))
    return SearchResult(window, min(count, COUNT_CAP), exact, capped, page, has_next, parsed.terms)
