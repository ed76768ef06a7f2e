"""Which public pages exist: the URL paths the publish directory must hold.

Pages (paths ending in "/") are written as P/index.html; every HTML page also has its QR code
at P + "qr.svg". Attachments, feeds, report downloads and static assets keep their file names.
Dynamic paths (/search/, /apply/, /api/, /staff/, /accounts/, /admin/) are never published.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass

from django.urls import reverse

from gongkai.agencies.models import Agency, AgencyLevel
from gongkai.catalog import listing
from gongkai.catalog.models import Attachment, Column, ColumnKind, Item
from gongkai.catalog.public_urls import attachment_path, column_url
from gongkai.reports.formats import FORMATS
from gongkai.reports.models import AnnualReport, ReportState

DYNAMIC_PREFIXES = ("/search/", "/apply/", "/api/", "/staff/", "/accounts/", "/admin/", "/qr.svg?")


def is_dynamic(path: str) -> bool:
    return path.startswith(DYNAMIC_PREFIXES)


def qr_path(page_path: str) -> str:
    return page_path + "qr.svg"


def page_of_qr(path: str) -> str | None:
    """The page a published QR code belongs to (None for any other path)."""
    if path.endswith("/qr.svg") and path != "/qr.svg":
        return path[: -len("qr.svg")]
    return None


def with_qr(paths: Iterable[str]) -> Iterator[str]:
    for path in paths:
        yield path
        if path.endswith("/") and path != "/":
            yield qr_path(path)


def public_agencies():
    return Agency.objects.exclude(level=AgencyLevel.DISCLOSURE_OFFICE).order_by("pk")


def portal_paths() -> list[str]:
    return list(with_qr([reverse("portal:home")]))


def column_paths(agency_slug: str, column, one_more: bool = False) -> list[str]:
    """Every page of the column's listing and its feed; `one_more` adds the page after the last,
    so a listing that shrank loses its old last page (it renders 404 and is removed)."""
    return list(dict.fromkeys([*column_head_paths(agency_slug, column), *listing_paths(agency_slug, column, one_more)]))


def column_head_paths(agency_slug: str, column) -> list[str]:
    """The column's own page (its listing's page 1) and feed, with the page's QR code."""
    return list(
        with_qr(
            [
                reverse("catalog:column", args=[agency_slug, column.pk]),
                reverse("catalog:column_feed", args=[agency_slug, column.pk]),
            ]
        )
    )


def listing_paths(agency_slug: str, column, one_more: bool = False) -> list[str]:
    """The listing's pages after the first, with their QR codes (none for 指南/制度/分组 columns)."""
    if column.kind in (ColumnKind.GUIDE, ColumnKind.SYSTEM, ColumnKind.GROUP):
        return []
    total_pages = listing.page_count(listing.total_listed(column.pk)) + (1 if one_more else 0)
    return list(with_qr(column_url(agency_slug, column, n) for n in range(2, total_pages + 1)))


# catalog:column_page (agency/<slug>/column/<pk>/page/<page>/) as a pattern: matched on every path of
# a drain before its first page is written, where resolve() would cost ~0.1 ms a path.
_LISTING_PAGE = re.compile(r"/agency/[-a-zA-Z0-9_]+/column/([0-9]+)/page/([0-9]+)/")


def listing_page(path: str) -> tuple[int, int] | None:
    """(column id, page number) when `path` is a column's listing page after the first."""
    match = _LISTING_PAGE.fullmatch(path)
    return (int(match[1]), int(match[2])) if match else None


def item_paths(agency_slug: str, item) -> list[str]:
    out = [reverse("catalog:item", args=[agency_slug, item.pk])]
    if item.public_version_id:
        out += [
            attachment_path(agency_slug, item.pk, a)
            for a in Attachment.objects.filter(version_id=item.public_version_id)
        ]
    return list(with_qr(out))


def report_paths(agency) -> list[str]:

    out = []
    years = (
        AnnualReport.objects.filter(agency=agency, state=ReportState.PUBLISHED)
        .values_list("year", flat=True)
        .distinct()
    )
    for year in sorted(set(years)):
        page = reverse("reports:public_detail", args=[agency.slug, year])
        out += [page, qr_path(page)]
        out += [reverse("reports:public_file", args=[agency.slug, year, fmt]) for fmt in FORMATS]
    return out


def agency_frame_paths(agency) -> list[str]:
    """The agency's pages that show its column tree or latest items (not the item pages)."""
    return list(
        with_qr(
            [
                reverse("catalog:agency_home", args=[agency.slug]),
                reverse("catalog:guide", args=[agency.slug]),
                reverse("catalog:system", args=[agency.slug]),
                reverse("catalog:annual_reports", args=[agency.slug]),
            ]
        )
    )


def agency_site_paths(agency) -> list[str]:
    """The agency's site-frame pages (联系我们, 网站地图, 申请须知): they change with the agency's
    record, its site settings and its columns, all of which publish the whole agency."""
    return list(
        with_qr(
            [
                reverse("portal:contact", args=[agency.slug]),
                reverse("portal:sitemap", args=[agency.slug]),
                reverse("portal:apply_notice", args=[agency.slug]),
            ]
        )
    )


@dataclass
class AgencyPages:
    agency: Agency

    def __iter__(self) -> Iterator[str]:
        slug = self.agency.slug
        seen = set()
        for path in agency_frame_paths(self.agency):
            seen.add(path)
            yield path
        for path in agency_site_paths(self.agency):
            seen.add(path)
            yield path
        for column in Column.objects.filter(agency=self.agency).order_by("position", "pk"):
            for path in column_paths(slug, column):
                if path not in seen:
                    seen.add(path)
                    yield path
        items = (
            Item.objects.filter(agency=self.agency, public_version__isnull=False)
            .only("pk", "public_version_id")
            .order_by("pk")
        )
        attached = set(
            Attachment.objects.filter(version__item__agency=self.agency).values_list("version_id", flat=True)
        )
        for item in items.iterator(chunk_size=2000):
            page = reverse("catalog:item", args=[slug, item.pk])
            yield page
            yield qr_path(page)
            if item.public_version_id in attached:
                for a in Attachment.objects.filter(version_id=item.public_version_id):
                    path = attachment_path(slug, item.pk, a)
                    yield path
        yield from report_paths(self.agency)


def count_agency_pages(agency) -> int:
    items = Item.objects.filter(agency=agency, public_version__isnull=False).count()
    return items * 2 + Column.objects.filter(agency=agency).count() * 3


def all_paths() -> Iterator[str]:
    yield from portal_paths()
    for agency in public_agencies():
        yield from AgencyPages(agency)


def affected_by_item(item) -> list[str]:
    """What a change to one item shows on: its page and files, its column's pages and feed, the
    agency home (latest items), and the portal home — in that order, except that the column's
    deeper listing pages (page 2 on; all of them shift by one when an item is added) come last, so
    the pages people see first are fresh first even in a column of thousands of pages."""
    slug = item.agency.slug
    out = item_paths(slug, item) + column_head_paths(slug, item.column)
    out += agency_frame_paths(item.agency)
    if item.column.kind == ColumnKind.ANNUAL_REPORT:
        out += report_paths(item.agency)
    out += portal_paths()
    out += listing_paths(slug, item.column, one_more=True)
    return list(dict.fromkeys(out))
