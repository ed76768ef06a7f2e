"""Decisions: exactly one of the 21 national outcome categories; withdrawal is 其他处理 3."""

from __future__ import annotations

from datetime import date

from django.db import transaction

from gongkai.agencies.access import Action
from gongkai.applications.actions._base import add_event, check_date, log, require, step
from gongkai.applications.actions.letters import NOT_DECIDABLE, draft_reply, sign_off_reply
from gongkai.applications.models import Application
from gongkai.core import outcomes
from gongkai.core.application_states import Event, State
from gongkai.core.clock import Kind
from gongkai.core.letters import decisions
from gongkai.core.refusal import Refused


def _details_from_content(outcome_id: str, content: str) -> dict:
    """For callers that state the reply in one text (ledger-style records, tests): the text
    stands for every free-text field of the outcome's wording and the first choice is taken.
    The staff pages draft with the outcome's own fields instead."""
    details = {}
    for field in decisions.fields_for(outcome_id):
        if field.choices:
            if field.required:
                details[field.name] = field.choices[0][0]
        elif field.required:
            details[field.name] = content
    if outcome_id == "unavailable.not_held":
        details["responsible_unknown"] = ""
    return details


@transaction.atomic
def decide(
    *,
    application: Application,
    actor,
    on: date,
    outcome_id: str,
    content: str,
    served_on: date | None = None,
    service_method: str = "",
    today: date,
    signed_by=None,
    details: dict | None = None,
) -> Application:
    """Draft the reply as `actor` and have `signed_by` (审核人 or 机构管理员, not the drafter) sign it
    off at once: the two steps of `draft_reply` and `sign_off_reply` in one transaction."""
    require(actor, Action.EDIT, application.agency)
    if outcome_id in NOT_DECIDABLE:
        raise Refused("逾期不补正、逾期未缴费请使用对应的办结操作")
    if outcome_id not in outcomes.OUTCOME_IDS:
        raise Refused("请选择一项办理结果（全国统一的办理结果分类）")
    if signed_by is None:
        raise Refused("答复告知书须经审核人或机构管理员签发")
    if not (content or "").strip() and details is None:
        raise Refused("请填写答复内容（获取方式、不予公开的理由或其他说明）")
    check_date(application, on, today, "答复日期")
    draft = draft_reply(
        application=application,
        actor=actor,
        outcome_id=outcome_id,
        details=details if details is not None else _details_from_content(outcome_id, content),
        today=today,
    )
    letter = sign_off_reply(
        letter=draft, actor=signed_by, on=on, today=today, served_on=served_on, service_method=service_method
    )
    return letter.application


@transaction.atomic
def withdraw(*, application: Application, actor, on: date, note: str = "", today: date) -> Application:
    """The applicant withdraws: 其他处理 3. An unconfirmed online application counts as received
    on the day the withdrawal is confirmed with the applicant."""
    require(actor, Action.EDIT, application.agency)
    was_submitted = application.state == State.SUBMITTED.value
    application, before = step(application, Event.WITHDRAW)
    check_date(application, on, today, "撤回日期")
    if was_submitted:
        application.received_on = on
        add_event(application, Kind.RECEIVED, on, actor)
    application.outcome, application.decided_on = outcomes.WITHDRAWN, on
    application.decision_note = note or "申请人撤回申请"
    application.save(update_fields=["state", "outcome", "decided_on", "decision_note", "received_on"])
    log(application, actor, "withdrawn", before, note=note)
    return application
