"""The publisher writes a column's listing pages in one walk of its keys, not one OFFSET per page."""

from __future__ import annotations

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from gongkai.catalog import listing
from gongkai.catalog.models import Item
from gongkai.publishing import services, site, store

pytestmark = pytest.mark.django_db(transaction=False)


@pytest.fixture
def long_column(make_item, publish, news):
    for i in range(47):
        publish(make_item(title=f"分页动态{i:02d}"))
    return news


def _listing_queries(queries) -> list[str]:
    return [q["sql"] for q in queries if "sort_key" in q["sql"] and "ORDER BY" in q["sql"]]


def test_deep_pages_are_read_by_their_boundary_and_show_the_same_items(long_column, township, site_dir):
    column = long_column
    offset_pages = {page: listing.page_ids(column.pk, page) for page in (1, 2, 3)}
    assert [len(ids) for ids in offset_pages.values()] == [20, 20, 7]
    ranked = list(listing.listed(column.pk).order_by("-sort_key").values_list("pk", flat=True))
    assert offset_pages[3] == ranked[40:47]

    total, boundaries = listing.page_boundaries(column.pk, [2, 3, 9])
    assert total == 47 and set(boundaries) == {2, 3}  # a page beyond the end has no boundary
    with listing.known_boundaries({column.pk: (total, boundaries)}):
        with CaptureQueriesContext(connection) as queries:
            walked = {page: listing.page_ids(column.pk, page) for page in (1, 2, 3)}
            assert listing.total_listed(column.pk) == 47
    assert walked == offset_pages
    sql = _listing_queries(queries.captured_queries)
    assert len(sql) == 3
    assert all("OFFSET" not in q.upper() for q in sql[1:]), sql  # pages 2 and 3 by boundary
    assert not any("COUNT(" in q["sql"].upper() for q in queries.captured_queries)  # total from the walk


def test_publish_all_writes_listing_pages_without_offset(long_column, township, site_dir):
    column = long_column
    page3 = f"/agency/{township.slug}/column/{column.pk}/page/3/"
    assert site.listing_page(page3) == (column.pk, 3)
    assert site.listing_page(f"/agency/{township.slug}/column/{column.pk}/") is None
    assert site.listing_page("/search/") is None
    with CaptureQueriesContext(connection) as queries:
        outcome = services.publish_paths([page3], site_dir)
    assert outcome.written == 1 and not outcome.errors
    assert not any("OFFSET" in q.upper() for q in _listing_queries(queries.captured_queries))
    html = (site_dir / page3.lstrip("/") / "index.html").read_text(encoding="utf-8")
    oldest = Item.objects.filter(column=column).order_by("sort_key").first()
    assert oldest.public_version.title in html  # the last page lists the oldest items
    newest = Item.objects.filter(column=column).order_by("-sort_key").first()
    assert newest.public_version.title not in html


@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(pages=st.sets(st.integers(min_value=1, max_value=5), max_size=5))
def test_any_set_of_boundaries_gives_exactly_the_offset_pages(long_column, pages):
    column = long_column
    total, boundaries = listing.page_boundaries(column.pk, pages)
    with listing.known_boundaries({column.pk: (total, boundaries)}):
        walked = [listing.page_ids(column.pk, page) for page in range(1, 6)]
    assert walked == [listing.page_ids(column.pk, page) for page in range(1, 6)]


def test_a_page_that_is_gone_takes_its_qr_code_with_it(long_column, township, site_dir):
    gone = f"/agency/{township.slug}/column/{long_column.pk}/page/4/"  # 47 items: 3 pages
    for path in (gone, site.qr_path(gone)):
        target = store.file_for(site_dir, path)
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_bytes(b"old")
    outcome = services.publish_paths([gone, site.qr_path(gone)], site_dir)
    assert outcome.removed == 2 and not outcome.errors
    assert not store.file_for(site_dir, site.qr_path(gone)).exists()


def test_a_change_keeps_qr_codes_and_publish_all_redraws_them(long_column, township, site_dir):
    services.publish_all()
    page2 = f"/agency/{township.slug}/column/{long_column.pk}/page/2/"
    qr = store.file_for(site_dir, site.qr_path(page2))
    drawn = qr.read_bytes()
    assert drawn.startswith(b"<?xml") or b"<svg" in drawn
    qr.write_bytes(b"<svg>kept</svg>")
    services.publish_paths([page2, site.qr_path(page2)], site_dir, redraw_qr=False)  # as a drain does
    assert qr.read_bytes() == b"<svg>kept</svg>"  # the address did not change: not drawn again
    services.publish_all()
    assert qr.read_bytes() == drawn


def test_a_change_writes_the_pages_people_see_first_before_the_deep_listing(long_column, township):
    item = Item.objects.filter(column=long_column).order_by("-sort_key").first()
    paths = site.affected_by_item(item)
    item_page = f"/agency/{township.slug}/item/{item.pk}/"
    first_deep = next(i for i, p in enumerate(paths) if "/page/" in p)
    assert paths[0] == item_page
    for page in (f"/agency/{township.slug}/column/{long_column.pk}/", f"/agency/{township.slug}/", "/"):
        assert paths.index(page) < first_deep
    deep = paths[first_deep:]
    assert all("/page/" in p for p in deep)
    assert f"/agency/{township.slug}/column/{long_column.pk}/page/4/" in deep  # the page after the last
    assert site.qr_path(f"/agency/{township.slug}/column/{long_column.pk}/page/3/") in deep
