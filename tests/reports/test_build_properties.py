"""Any report the platform builds from random valid records passes every cross-check."""

from datetime import date, timedelta

from django.db import transaction
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from gongkai.applications.models import Application, ReviewCase
from gongkai.core import outcomes
from gongkai.core.report.checks import check_report
from gongkai.reports.build import compute_figures

YEAR = 2024
days = st.integers(min_value=-400, max_value=500)
application_records = st.lists(
    st.tuples(
        st.sampled_from([t.id for t in outcomes.APPLICANT_TYPES]),
        days,
        st.one_of(st.none(), st.integers(min_value=0, max_value=120)),
        st.sampled_from([o.id for o in outcomes.OUTCOMES]),
    ),
    max_size=25,
)
case_records = st.lists(
    st.tuples(
        st.sampled_from(["administrative_review", "litigation_direct", "litigation_after_review"]),
        days,
        st.one_of(st.none(), st.integers(min_value=0, max_value=200)),
        st.sampled_from(["upheld", "corrected", "other"]),
    ),
    max_size=6,
)


@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(application_records, case_records)
def test_built_reports_pass_every_cross_check(township, statistics_2024, application_records, case_records):
    start = date(YEAR, 1, 1)
    sid = transaction.savepoint()
    try:
        rows = []
        for serial, (applicant, offset, decided_after, outcome) in enumerate(application_records, start=1):
            received = start + timedelta(days=offset)
            decided = received + timedelta(days=decided_after) if decided_after is not None else None
            rows.append(
                Application(
                    agency=township,
                    year=received.year,
                    serial=serial,
                    number=f"T-{serial}",
                    channel="in_person",
                    state="closed" if decided else "in_progress",
                    submitted_on=received,
                    received_on=received,
                    applicant_type=applicant,
                    name="申请人",
                    phone="1",
                    information="某信息",
                    provision_form="paper",
                    delivery="post",
                    outcome=outcome if decided else "",
                    decided_on=decided,
                )
            )
        Application.objects.bulk_create(rows)
        saved = list(Application.objects.filter(agency=township).order_by("serial"))
        for index, (kind, offset, concluded_after, result) in enumerate(case_records):
            if not saved:
                break
            filed = start + timedelta(days=offset)
            concluded = filed + timedelta(days=concluded_after) if concluded_after is not None else None
            ReviewCase.objects.create(
                application=saved[index % len(saved)],
                kind=kind,
                filed_on=filed,
                concluded_on=concluded,
                result=result if concluded else "pending",
            )
        report = compute_figures(township, YEAR)
        assert [f for f in check_report(report) if f.severity == "error"] == []
        in_year = [r for r in rows if r.received_on.year == YEAR]
        assert report.applications["new_received"]["total"] == len(in_year)
    finally:
        transaction.savepoint_rollback(sid)
