"""Search over public items: `search(parsed, filters, page)`, the one entry point. The plan of a
page is shared (`plan.py`); the candidates come from the index of the database in use
(`sqlite.py`, `postgres.py`)."""

from __future__ import annotations

from gongkai.catalog.models import SearchDocument
from gongkai.catalog.search.plan import MAX_PAGES, PAGE_SIZE, Backend, Filters, SearchResult, plan_page
from gongkai.catalog.search.postgres import PostgresBackend
from gongkai.catalog.search.sqlite import SQLiteBackend
from gongkai.core.catalog.search import ParsedQuery
from gongkai.routing import read_connection

__all__ = ["MAX_PAGES", "PAGE_SIZE", "Filters", "SearchResult", "search"]


def backend_for(parsed: ParsedQuery, filters: Filters) -> Backend:
    postgres = read_connection(SearchDocument).vendor == "postgresql"
    return (PostgresBackend if postgres else SQLiteBackend)(parsed, filters)


def search(parsed: ParsedQuery, filters: Filters, page: int = 1) -> SearchResult:
    """One page of results; `page` must be 1..MAX_PAGES (views check it)."""
    return plan_page(backend_for(parsed, filters), parsed, page)
