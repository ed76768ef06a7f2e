"""Public API of published annual reports: the report JSON of docs report-json.md.

Documented in /api/openapi.json (gongkai.portal.openapi merges OPENAPI_PATHS there). Errors are 4xx JSON with a
Chinese message; only published versions are ever served.
"""

from __future__ import annotations

import re

from django.http import JsonResponse
from django.urls import reverse
from django.views.decorators.http import require_GET

from gongkai.agencies.models import Agency
from gongkai.reports.models import AnnualReport, ReportState

_JSON = {"ensure_ascii": False}


def _error(status: int, message: str) -> JsonResponse:
    return JsonResponse({"error": message, "details": {}}, status=status, json_dumps_params=_JSON)


_SLUG = re.compile(r"[-a-zA-Z0-9_]{1,50}")
_YEAR = re.compile(r"[0-9]{4}")  # ASCII digits: "²".isdigit() is True


@require_GET
def report_index(request):
    unknown = sorted(set(request.GET) - {"agency", "year"})
    if unknown:
        return _error(400, f"不支持的参数：{'、'.join(unknown)}")
    rows = (
        AnnualReport.objects.filter(state=ReportState.PUBLISHED)
        .select_related("agency")
        .order_by("agency__name", "-year")
    )
    if request.GET.get("agency"):
        if not _SLUG.fullmatch(request.GET["agency"]):
            return _error(400, "agency 应为机构代码（字母、数字、连字符）")
        rows = rows.filter(agency__slug=request.GET["agency"])
    if request.GET.get("year"):
        if not _YEAR.fullmatch(request.GET["year"]):
            return _error(400, "year 应为四位年份")
        rows = rows.filter(year=int(request.GET["year"]))
    return JsonResponse(
        {
            "count": rows.count(),
            "results": [
                {
                    "agency": r.agency.slug,
                    "agency_name": r.agency.name,
                    "year": r.year,
                    "version": r.version,
                    "published_at": r.published_at.isoformat(),
                    "change_note": r.change_note,
                    "url": request.build_absolute_uri(reverse("reports:public_detail", args=[r.agency.slug, r.year])),
                    "json": request.build_absolute_uri(reverse("reports:api_report", args=[r.agency.slug, r.year])),
                }
                for r in rows[:1000]
            ],
        },
        json_dumps_params=_JSON,
    )


@require_GET
def report_json(request, slug, year):
    agency = Agency.objects.filter(slug=slug).first()
    if agency is None:
        return _error(404, "机构不存在")
    row = AnnualReport.objects.filter(agency=agency, year=year, state=ReportState.PUBLISHED).first()
    if row is None:
        return _error(404, f"{agency.name}{year}年度报告尚未公开")
    return JsonResponse(row.data, json_dumps_params=_JSON)


OPENAPI_PATHS = {
    "/api/v1/reports": {
        "get": {
            "summary": "已公开的政府信息公开工作年度报告列表",
            "parameters": [
                {
                    "name": "agency",
                    "in": "query",
                    "required": False,
                    "schema": {"type": "string"},
                    "description": "机构网址标识",
                },
                {
                    "name": "year",
                    "in": "query",
                    "required": False,
                    "schema": {"type": "integer"},
                    "description": "年度",
                },
            ],
            "responses": {"200": {"description": "列表"}, "400": {"description": "参数错误"}},
        }
    },
    "/api/v1/reports/{agency}/{year}": {
        "get": {
            "summary": "某机构某年度报告的数据（gongkai.annual-report/1 格式）",
            "parameters": [
                {"name": "agency", "in": "path", "required": True, "schema": {"type": "string"}},
                {"name": "year", "in": "path", "required": True, "schema": {"type": "integer"}},
            ],
            "responses": {
                "200": {"description": "报告 JSON，字段与 report_format.json 的编号一致"},
                "404": {"description": "机构不存在或报告尚未公开"},
            },
        }
    },
}
