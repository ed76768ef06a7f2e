"""The public portal: agency home, columns, items, attachments, 指南/制度/年报, feeds, search.

Only public data: items with a published version; attachments of the public version only.
Works without JavaScript.
"""

from __future__ import annotations

from datetime import UTC, datetime

from django.db.models import F
from django.http import FileResponse, Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.feedgenerator import Atom1Feed
from django.utils.html import escape

from gongkai.agencies.models import Agency, AgencyLevel
from gongkai.catalog import listing
from gongkai.catalog.models import Attachment, CatalogProfile, Column, ColumnKind, DocKind, Item
from gongkai.catalog.page_cache import public_page
from gongkai.catalog.public_urls import attachment_path, column_url, public_file_name
from gongkai.catalog.selectors import column_tree, public_item, public_items
from gongkai.catalog.templatetags.catalog_tags import qr_svg_for
from gongkai.core.catalog.workflow import VALIDITY_LABELS, Validity
from gongkai.core.text import is_ascii_digits, xml_safe
from gongkai.reports.views_public import report_list


def _agency(slug) -> Agency:
    return get_object_or_404(
        Agency.objects.exclude(level=AgencyLevel.DISCLOSURE_OFFICE).select_related("site_settings"), slug=slug
    )  # the footer's settings


@public_page
def agency_home(request, slug):
    agency = _agency(slug)
    tree = column_tree(agency)
    latest = list(public_items().filter(agency=agency).order_by("-sort_key")[:10])
    return render(
        request, "catalog/public/agency_home.html", {"agency": agency, "tree": tree, "latest": latest, "nav": "home"}
    )


def _page_number(request, maximum=None, page=None) -> int:
    """The page from the path (…/page/N/) or, for old links, from ?page=N (ASCII digits only)."""
    if page is None:
        raw = request.GET.get("page", "1")
        if not is_ascii_digits(raw, 9) or int(raw) < 1:
            raise Http404("页码无效")
        page = int(raw)
    if page < 1 or (maximum is not None and page > maximum):
        raise Http404("页码超出范围")
    return page


@public_page
def column_page(request, slug, pk, page=None):
    agency = _agency(slug)
    column = get_object_or_404(Column, pk=pk, agency=agency)
    if page == 1:  # one address per page: page 1 is the column's own
        return redirect(column_url(agency.slug, column, 1), permanent=True)
    return _column_page(request, agency, column, page)


def _column_page(request, agency, column, page_in_path=None, nav=""):
    """A column's listing (the 指南/制度 columns show their page); called inside a cached view."""
    if column.kind == ColumnKind.GUIDE:
        return _profile_page(request, agency, "政府信息公开指南", "guide_html", "guide")
    if column.kind == ColumnKind.SYSTEM:
        return _profile_page(request, agency, "政府信息公开制度", "system_html", "system")
    children = list(column.children.order_by("position", "id"))
    total = listing.total_listed(column.pk)
    pages = listing.page_count(total)
    page = _page_number(request, pages, page_in_path)
    cursor = _cursor(request) if page_in_path is None else None
    if cursor is not None:  # ?before=/?after= links of earlier versions
        ids = listing.keyset_ids(column.pk, *cursor)
    else:
        ids = listing.page_ids(column.pk, page)
    # Only the listed fields (not the bodies), and links built from one reversed prefix.
    prefix = reverse("catalog:item", args=[agency.slug, 0])[:-2]
    by_id = {
        row["pk"]: row
        for row in Item.objects.filter(pk__in=ids).values(
            "pk", "validity", title=F("public_version__title"), published_on=F("public_version__published_on")
        )
    }
    rows = []
    for pk in ids:
        row = by_id.get(pk)
        if row is not None:
            row["url"] = f"{prefix}{pk}/"
            row["validity_label"] = VALIDITY_LABELS[Validity(row["validity"])]
            rows.append(row)
    links = {}
    if page > 1:
        links["first"] = column_url(agency.slug, column, 1)
        links["prev"] = column_url(agency.slug, column, page - 1)
    if page < pages:
        links["next"] = column_url(agency.slug, column, page + 1)
        links["last"] = column_url(agency.slug, column, pages)
    return render(
        request,
        "catalog/public/column.html",
        {
            "agency": agency,
            "column": column,
            "children": children,
            "items": rows,
            "page": page,
            "pages": pages,
            "total": total,
            "ancestors": _ancestors(column),
            "links": links,
            "nav": nav,
        },
    )


def _cursor(request):
    """("before"|"after", sort key) from ?before= / ?after= (links of earlier versions), or None;
    404 when malformed."""
    for name in ("before", "after"):
        raw = request.GET.get(name)
        if raw is not None:
            if not is_ascii_digits(raw, 18):
                raise Http404("分页参数无效")
            return name, int(raw)
    return None


def _ancestors(column):
    out = []
    parent = column.parent
    while parent is not None:
        out.insert(0, parent)
        parent = parent.parent
    return out


@public_page
def item_page(request, slug, pk):
    page = public_item(slug, pk)  # one query; further ones only for what this item has
    if page is None:
        raise Http404("信息不存在或未公开")
    item, version = page.item, page.version
    interprets = None
    if item.interprets_id:
        interprets = public_items().filter(pk=item.interprets_id).first()
    interpretations = []
    if item.doc_kind in (DocKind.REGULATION, DocKind.NORMATIVE):  # only these can have 政策解读
        interpretations = list(public_items().filter(interprets_id=item.pk))
    attachments = list(Attachment.objects.filter(version_id=version.pk)) if page.attachment_count else []
    if attachments:
        for a in attachments:
            a.public_url = attachment_path(page.agency.slug, item.pk, a)
    ancestors = []
    if item.column.parent_id:  # a nested column: the crumbs show its parents
        parent = Column.objects.get(pk=item.column.parent_id)
        ancestors = _ancestors(parent) + [parent]
    return render(
        request,
        "catalog/public/item.html",
        {
            "agency": page.agency,
            "item": item,
            "version": version,
            "attachments": attachments,
            "validity_label": VALIDITY_LABELS[Validity(item.validity)],
            "interpretations": interpretations,
            "interprets": interprets,
            "ancestors": ancestors,
        },
    )


def attachment(request, slug, pk, attachment_pk, filename=None):
    """An attachment of the public version, at …/file/<id>/<its own file name> (the published
    file keeps its name and type); the address without the name redirects there."""
    agency = _agency(slug)
    item = get_object_or_404(public_items(), pk=pk, agency=agency)
    att = get_object_or_404(Attachment, pk=attachment_pk, version_id=item.public_version_id)
    if filename != public_file_name(att):
        return redirect(
            reverse("catalog:attachment_file", args=[slug, pk, att.pk, public_file_name(att)]), permanent=True
        )
    inline = att.content_type.startswith("image/") or att.content_type == "application/pdf"
    return FileResponse(att.file.open("rb"), as_attachment=not inline, filename=att.name, content_type=att.content_type)


def _profile_page(request, agency, title: str, field: str, nav: str):
    """One of the two editable pages of the catalog profile (指南 or 制度); the 指南 ends with
    the way to apply (依申请公开)."""
    html = CatalogProfile.objects.filter(agency=agency).values_list(field, flat=True).first()
    return render(
        request, "catalog/public/page.html", {"agency": agency, "title": title, "html": html or "", "nav": nav}
    )


@public_page
def guide(request, slug):
    return _profile_page(request, _agency(slug), "政府信息公开指南", "guide_html", "guide")


@public_page
def system_page(request, slug):
    return _profile_page(request, _agency(slug), "政府信息公开制度", "system_html", "system")


@public_page
def annual_reports(request, slug, page=None):
    agency = _agency(slug)
    column = Column.objects.filter(agency=agency, kind=ColumnKind.ANNUAL_REPORT).first()
    if column is None:  # an agency without a catalog still lists its published reports
        if page is not None:
            raise Http404("页码超出范围")

        return report_list(request, slug)
    if page == 1:
        return redirect(column_url(agency.slug, column, 1), permanent=True)
    return _column_page(request, agency, column, page, "reports")


def legacy_feed(request, slug, pk):
    """The feed's address before it became a file name (…/feed.xml)."""
    return redirect(reverse("catalog:column_feed", args=[slug, pk]), permanent=True)


@public_page
def column_feed(request, slug, pk):
    agency = _agency(slug)
    column = get_object_or_404(Column, pk=pk, agency=agency)
    link = request.build_absolute_uri(reverse("catalog:column", args=[agency.slug, column.pk]))
    # xml_safe: stored text may hold characters XML 1.0 cannot carry (Django refuses them).
    feed = _StableFeed(
        title=xml_safe(f"{agency.name} - {column.name}"),
        link=link,
        description=xml_safe(column.description or column.name),
        language="zh-cn",
        feed_url=request.build_absolute_uri(),
    )
    for item in public_items().filter(column=column).order_by("-sort_key")[:50]:
        v = item.public_version
        feed.add_item(
            title=xml_safe(v.title),
            link=request.build_absolute_uri(reverse("catalog:item", args=[agency.slug, item.pk])),
            description=xml_safe(escape(v.summary)),
            pubdate=v.published_at,
            updateddate=v.published_at,
            unique_id=f"tag:{request.get_host()},{v.published_on:%Y-%m-%d}:{agency.slug}/{item.pk}",
        )
    return HttpResponse(feed.writeString("utf-8"), content_type="application/atom+xml; charset=utf-8")


class _StableFeed(Atom1Feed):
    """An empty feed's <updated> is a fixed date, not the time of the request: the same column
    gives the same file, so a published feed changes only when the column does."""

    def latest_post_date(self):
        if any(item.get("updateddate") or item.get("pubdate") for item in self.items):
            return super().latest_post_date()
        return datetime(2019, 5, 15, tzinfo=UTC)  # 条例（国务院令第711号）施行之日


QR_PATH_MAX = 600


def qr_image(request):
    """GET /qr.svg?path=/agency/…: the QR code of that address on this site, as SVG.

    Only paths of this site (no other host can be encoded); the image depends on the address
    alone, so browsers may keep it for a year."""
    path = request.GET.get("path", "/")
    if not path.startswith("/") or path.startswith("//") or len(path) > QR_PATH_MAX or any(c in path for c in "\r\n\\"):
        return HttpResponse(
            "二维码地址无效：应为本站页面路径（以 / 开头，不超过600个字符）",
            status=400,
            content_type="text/plain; charset=utf-8",
        )
    return _qr_response(request, path)


def page_qr_image(request, page):
    """GET <page>qr.svg: the QR code of the page beside it (a file when published)."""
    return _qr_response(request, "/" + page)


def _qr_response(request, path):
    response = HttpResponse(qr_svg_for(request.build_absolute_uri(path)), content_type="image/svg+xml")
    response["Cache-Control"] = "public, max-age=31536000, immutable"
    return response
