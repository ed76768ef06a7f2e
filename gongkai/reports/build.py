"""Compute an agency's annual report for a year from what the platform records.

Section 二 comes from the normative-document lifecycle (catalog) and the yearly statistics;
section 三 from the applications; section 四 from the review and litigation cases; the narrative
sections start from a draft written from the same figures (narrative.py).
"""

from __future__ import annotations

from django.db.models import Sum

from gongkai.core.report.fill import set_application_counts, set_fee_amount, set_review_counts
from gongkai.core.report.format import APPLICANT_COLUMN_IDS, PROACTIVE_ROWS, REVIEW_RESULT_COLUMN_IDS
from gongkai.core.report.model import Report, build_empty_report
from gongkai.reports.models import YearlyStatistics


def compute_figures(agency, year: int, *, name: str | None = None) -> Report:
    """Every table figure of the report; narrative sections empty.

    `agency` may also be several agencies (a queryset): the figures are then the sums over all of
    them, computed by the same aggregate queries (the county 政务公开办's aggregate).
    """
    from gongkai.agencies.models import Agency
    from gongkai.applications.selectors import application_table_counts, review_litigation_counts
    from gongkai.catalog.selectors import normative_document_counts

    single = isinstance(agency, Agency)
    report = build_empty_report(agency.name if single else name, year, agency.credit_code if single else None)
    row_ids = {row.label: row.id for row in PROACTIVE_ROWS}
    for key, cells in normative_document_counts(agency, year).items():
        report.proactive[row_ids.get(key, key)].update({k: int(v) for k, v in cells.items()})
    statistics = YearlyStatistics.objects.filter(agency__in=[agency] if single else agency, year=year).aggregate(
        licensing=Sum("licensing_decisions"), penalty=Sum("penalty_decisions"),
        coercion=Sum("coercion_decisions"), fees=Sum("fees_amount_wan_yuan"))
    for row_id in ("licensing", "penalty", "coercion"):
        report.proactive[row_id]["decisions"] = statistics[row_id] or 0
    set_fee_amount(report, statistics["fees"] or 0)
    table = application_table_counts(agency, year)
    set_application_counts(report, {
        (row_id, column_id): cells.get(column_id, 0)
        for row_id, cells in table.items() if row_id != "total"
        for column_id in APPLICANT_COLUMN_IDS
    })
    review = review_litigation_counts(agency, year)
    set_review_counts(report, {
        (group_id, column_id): cells.get(column_id, 0)
        for group_id, cells in review.items()
        for column_id in REVIEW_RESULT_COLUMN_IDS
    })
    return report


def compute_report(agency, year: int, previous: Report | None = None) -> Report:
    """The figures plus a draft of the narrative sections 一, 五 and 六."""
    from gongkai.reports.narrative import draft_sections

    report = compute_figures(agency, year)
    report.sections = draft_sections(agency, year, report, previous)
    return report


def is_all_zero(report: Report) -> bool:
    """True when the platform holds no figure at all for the year (a report of zeros)."""
    tables = (report.proactive, report.applications, report.review_litigation)
    return all(str(value) in ("0", "0.0") for table in tables for cells in table.values() for value in cells.values())
