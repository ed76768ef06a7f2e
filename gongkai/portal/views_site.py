"""Public pages of an agency's website frame: 联系我们, 网站地图, 申请须知; the favicon.

申请须知 is generated from the agency's record and the law (条例 Arts. 29–33, 42, 51;
国办函〔2020〕109号), so it is never out of step with the form and the clock."""

from __future__ import annotations

from django.contrib.staticfiles.storage import staticfiles_storage
from django.http import HttpResponsePermanentRedirect
from django.shortcuts import get_object_or_404, render

from gongkai.agencies.models import Agency, AgencyLevel
from gongkai.applications.remedies import LITIGATION_PERIOD, REVIEW_PERIOD, remedy_bodies
from gongkai.catalog.models import Column, ColumnKind
from gongkai.catalog.page_cache import public_page
from gongkai.catalog.selectors import column_tree
from gongkai.core.clock import RULES
from gongkai.core.fees import BASIS, PAGE_BANDS
from gongkai.portal.site import site_settings_for


def _agency(slug) -> Agency:
    return get_object_or_404(
        Agency.objects.exclude(level=AgencyLevel.DISCLOSURE_OFFICE).select_related("supervisor"), slug=slug
    )


def favicon(request):
    return HttpResponsePermanentRedirect(staticfiles_storage.url("gongkai/favicon.svg"))


@public_page
def contact(request, slug):
    agency = _agency(slug)
    site = site_settings_for(agency)
    lines = [line.strip() for line in site.contact_text.splitlines() if line.strip()]
    return render(request, "portal/contact.html", {"agency": agency, "lines": lines, "nav": "contact"})


@public_page
def sitemap(request, slug):
    agency = _agency(slug)
    return render(
        request,
        "portal/sitemap.html",
        {
            "agency": agency,
            "tree": column_tree(agency),
            "nav": "sitemap",
            "has_reports": Column.objects.filter(agency=agency, kind=ColumnKind.ANNUAL_REPORT).exists(),
        },
    )


def _page_band_text() -> str:
    parts = []
    for band in PAGE_BANDS:
        span = f"{band.first}页以上" if band.last is None else f"{band.first}—{band.last}页"
        parts.append(f"{span}{'免费' if not band.rate_yuan else f'{band.rate_yuan}元/页'}")
    return "，".join(parts)


@public_page
def apply_notice(request, slug):
    """申请须知: channels, content, receipt, 补正, deadlines, fees and remedies for this agency."""
    agency = _agency(slug)
    return render(
        request,
        "portal/apply_notice.html",
        {
            "agency": agency,
            "nav": "apply",
            "rules": RULES,
            "remedies": remedy_bodies(agency),
            "review_period": REVIEW_PERIOD,
            "litigation_period": LITIGATION_PERIOD,
            "fee_basis": BASIS,
            "page_bands": _page_band_text(),
        },
    )
