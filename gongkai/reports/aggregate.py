"""The county 政务公开办's view: every supervised agency's report status and the summed figures.

The county aggregate sums the agencies' PUBLISHED reports — the figures the public has seen —
never live, unpublished data. `live_differences` shows, cell by cell, where today's platform
data differs from what an agency published (a correction may be due), and which agencies have
not published yet (their figures are not in the sum).
"""

from __future__ import annotations

import io
from dataclasses import dataclass
from datetime import date
from decimal import Decimal

from django.utils import timezone

from gongkai.core.report.format import (
    APPLICATION_COLUMNS,
    APPLICATION_ROWS,
    PROACTIVE_ROWS,
    REVIEW_COLUMNS,
    REVIEW_GROUPS,
    application_row,
)
from gongkai.core.report.model import Report, build_empty_report
from gongkai.core.report_deadlines import deadline_status
from gongkai.core.text import spreadsheet_row
from gongkai.reports.build import compute_figures
from gongkai.reports.checks import deadline_for, publication_findings
from gongkai.reports.models import AnnualReport, ReportState


@dataclass
class AgencyReportStatus:
    agency: object
    report: AnnualReport | None
    deadline: date
    deadline_code: str
    deadline_message: str
    errors: int
    warnings: int


def _first_publications(agencies, year: int) -> dict[int, date]:
    first: dict[int, date] = {}
    for agency_id, at in (
        AnnualReport.objects.filter(agency__in=agencies, year=year, published_at__isnull=False)
        .order_by("published_at")
        .values_list("agency_id", "published_at")
    ):
        first.setdefault(agency_id, timezone.localdate(at))
    return first


def county_overview(agencies, year: int, today: date) -> list[AgencyReportStatus]:
    agencies = list(agencies)
    published = {
        row.agency_id: row
        for row in AnnualReport.objects.filter(agency__in=agencies, year=year, state=ReportState.PUBLISHED)
    }
    previous = {
        row.agency_id: row
        for row in AnnualReport.objects.filter(agency__in=agencies, year=year - 1, state=ReportState.PUBLISHED)
    }
    first = _first_publications(agencies, year)
    statuses = []
    for agency in agencies:
        row = published.get(agency.pk)
        deadline = deadline_for(agency, year)
        published_on = first.get(agency.pk) if row else None  # 条例 第四十九条: the first publication
        code, message = deadline_status(deadline, today, published_on)
        errors = warnings = 0
        if row:
            last = previous.get(agency.pk)
            findings = publication_findings(
                agency, Report.from_json(row.data), Report.from_json(last.data) if last else None, today, published_on
            )
            errors = sum(f.severity == "error" for f in findings)
            warnings = len(findings) - errors
        statuses.append(AgencyReportStatus(agency, row, deadline, code, message, errors, warnings))
    return statuses


def _tables(report: Report):
    return (
        ("proactive", report.proactive),
        ("applications", report.applications),
        ("review_litigation", report.review_litigation),
    )


def _add(total, value):
    if total is None or value is None:
        return None
    if isinstance(total, str) or isinstance(value, str):
        return format((Decimal(str(total)) + Decimal(str(value))).normalize(), "f")
    return total + value


def sum_reports(reports: list[Report], year: int, name: str) -> Report:
    """Every cell summed over `reports` (a cell null in any report is null in the sum)."""
    total = build_empty_report(name, year)
    for report in reports:
        for (_, summed), (_, table) in zip(_tables(total), _tables(report), strict=True):
            for row_id, cells in summed.items():
                for column_id in cells:
                    cells[column_id] = _add(cells[column_id], table.get(row_id, {}).get(column_id))
    total.sections = {"overview": "", "problems": "", "other": ""}
    return total


def published_figures(statuses: list[AgencyReportStatus], year: int, name: str) -> Report:
    """The county aggregate: the sum of the published reports (current versions)."""
    return sum_reports([Report.from_json(s.report.data) for s in statuses if s.report], year, name)


def live_figures(agencies, year: int, name: str) -> Report:
    """Every cell summed over the agencies from today's platform data (unconfirmed inputs: null)."""
    total = compute_figures(agencies, year, name=name, strict=False)
    total.sections = {"overview": "", "problems": "", "other": ""}
    return total


def cell_label(table: str, row_id: str, column_id: str) -> str:
    if table == "proactive":
        row = next(r for r in PROACTIVE_ROWS if r.id == row_id)
        return f"第二部分 {row.label}·{dict(row.columns)[column_id]}"
    if table == "applications":
        column = next(c for c in APPLICATION_COLUMNS if c.id == column_id)
        return f"第三部分 {application_row(row_id).label}·{column.label}"
    group = next(g for g in REVIEW_GROUPS if g.id == row_id)
    column = next(c for c in REVIEW_COLUMNS if c.id == column_id)
    return f"第四部分 {group.parent or ''}{group.label}·{column.label}"


@dataclass
class Difference:
    agency: object
    cell: str
    published: object
    live: object


def live_differences(statuses: list[AgencyReportStatus], year: int) -> list[Difference]:
    """Cells where an agency's published report differs from today's data (value "未填写" when
    an input is not entered); an agency without a published report is one line "尚未公开"."""
    differences = []
    for status in statuses:
        if status.report is None:
            differences.append(Difference(status.agency, "年度报告", "尚未公开", "不计入合计"))
            continue
        published = Report.from_json(status.report.data)
        live = compute_figures(status.agency, year, strict=False)
        for (table, now), (_, then) in zip(_tables(live), _tables(published), strict=True):
            for row_id, cells in now.items():
                for column_id, value in cells.items():
                    before = then.get(row_id, {}).get(column_id)
                    if str(value) != str(before):
                        differences.append(
                            Difference(
                                status.agency,
                                cell_label(table, row_id, column_id),
                                before,
                                "未填写" if value is None else value,
                            )
                        )
    return differences


def aggregate_xlsx(
    report: Report, statuses: list[AgencyReportStatus], differences: list[Difference] | None = None
) -> bytes:
    """The summed tables, the per-agency status list and the live differences as an XLSX workbook."""
    from openpyxl import Workbook

    book = Workbook()
    sheet = book.active
    sheet.title = "主动公开"
    for row in PROACTIVE_ROWS:
        for column_id, label in row.columns:
            sheet.append([row.block_heading, row.label, label, report.proactive[row.id][column_id]])
    apps = book.create_sheet("依申请公开")
    apps.append(["", *[c.label for c in APPLICATION_COLUMNS]])
    for row in APPLICATION_ROWS:
        apps.append(
            [f"{row.group or ''}{row.label}", *[report.applications[row.id][c.id] for c in APPLICATION_COLUMNS]]
        )
    review = book.create_sheet("复议诉讼")
    review.append(["", *[c.label for c in REVIEW_COLUMNS]])
    for group in REVIEW_GROUPS:
        review.append(
            [f"{group.parent or ''}{group.label}", *[report.review_litigation[group.id][c.id] for c in REVIEW_COLUMNS]]
        )
    status = book.create_sheet("各机构年报情况")
    status.append(["机构", "公开期限", "状态", "计入合计", "检查错误", "检查提示"])
    for s in statuses:
        status.append(
            spreadsheet_row(
                [
                    s.agency.name,
                    f"{s.deadline:%Y年%-m月%-d日}",
                    s.deadline_message,
                    "是" if s.report else "否（未公开）",
                    s.errors,
                    s.warnings,
                ]
            )
        )
    if differences is not None:
        diff = book.create_sheet("与当前数据的差异")
        diff.append(["机构", "项目", "已公开报告", "当前平台数据"])
        for d in differences:
            diff.append(spreadsheet_row([d.agency.name, d.cell, str(d.published), str(d.live)]))
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()
