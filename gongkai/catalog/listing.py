"""A column's public listing: which items each page shows, by offset or by a known page boundary.

A listing page N shows the items ranked (N-1)·LIST_SIZE+1 … N·LIST_SIZE by `sort_key`
(descending; the key ends with the item's id, so it is unique). A visitor's request for page N
counts and skips with OFFSET — cheap for the pages people open. The publisher writes every page
of a column one after the other; skipping 52,000 rows to reach page 2,600 of a 100,000-item
column makes that quadratic. So the publisher first walks the column's keys once
(`page_boundaries`) and renders inside `known_boundaries(...)`: a page whose boundary is known is
then read with `sort_key < boundary` on the (column, sort_key) index — the same rows, found
directly. The hints live in a context variable of the publishing thread only; nothing a request
carries can set them, so a visitor can never make a page show other rows than its number says.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from contextvars import ContextVar

from gongkai.catalog.models import Item

LIST_SIZE = 20

# {column id: (number of listed items, {page number: sort key of the last item of the page before})}
_hints: ContextVar[dict[int, tuple[int, dict[int, int]]] | None] = ContextVar("listing_hints", default=None)


def listed(column_id: int):
    """The column's listed items; sort_key is set exactly when the item has a public version
    (search_index.index_item). Counted and paged on the (column, sort_key) index only."""
    return Item.objects.filter(column_id=column_id, sort_key__isnull=False)


def page_count(total: int) -> int:
    return max(1, -(-total // LIST_SIZE))


def page_boundaries(column_id: int, pages: Iterable[int]) -> tuple[int, dict[int, int]]:
    """(number of listed items, {page: key before its first item}) for the wanted pages > 1, in
    one ordered walk of the column's keys, up to the furthest page wanted."""
    total = listed(column_id).count()
    targets = {(p - 1) * LIST_SIZE - 1: p for p in pages if p > 1}
    if not targets:
        return total, {}
    boundaries = {}
    keys = listed(column_id).order_by("-sort_key").values_list("sort_key", flat=True)
    for index, key in enumerate(keys[: max(targets) + 1].iterator(chunk_size=5000)):
        page = targets.get(index)
        if page is not None:
            boundaries[page] = key
    return total, boundaries


@contextmanager
def known_boundaries(hints: dict[int, tuple[int, dict[int, int]]]) -> Iterator[None]:
    """Render inside this block to use the boundaries walked by `page_boundaries`."""
    token = _hints.set(hints)
    try:
        yield
    finally:
        _hints.reset(token)


def total_listed(column_id: int) -> int:
    hint = (_hints.get() or {}).get(column_id)
    return hint[0] if hint is not None else listed(column_id).count()


def page_ids(column_id: int, page: int) -> list[int]:
    """The ids shown on listing page `page`, in order."""
    hint = (_hints.get() or {}).get(column_id)
    boundary = hint[1].get(page) if hint is not None else None
    rows = listed(column_id).order_by("-sort_key").values_list("pk", flat=True)
    if boundary is not None:
        return list(rows.filter(sort_key__lt=boundary)[:LIST_SIZE])
    return list(rows[(page - 1) * LIST_SIZE : page * LIST_SIZE])


def keyset_ids(column_id: int, direction: str, key: int) -> list[int]:
    """The page after the one ending at `key` ("before") or before the one starting at it ("after")
    — the ?before=/?after= links of earlier versions."""
    rows = listed(column_id)
    if direction == "before":
        return list(rows.filter(sort_key__lt=key).order_by("-sort_key").values_list("pk", flat=True)[:LIST_SIZE])
    return list(rows.filter(sort_key__gt=key).order_by("sort_key").values_list("pk", flat=True)[:LIST_SIZE])[::-1]
