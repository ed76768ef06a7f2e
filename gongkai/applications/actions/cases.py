"""Administrative review and litigation about an application (table 四)."""

from __future__ import annotations

from datetime import date

from django.db import transaction

from gongkai import audit
from gongkai.agencies.access import Action
from gongkai.applications.actions._base import require
from gongkai.applications.models import Application, CaseKind, CaseResult, ReviewCase
from gongkai.core.refusal import Refused


def _check(application, kind, filed_on, result, concluded_on, today):
    if kind not in CaseKind.values:
        raise Refused("请选择行政复议或行政诉讼类型")
    if result not in CaseResult.values:
        raise Refused("请选择结果")
    if filed_on is None:
        raise Refused("请填写申请复议或起诉的日期")
    floor = application.received_on or application.submitted_on
    if filed_on < floor or filed_on > today:
        raise Refused(f"申请复议或起诉的日期应在收到申请（{floor.isoformat()}）与今天之间")
    if result == CaseResult.PENDING and concluded_on is not None:
        raise Refused("尚未审结的案件不应填写审结日期")
    if result != CaseResult.PENDING:
        if concluded_on is None:
            raise Refused("已审结的案件请填写审结日期")
        if concluded_on < filed_on or concluded_on > today:
            raise Refused("审结日期应在申请或起诉日期与今天之间")


@transaction.atomic
def record_review_case(
    *,
    application: Application,
    actor,
    kind: str,
    filed_on: date,
    result: str = CaseResult.PENDING,
    concluded_on: date | None = None,
    note: str = "",
    today: date,
) -> ReviewCase:
    require(actor, Action.EDIT, application.agency)
    _check(application, kind, filed_on, result, concluded_on, today)
    case = ReviewCase.objects.create(
        application=application, kind=kind, filed_on=filed_on, result=result, concluded_on=concluded_on, note=note
    )
    audit.record(
        subject=application,
        actor=actor,
        kind="applications.review_case_recorded",
        after={"case": case.pk, "kind": kind, "result": result},
        note=note,
    )
    return case


@transaction.atomic
def update_review_case(
    *, case: ReviewCase, actor, result: str, concluded_on: date | None, note: str = "", today: date
) -> ReviewCase:
    require(actor, Action.EDIT, case.application.agency)
    case = ReviewCase.objects.select_for_update().select_related("application").get(pk=case.pk)
    _check(case.application, case.kind, case.filed_on, result, concluded_on, today)
    before = {"result": case.result, "concluded_on": case.concluded_on}
    case.result, case.concluded_on, case.note = result, concluded_on, note or case.note
    case.save(update_fields=["result", "concluded_on", "note"])
    audit.record(
        subject=case.application,
        actor=actor,
        kind="applications.review_case_updated",
        before=before,
        after={"case": case.pk, "result": result, "concluded_on": concluded_on},
    )
    return case
