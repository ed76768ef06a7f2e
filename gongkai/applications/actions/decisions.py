"""Decisions: exactly one of the 21 national outcome categories; withdrawal is 其他处理 3."""

from __future__ import annotations

from datetime import date

from django.db import transaction

from gongkai.applications.actions.base import (
    ActionRefused, add_event, check_date, check_served, log, step,
)
from gongkai.applications.letters import issue_letter
from gongkai.applications.models import Application, LetterKind
from gongkai.core import outcomes
from gongkai.core.application_states import Event, State
from gongkai.core.clock import Kind

# Closed by their own actions (lapse_correction, lapse_fee), not chosen in a decision.
_NOT_DECIDABLE = {outcomes.NO_CORRECTION, outcomes.UNPAID_FEE}


@transaction.atomic
def decide(*, application: Application, actor, on: date, outcome_id: str, content: str,
           served_on: date, service_method: str, today: date) -> Application:
    application, before = step(application, Event.DECIDE)
    if outcome_id not in outcomes.OUTCOME_IDS:
        raise ActionRefused("请选择一项办理结果（全国统一的办理结果分类）")
    if outcome_id in _NOT_DECIDABLE:
        raise ActionRefused("逾期不补正、逾期未缴费请使用对应的办结操作")
    check_date(application, on, today, "答复日期")
    check_served(on, served_on, service_method, today)
    if not (content or "").strip():
        raise ActionRefused("请填写答复内容（获取方式、不予公开的理由或其他说明）")
    outcome = outcomes.outcome(outcome_id)
    application.outcome, application.decided_on, application.decision_note = outcome_id, on, content
    application.save(update_fields=["state", "outcome", "decided_on", "decision_note"])
    issue_letter(application, LetterKind.REPLY, issued_on=on, served_on=served_on,
                 service_method=service_method, content=content, article=outcome.article,
                 outcome=outcome.label)
    log(application, actor, "decided", before, note=content)
    return application


@transaction.atomic
def withdraw(*, application: Application, actor, on: date, note: str = "", today: date) -> Application:
    """The applicant withdraws: 其他处理 3. An unconfirmed online application counts as received
    on the day the withdrawal is confirmed with the applicant."""
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
