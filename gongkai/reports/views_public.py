"""Public pages of published annual reports (no personal data, no drafts)."""

from io import BytesIO

from django.http import FileResponse, Http404, HttpResponse
from django.shortcuts import get_object_or_404, render

from gongkai.agencies.models import Agency
from gongkai.core.report.model import Report
from gongkai.core.report.render_html import render_html_fragment
from gongkai.reports.formats import FORMATS, download_name
from gongkai.reports.formats import render as render_format
from gongkai.reports.models import AnnualReport, ReportState


def _published(slug, year):
    agency = get_object_or_404(Agency, slug=slug)
    rows = list(
        AnnualReport.objects.filter(
            agency=agency, year=year, state__in=[ReportState.PUBLISHED, ReportState.SUPERSEDED]
        ).order_by("-version")
    )
    current = next((r for r in rows if r.state == ReportState.PUBLISHED), None)
    if current is None:
        raise Http404("报告不存在")
    return agency, current, rows


def report_list(request, slug):
    agency = get_object_or_404(Agency, slug=slug)
    rows = AnnualReport.objects.filter(agency=agency, state=ReportState.PUBLISHED).order_by("-year")
    return render(request, "reports/public_list.html", {"agency": agency, "rows": rows, "nav": "reports"})


def report_page(request, slug, year):
    agency, current, versions = _published(slug, year)
    report = Report.from_json(current.data)
    return render(
        request,
        "reports/public_detail.html",
        {
            "agency": agency,
            "row": current,
            "report": report,
            "versions": versions,
            "nav": "reports",
            "tables_html": render_html_fragment(report),
        },
    )


def report_file(request, slug, year, fmt):
    if fmt not in FORMATS:
        raise Http404("格式不存在")
    _agency, current, _ = _published(slug, year)
    report = Report.from_json(current.data)
    content = render_format(report, fmt)
    if fmt in ("docx", "pdf"):
        response = FileResponse(
            BytesIO(content), as_attachment=True, filename=download_name(report, fmt), content_type=FORMATS[fmt]
        )
    else:
        response = HttpResponse(content, content_type=FORMATS[fmt])
    response["Cache-Control"] = "public, max-age=300"
    return response
