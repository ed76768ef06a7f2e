"""The county office's comparison of its agencies' published annual reports (issue 13).

`/staff/reports/county/<office_pk>/compare/`: year on year per agency and across peers of the
same level, from the published reports only, each figure linked to its public report page;
`?format=xlsx` and `?format=json` give the same comparison as files. Gate: SUPERVISE on the
office (404 when missing or forbidden).
"""

from __future__ import annotations

import json
from io import BytesIO

from django.http import FileResponse, HttpResponse
from django.shortcuts import render
from django.urls import reverse
from django.utils import timezone

from gongkai.agencies.access import Action, agency_for, supervised_agencies
from gongkai.core.report.compare import compare
from gongkai.core.report.compare_render import to_xlsx
from gongkai.reports.models import AnnualReport, ReportState


def published_entries(agencies) -> list[dict]:
    """Compare entries of the published reports of `agencies` (the latest version per year)."""
    reports = (
        AnnualReport.objects.filter(agency__in=agencies, state=ReportState.PUBLISHED)
        .select_related("agency")
        .order_by("agency_id", "year", "-version")
    )
    entries, seen = [], set()
    for report in reports:
        if (report.agency_id, report.year) in seen:
            continue
        seen.add((report.agency_id, report.year))
        data = dict(report.data)
        data["agency"] = dict(data.get("agency") or {}, name=report.agency.name)
        published = timezone.localdate(report.published_at) if report.published_at else None
        entries.append(
            {
                "report": data,
                "published_on": published.isoformat() if published else None,
                "url": reverse("reports:public_detail", args=[report.agency.slug, report.year]),
            }
        )
    return entries


def county_compare(request, office_pk):
    office = agency_for(request.user, office_pk, Action.SUPERVISE)
    agencies = supervised_agencies(request.user).filter(supervisor=office)
    result = compare(published_entries(agencies))
    fmt = request.GET.get("format")
    if fmt == "json":
        return HttpResponse(
            json.dumps(result, ensure_ascii=False, indent=1), content_type="application/json; charset=utf-8"
        )
    if fmt == "xlsx":
        return FileResponse(
            BytesIO(to_xlsx(result)),
            as_attachment=True,
            filename="county-compare.xlsx",
            content_type="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
        )
    rows = []
    labels = result["metric_labels"]
    for agency in result["agencies"]:
        for year, entry in sorted(agency["years"].items()):
            change = agency["changes"].get(year) or {}
            rows.append(
                {
                    "agency": agency["agency"],
                    "level": agency["level_label"],
                    "year": year,
                    "url": entry["url"],
                    "figures": [_shown(m, entry["metrics"][m]) for m in labels],
                    "continuous": change.get("carry_over_continuous"),
                    "growth": None
                    if change.get("new_received_growth") is None
                    else f"{change['new_received_growth'] * 100:+.1f}%",
                }
            )
    outliers = [
        {
            "level": peer["label"],
            "metric": labels[metric],
            "agency": item["agency"],
            "value": _shown(metric, item["value"]),
            "median": _shown(metric, found["median"]),
        }
        for peer in result["peers"].values()
        for metric, found in peer["metrics"].items()
        for item in found["outliers"]
    ]
    chart = {"names": [], "now": [], "latest": result["latest"]}
    for agency in result["agencies"]:
        entry = agency["years"].get(str(result["latest"]))
        if entry:
            chart["names"].append(agency["agency"])
            chart["now"].append(entry["metrics"]["new_received"])
    return render(
        request,
        "reports/county_compare.html",
        {
            "office": office,
            "result": result,
            "rows": rows,
            "labels": list(labels.values()),
            "outliers": outliers,
            "chart": chart,
        },
    )


def _shown(metric: str, value) -> str:
    if value is None:
        return "—"
    if metric in ("withheld_share", "correction_rate"):
        return f"{value * 100:.1f}%"
    return str(value)
