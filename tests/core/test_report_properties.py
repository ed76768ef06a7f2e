"""Reports built from random valid records pass every cross-check; any single changed cell fails
the check that guards it (国办公开办函〔2021〕30号 勾稽关系)."""

from hypothesis import given
from hypothesis import strategies as st

from gongkai.core.report.checks import check_report
from gongkai.core.report.fill import set_application_counts, set_review_counts
from gongkai.core.report.format import (
    APPLICANT_COLUMN_IDS,
    APPLICATION_COLUMN_IDS,
    APPLICATION_ROW_IDS,
    OUTCOME_ROW_IDS,
    REVIEW_COLUMN_IDS,
    REVIEW_GROUPS,
    REVIEW_RESULT_COLUMN_IDS,
)
from gongkai.core.report.model import build_empty_report

# An application record: who applied, whether it was carried over from last year, and its
# outcome this year (None = still open at 31 December, so carried forward).
records = st.lists(
    st.tuples(
        st.sampled_from(APPLICANT_COLUMN_IDS), st.booleans(), st.one_of(st.none(), st.sampled_from(OUTCOME_ROW_IDS))
    ),
    max_size=60,
)
cases = st.lists(
    st.tuples(st.sampled_from([g.id for g in REVIEW_GROUPS]), st.sampled_from(REVIEW_RESULT_COLUMN_IDS)), max_size=20
)


def report_from(application_records, review_cases):
    counts = {}
    for column, carried, outcome in application_records:
        row = "carried_over" if carried else "new_received"
        counts[(row, column)] = counts.get((row, column), 0) + 1
        target = outcome or "carried_forward"
        counts[(target, column)] = counts.get((target, column), 0) + 1
    review = {}
    for group, result in review_cases:
        review[(group, result)] = review.get((group, result), 0) + 1
    report = build_empty_report("测试镇人民政府", 2024)
    set_application_counts(report, counts)
    set_review_counts(report, review)
    return report


@given(records, cases)
def test_reports_from_valid_records_pass_every_check(application_records, review_cases):
    report = report_from(application_records, review_cases)
    assert [f for f in check_report(report) if f.severity == "error"] == []


EXPECTED_CODES = {
    "new_received": {"cross_check.row_total", "cross_check.balance"},
    "carried_over": {"cross_check.row_total", "cross_check.balance"},
    "carried_forward": {"cross_check.row_total", "cross_check.balance"},
    "total": {"cross_check.row_total", "cross_check.column_total", "cross_check.balance"},
}


@given(
    records,
    cases,
    st.sampled_from(APPLICATION_ROW_IDS),
    st.sampled_from(APPLICATION_COLUMN_IDS),
    st.integers(min_value=1, max_value=5),
)
def test_changing_one_application_cell_fails_the_right_check(application_records, review_cases, row, column, delta):
    report = report_from(application_records, review_cases)
    report.applications[row][column] += delta
    codes = {f.code for f in check_report(report) if f.severity == "error"}
    if column == "total":
        assert "cross_check.row_total" in codes
    elif row in OUTCOME_ROW_IDS:
        assert {"cross_check.row_total", "cross_check.column_total"} <= codes
    else:
        assert codes & EXPECTED_CODES[row]
        assert "cross_check.row_total" in codes


@given(records, cases, st.sampled_from([g.id for g in REVIEW_GROUPS]), st.sampled_from(REVIEW_COLUMN_IDS))
def test_changing_one_review_cell_fails_the_review_total(application_records, review_cases, group, column):
    report = report_from(application_records, review_cases)
    report.review_litigation[group][column] += 1
    assert "cross_check.review_total" in {f.code for f in check_report(report)}


@given(records, cases)
def test_a_negative_cell_is_invalid(application_records, review_cases):
    report = report_from(application_records, review_cases)
    report.applications["granted"]["natural_person"] = -1
    assert "cell.invalid" in {f.code for f in check_report(report)}
