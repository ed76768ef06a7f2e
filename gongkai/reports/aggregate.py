"""The county 政务公开办's view: every supervised agency's report status and the summed figures."""

from __future__ import annotations

import io
from dataclasses import dataclass
from datetime import date

from django.utils import timezone

from gongkai.core.report.format import (
    APPLICATION_COLUMNS,
    APPLICATION_ROWS,
    PROACTIVE_ROWS,
    REVIEW_COLUMNS,
    REVIEW_GROUPS,
)
from gongkai.core.report.model import Report
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
    statuses = []
    for agency in agencies:
        row = published.get(agency.pk)
        deadline = deadline_for(agency, year)
        published_on = timezone.localdate(row.published_at) if row else None
        code, message = deadline_status(deadline, today, published_on)
        errors = warnings = 0
        if row:
            last = previous.get(agency.pk)
            findings = publication_findings(agency, Report.from_json(row.data),
                                            Report.from_json(last.data) if last else None, today, published_on)
            errors = sum(f.severity == "error" for f in findings)
            warnings = len(findings) - errors
        statuses.append(AgencyReportStatus(agency, row, deadline, code, message, errors, warnings))
    return statuses


def aggregate_figures(agencies, year: int, name: str) -> Report:
    """Every cell summed over the agencies, computed from the platform's data in one pass."""
    total = compute_figures(agencies, year, name=name)
    total.sections = {"overview": "", "problems": "", "other": ""}
    return total


def aggregate_xlsx(report: Report, statuses: list[AgencyReportStatus]) -> bytes:
    """The summed tables and the per-agency status list as an XLSX workbook."""
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
        apps.append([f"{row.group or ''}{row.label}", *[report.applications[row.id][c.id] for c in APPLICATION_COLUMNS]])
    review = book.create_sheet("复议诉讼")
    review.append(["", *[c.label for c in REVIEW_COLUMNS]])
    for group in REVIEW_GROUPS:
        review.append([f"{group.parent or ''}{group.label}",
                       *[report.review_litigation[group.id][c.id] for c in REVIEW_COLUMNS]])
    status = book.create_sheet("各机构年报情况")
    status.append(["机构", "公开期限", "状态", "检查错误", "检查提示"])
    for s in statuses:
        status.append(spreadsheet_row([s.agency.name, s.deadline.isoformat(), s.deadline_message, s.errors, s.warnings]))
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()
