"""Compute an agency's annual report for a year from what the platform records.

Section 二 comes from the normative-document lifecycle (catalog) and the yearly statistics;
section 三 from the applications; section 四 from the review and litigation cases; the narrative
sections start from a draft written from the same figures (narrative.py).

The entered figures of section 二 (行政许可/处罚/强制, 行政事业性收费) are never assumed: a
cell nobody entered or confirmed stops the build with the list of cells (`IncompleteInputs`);
it is never written as null or 0.

Table 四 rule (one rule, every year): a case is counted once, in the report of the year it
was filed (复议申请/起诉), with its state on 31 December of that year — 尚未审结 when not
concluded by then. Its result, when it comes in a later year, is stated in that year's section
六 (narrative.review_note); the earlier published table is never changed.
"""

from __future__ import annotations

from decimal import Decimal

from gongkai.agencies.models import Agency
from gongkai.applications.selectors import application_table_counts, review_litigation_counts
from gongkai.catalog.selectors import normative_document_counts
from gongkai.core.refusal import Refused
from gongkai.core.report.fill import set_application_counts, set_review_counts
from gongkai.core.report.format import APPLICANT_COLUMN_IDS, PROACTIVE_ROWS, REVIEW_RESULT_COLUMN_IDS
from gongkai.core.report.model import Report, build_empty_report
from gongkai.reports.models import YearlyStatistics
from gongkai.reports.narrative import draft_sections

# (report row, statistics field, Chinese label of the cell)
ENTERED_CELLS = (
    ("licensing", "decisions", "licensing_decisions", "第二十条第（五）项 行政许可·本年处理决定数量"),
    ("penalty", "decisions", "penalty_decisions", "第二十条第（六）项 行政处罚·本年处理决定数量"),
    ("coercion", "decisions", "coercion_decisions", "第二十条第（六）项 行政强制·本年处理决定数量"),
    ("fees", "amount_wan_yuan", "fees_amount_wan_yuan", "第二十条第（八）项 行政事业性收费·本年收费金额（万元）"),
)


class IncompleteInputs(Refused):
    """Cells of section 二 that nobody has entered or confirmed; `cells` are Chinese labels."""

    code = "incomplete_inputs"

    def __init__(self, agency_name: str, year: int, cells: list[str]):
        self.cells = cells
        super().__init__(
            f"{agency_name}{year}年度统计数据尚未填写或确认，不能生成年度报告。"
            f"请先在“年度统计数据”中填写或确认为0：{'；'.join(cells)}"
        )


def unconfirmed_cells(agency, year: int) -> list[str]:
    """Labels of the entered cells still empty for `agency` and `year` (all four when none entered)."""
    stats = YearlyStatistics.objects.filter(agency=agency, year=year).first()
    return [label for _row, _col, field, label in ENTERED_CELLS if stats is None or getattr(stats, field) is None]


def _entered_values(agencies, year: int) -> dict[str, object]:
    """Each entered field summed over `agencies`; None when any agency has not entered it."""
    rows = list(YearlyStatistics.objects.filter(agency__in=agencies, year=year))
    values = {}
    for _row, _col, field, _label in ENTERED_CELLS:
        entered = [getattr(r, field) for r in rows if getattr(r, field) is not None]
        values[field] = (
            sum(entered, Decimal(0) if field.startswith("fees") else 0) if len(entered) == len(agencies) else None
        )
    return values


def compute_figures(agency, year: int, *, name: str | None = None, strict: bool = True) -> Report:
    """Every table figure of the report; narrative sections empty.

    `strict` (the default, for one agency): refuse with `IncompleteInputs` while an entered cell
    is empty. Not strict: such a cell is null (the county office's view of live data).
    `agency` may also be several agencies (a list or queryset; never strict): the figures are then
    the sums over all of them, computed by the same aggregate queries.
    """

    single = isinstance(agency, Agency)
    agencies = [agency] if single else list(agency)
    if strict and single and (missing := unconfirmed_cells(agency, year)):
        raise IncompleteInputs(agency.name, year, missing)
    report = build_empty_report(agency.name if single else name, year, agency.credit_code if single else None)
    row_ids = {row.label: row.id for row in PROACTIVE_ROWS}
    for key, cells in normative_document_counts(agency if single else agencies, year).items():
        report.proactive[row_ids.get(key, key)].update({k: int(v) for k, v in cells.items()})
    values = _entered_values(agencies, year)
    for row_id, column_id, field, _label in ENTERED_CELLS:
        value = values[field]
        if row_id == "fees" and value is not None:
            value = format(Decimal(value).normalize(), "f")
        report.proactive[row_id][column_id] = value
    table = application_table_counts(agency if single else agencies, year)
    set_application_counts(
        report,
        {
            (row_id, column_id): cells.get(column_id, 0)
            for row_id, cells in table.items()
            if row_id != "total"
            for column_id in APPLICANT_COLUMN_IDS
        },
    )
    review = review_litigation_counts(agency if single else agencies, year)
    set_review_counts(
        report,
        {
            (group_id, column_id): cells.get(column_id, 0)
            for group_id, cells in review.items()
            for column_id in REVIEW_RESULT_COLUMN_IDS
        },
    )
    return report


def compute_report(agency, year: int, previous: Report | None = None) -> Report:
    """The figures plus a draft of the narrative sections 一, 五 and 六 (refuses like compute_figures)."""

    report = compute_figures(agency, year)
    report.sections = draft_sections(agency, year, report, previous)
    return report


def is_all_zero(report: Report) -> bool:
    """True when the platform holds no figure at all for the year (a report of zeros)."""
    tables = (report.proactive, report.applications, report.review_litigation)
    return all(str(value) in ("0", "0.0") for table in tables for cells in table.values() for value in cells.values())
