"""The 整改 workflow through the actions: issue, report, verify, refused steps, nothing half-saved."""

from datetime import date, timedelta

import pytest

from gongkai.audit.models import AuditEntry
from gongkai.core.oversight import InvalidTransition
from gongkai.core.refusal import PermissionRefused, Refused
from gongkai.oversight import actions
from gongkai.oversight.models import InspectionFinding, Rectification
from gongkai.oversight.selectors import agency_weeks, bulletin_rows
from tests.oversight.conftest import MONDAY

DUE = MONDAY + timedelta(days=7)


def issue(supervisor, township, findings, **extra):
    data = dict(
        agency=township,
        actor=supervisor,
        finding_ids=[f.pk for f in findings],
        requirement="请更新镇街动态栏目",
        due_on=DUE,
        today=MONDAY,
    )
    data.update(extra)
    return actions.issue_rectification(**data)


def test_full_workflow_with_return_and_audit(township, supervisor, handler, stale_finding, news, publish):
    rectification = issue(supervisor, township, [stale_finding])
    stale_finding.refresh_from_db()
    assert stale_finding.rectification == rectification and rectification.state == "issued"
    actions.submit_rectification(rectification=rectification, actor=handler, report="已补发动态", today=MONDAY)
    actions.return_rectification(
        rectification=rectification,
        actor=supervisor,
        note="仍未按周更新",
        today=MONDAY + timedelta(days=1),
        due_on=date(2025, 3, 21),
    )
    rectification.refresh_from_db()
    assert rectification.state == "returned" and rectification.due_on == date(2025, 3, 21)
    actions.submit_rectification(
        rectification=rectification, actor=handler, report="已建立每周更新台账", today=MONDAY + timedelta(days=2)
    )
    publish(news, MONDAY + timedelta(days=2))  # the correction itself: the column is updated again
    actions.accept_rectification(
        rectification=rectification, actor=supervisor, note="", today=MONDAY + timedelta(days=3)
    )
    rectification.refresh_from_db()
    assert rectification.state == "accepted" and rectification.verified_by == supervisor
    assert rectification.verification_note == "验收通过"
    kinds = list(
        AuditEntry.objects.filter(subject_type="oversight.rectification").order_by("id").values_list("kind", flat=True)
    )
    assert kinds == [
        "oversight.rectification.issued",
        "oversight.rectification.submitted",
        "oversight.rectification.returned",
        "oversight.rectification.submitted",
        "oversight.rectification.accepted",
    ]


def test_refused_steps(township, supervisor, handler, reviewer, other_handler, stale_finding, news, publish):
    rectification = issue(supervisor, township, [stale_finding])
    with pytest.raises(InvalidTransition):
        actions.accept_rectification(rectification=rectification, actor=supervisor, note="", today=MONDAY)
    with pytest.raises(PermissionRefused):  # a handler cannot verify
        actions.submit_rectification(rectification=rectification, actor=handler, report="已整改", today=MONDAY)
        actions.accept_rectification(rectification=rectification, actor=handler, note="", today=MONDAY)
    with pytest.raises(PermissionRefused):  # the office does not do the agency's part
        actions.submit_rectification(rectification=rectification, actor=supervisor, report="x", today=MONDAY)
    for user in (reviewer, other_handler):
        with pytest.raises(PermissionRefused):
            actions.return_rectification(rectification=rectification, actor=user, note="x", today=MONDAY)
    with pytest.raises(PermissionRefused):
        issue(handler, township, [])
    rectification.refresh_from_db()
    assert rectification.state == "submitted"
    publish(news, MONDAY)
    actions.accept_rectification(rectification=rectification, actor=supervisor, note="好", today=MONDAY)
    with pytest.raises(InvalidTransition):
        actions.submit_rectification(rectification=rectification, actor=handler, report="再报", today=MONDAY)


@pytest.mark.parametrize(
    "extra, field",
    [
        ({"requirement": "  "}, "requirement"),
        ({"due_on": MONDAY - timedelta(days=1)}, "due_on"),
        ({"due_on": date(2025, 3, 15)}, "due_on"),  # a Saturday
        ({"finding_ids": []}, "findings"),
    ],
)
def test_bad_issue_input_saves_nothing(township, supervisor, stale_finding, extra, field):
    with pytest.raises(Refused) as error:
        issue(supervisor, township, [stale_finding], **extra)
    assert field in error.value.field_errors
    assert not Rectification.objects.exists()
    assert not InspectionFinding.objects.filter(rectification__isnull=False).exists()


def test_a_finding_is_covered_by_one_notice_and_must_be_the_agencys(township, supervisor, other_agency, stale_finding):
    issue(supervisor, township, [stale_finding])
    with pytest.raises(Refused, match="已下发"):
        issue(supervisor, township, [stale_finding])
    from gongkai.oversight.actions import run_inspection
    from tests.oversight.conftest import at

    foreign = run_inspection(agency=other_agency, actor=None, now=at(MONDAY)).findings.first()
    with pytest.raises(Refused):
        issue(supervisor, township, [foreign])
    assert Rectification.objects.count() == 1


def test_empty_report_refused(township, supervisor, handler, stale_finding):
    rectification = issue(supervisor, township, [stale_finding])
    with pytest.raises(Refused) as error:
        actions.submit_rectification(rectification=rectification, actor=handler, report=" ", today=MONDAY)
    assert "report" in error.value.field_errors
    rectification.refresh_from_db()
    assert rectification.state == "issued" and rectification.report == ""


def test_overdue_and_bulletin_rows(township, supervisor, handler, inspection, stale_finding, correct):
    rectification = issue(supervisor, township, [stale_finding])
    after_due = DUE + timedelta(days=1)
    [row] = agency_weeks([township], 2025, 11, after_due)
    assert row.overdue_rectifications == 1 and row.unrectified == inspection.finding_count
    assert [r.agency for r in bulletin_rows([township], 2025, 11, after_due)] == [township]
    actions.submit_rectification(rectification=rectification, actor=handler, report="已整改", today=MONDAY)
    correct(rectification, MONDAY)
    actions.accept_rectification(rectification=rectification, actor=supervisor, note="", today=MONDAY)
    [row] = agency_weeks([township], 2025, 11, after_due)
    assert row.overdue_rectifications == 0 and row.unrectified == inspection.finding_count - 1
    assert bulletin_rows([township], 2025, 12, after_due) == []  # no inspection that week


def test_acceptance_reinspects_and_refuses_while_the_listed_problems_persist(
    township, supervisor, handler, stale_finding, news, publish
):
    """条例 Art. 47: 验收 re-runs the inspection for the findings the notice lists; a column still
    stale refuses the acceptance (nothing is saved), an update lets it pass."""
    rectification = issue(supervisor, township, [stale_finding])
    actions.submit_rectification(rectification=rectification, actor=handler, report="已整改", today=MONDAY)
    with pytest.raises(Refused, match="栏目未按时更新（镇街动态）") as refused:
        actions.accept_rectification(
            rectification=rectification, actor=supervisor, note="", today=MONDAY + timedelta(days=1)
        )
    assert "不能验收通过" in str(refused.value)
    rectification.refresh_from_db()
    assert rectification.state == "submitted" and rectification.verified_by is None
    assert not AuditEntry.objects.filter(kind="oversight.rectification.accepted").exists()
    publish(news, MONDAY + timedelta(days=1))
    actions.accept_rectification(
        rectification=rectification, actor=supervisor, note="", today=MONDAY + timedelta(days=1)
    )
    rectification.refresh_from_db()
    assert rectification.state == "accepted"
