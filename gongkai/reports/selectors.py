"""Reads of the reports context."""

from __future__ import annotations

from django.db.models import Count

from gongkai.core.report.model import Report
from gongkai.reports.models import AnnualReport, ReportState, Suggestion


def suggestion_counts(agency, year: int) -> dict[str, int]:
    rows = (Suggestion.objects.filter(agency=agency, received_on__year=year)
            .values("kind").annotate(n=Count("id")))
    return {row["kind"]: row["n"] for row in rows}


def published_report(agency, year: int) -> AnnualReport | None:
    """The current published version of the agency's report for `year`."""
    return (AnnualReport.objects.filter(agency=agency, year=year, state=ReportState.PUBLISHED)
            .order_by("-version").first())


def previous_report_data(agency, year: int) -> Report | None:
    """Last year's published report, as the core model (for continuity checks)."""
    row = published_report(agency, year - 1)
    return Report.from_json(row.data) if row else None


def open_version(agency, year: int) -> AnnualReport | None:
    return AnnualReport.objects.filter(
        agency=agency, year=year, state__in=[ReportState.DRAFT, ReportState.SUBMITTED]).first()
