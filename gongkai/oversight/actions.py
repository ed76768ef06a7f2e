"""Writes of the oversight context. Each is atomic and records an audit entry in its transaction.

- `run_inspection`: 按周检查 of one agency (政务公开办 on demand, or the system job);
- `run_weekly_inspections`: the job — every inspected agency once per ISO week (idempotent);
- `issue_rectification`, `submit_rectification`, `accept_rectification`, `return_rectification`:
  the 整改 workflow (条例 Arts. 47, 52, 53; table in gongkai.core.oversight).
"""

from __future__ import annotations

from datetime import date

from django.db import IntegrityError, transaction
from django.utils import timezone

from gongkai import audit
from gongkai.agencies.access import Action, can
from gongkai.core.oversight import (
    CODES,
    EVENT_PARTY,
    THRESHOLDS,
    Party,
    RectificationEvent,
    Severity,
    inspect,
    next_rectification_state,
)
from gongkai.core.refusal import PermissionRefused, Refused
from gongkai.holidays.services import working_calendar
from gongkai.oversight import selectors
from gongkai.oversight.models import Inspection, InspectionFinding, Rectification, Trigger


@transaction.atomic
def run_inspection(*, agency, actor, now, trigger: Trigger = Trigger.ON_DEMAND) -> Inspection:
    """Inspect one agency as of `now`'s local date and store the findings. `actor` None = system."""
    if actor is not None and not can(actor, Action.SUPERVISE, agency):
        raise PermissionRefused("无权检查该机构")
    today = timezone.localdate(now)
    calendar = working_calendar().provisional()
    findings = inspect(
        columns=selectors.column_facts(agency, today),
        applications=selectors.application_facts(agency, today, calendar),
        publications=selectors.publication_facts(agency, today, calendar),
        today=today,
    )
    iso_year, iso_week = selectors.week_of(today)
    inspection = Inspection.objects.create(
        agency=agency,
        iso_year=iso_year,
        iso_week=iso_week,
        inspected_on=today,
        run_at=now,
        run_by=actor,
        trigger=trigger,
        rules_version=THRESHOLDS.version,
        finding_count=len(findings),
        serious_count=sum(1 for f in findings if f.severity == Severity.SERIOUS),
    )
    InspectionFinding.objects.bulk_create(
        [
            InspectionFinding(
                inspection=inspection,
                code=f.code,
                severity=f.severity.value,
                message=f.message,
                subject_type=f.subject_type,
                subject_id=f.subject_id,
                subject_label=f.subject_label[:200],
            )
            for f in findings
        ]
    )
    audit.record(
        subject=inspection,
        actor=actor,
        kind="oversight.inspection.run",
        agency=agency,
        after={
            "week": inspection.week_label,
            "findings": len(findings),
            "serious": inspection.serious_count,
            "trigger": trigger.value,
        },
    )
    return inspection


def run_weekly_inspections(now) -> str:
    """每周网站更新情况检查（每个受检机构每个自然周一次）。

    The periodic job: each inspected agency without an inspection this ISO week gets one."""
    iso_year, iso_week = selectors.week_of(timezone.localdate(now))
    done = set(Inspection.objects.filter(iso_year=iso_year, iso_week=iso_week).values_list("agency_id", flat=True))
    created = 0
    for agency in selectors.inspected_agencies().exclude(pk__in=done):
        try:
            run_inspection(agency=agency, actor=None, now=now, trigger=Trigger.SCHEDULED)
            created += 1
        except IntegrityError:  # another runner inspected it first (one scheduled run per week)
            continue
    return f"{iso_year}年第{iso_week}周：检查{created}个机构"


def _check_party(rectification: Rectification, actor, event: RectificationEvent) -> None:
    action = Action.SUPERVISE if EVENT_PARTY[event] == Party.OFFICE else Action.EDIT
    if not can(actor, action, rectification.agency):
        raise PermissionRefused("无权执行该操作")


def _locked(rectification: Rectification) -> Rectification:
    return Rectification.objects.select_for_update().select_related("agency").get(pk=rectification.pk)


def _check_due_on(due_on: date | None, today: date) -> None:
    if due_on is None:
        raise Refused("请填写整改期限", field_errors={"due_on": "请填写整改期限"})
    if due_on < today:
        raise Refused("整改期限不能早于今天", field_errors={"due_on": "整改期限不能早于今天"})
    if not working_calendar().provisional().is_workday(due_on):
        raise Refused("整改期限应为工作日", field_errors={"due_on": f"{due_on:%Y-%m-%d}不是工作日，请选择工作日"})


@transaction.atomic
def issue_rectification(*, agency, actor, finding_ids, requirement: str, due_on: date, today: date) -> Rectification:
    """The 政务公开办 issues a 整改通知 for findings of `agency` not yet covered by another notice."""
    if not can(actor, Action.SUPERVISE, agency):
        raise PermissionRefused("无权下发整改通知")
    requirement = (requirement or "").strip()
    if not requirement:
        raise Refused("请填写整改要求", field_errors={"requirement": "请填写整改要求"})
    _check_due_on(due_on, today)
    ids = {int(i) for i in finding_ids}
    findings = list(
        InspectionFinding.objects.select_for_update().filter(
            pk__in=ids, inspection__agency=agency, rectification__isnull=True
        )
    )
    if not ids:
        raise Refused("请至少选择一个问题", field_errors={"findings": "请至少选择一个问题"})
    if len(findings) != len(ids):
        raise Refused("所选问题不存在或已下发整改通知", field_errors={"findings": "所选问题不存在或已下发整改通知"})
    rectification = Rectification.objects.create(
        agency=agency, requirement=requirement, issued_on=today, due_on=due_on, issued_by=actor
    )
    InspectionFinding.objects.filter(pk__in=ids).update(rectification=rectification)
    audit.record(
        subject=rectification,
        actor=actor,
        kind="oversight.rectification.issued",
        agency=agency,
        after={"state": rectification.state, "due_on": due_on, "findings": sorted(ids)},
        note=requirement,
    )
    return rectification


def _transition(rectification, actor, event: RectificationEvent, kind: str, note: str, **changes) -> Rectification:
    rectification = _locked(rectification)
    _check_party(rectification, actor, event)
    before = {"state": rectification.state, "due_on": rectification.due_on}
    rectification.state = next_rectification_state(rectification.state, event).value
    for name, value in changes.items():
        setattr(rectification, name, value)
    rectification.save()
    audit.record(
        subject=rectification,
        actor=actor,
        kind=kind,
        agency=rectification.agency,
        before=before,
        after={"state": rectification.state, "due_on": rectification.due_on},
        note=note,
    )
    return rectification


@transaction.atomic
def submit_rectification(*, rectification, actor, report: str, today: date) -> Rectification:
    """The agency records 整改情况 and marks the rectification done (待验收)."""
    report = (report or "").strip()
    if not report:
        raise Refused("请填写整改情况", field_errors={"report": "请填写整改情况"})
    return _transition(
        rectification,
        actor,
        RectificationEvent.SUBMIT,
        "oversight.rectification.submitted",
        report,
        report=report,
        reported_on=today,
        reported_by=actor,
    )


@transaction.atomic
def accept_rectification(*, rectification, actor, note: str, today: date) -> Rectification:
    """The 政务公开办 verifies: 验收通过 — only when a fresh inspection no longer finds any of the
    problems the notice lists (a blank column still blank refuses the acceptance)."""
    note = (note or "").strip() or "验收通过"
    locked = _locked(rectification)
    _check_party(locked, actor, RectificationEvent.ACCEPT)
    next_rectification_state(locked.state, RectificationEvent.ACCEPT)  # InvalidTransition before re-inspecting
    persisting = selectors.persisting_findings(rectification, today, working_calendar().provisional())
    if persisting:
        listed = "；".join(f"{CODES.get(f.code, '其他问题')}（{f.subject_label}）" for f in persisting)
        message = f"复查发现以下问题仍未整改，不能验收通过：{listed}。可退回重新整改。"
        raise Refused(message, field_errors={"decision": message})
    return _transition(
        rectification,
        actor,
        RectificationEvent.ACCEPT,
        "oversight.rectification.accepted",
        note,
        verification_note=note,
        verified_on=today,
        verified_by=actor,
    )


@transaction.atomic
def return_rectification(*, rectification, actor, note: str, today: date, due_on: date | None = None) -> Rectification:
    """The 政务公开办 returns it (退回) with a reason and optionally a new due date."""
    note = (note or "").strip()
    if not note:
        raise Refused("请填写退回理由", field_errors={"note": "请填写退回理由"})
    changes = {"verification_note": note, "verified_on": today, "verified_by": actor}
    if due_on is not None:
        _check_due_on(due_on, today)
        changes["due_on"] = due_on
    return _transition(
        rectification, actor, RectificationEvent.RETURN, "oversight.rectification.returned", note, **changes
    )
