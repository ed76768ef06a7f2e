"""Handling: correction (Art. 30), consultation (Arts. 32, 34), extension (Art. 33), fees (109号)."""

from __future__ import annotations

from datetime import date

from django.core.exceptions import PermissionDenied
from django.db import transaction

from gongkai.agencies.access import Action, can
from gongkai.applications.actions.base import (
    ActionRefused, add_event, check_date, check_served, log, step,
)
from gongkai.applications.clock import clock_of
from gongkai.applications.letters import issue_letter
from gongkai.applications.models import Application, ClockEvent, FeeNotice, LetterKind
from gongkai.applications.selectors import applications_in_month_before
from gongkai.core import clock as core_clock
from gongkai.core import fees, outcomes
from gongkai.core.application_states import Event
from gongkai.core.clock import Kind
from gongkai.holidays.services import working_calendar


def _event(application, kind: Kind) -> ClockEvent | None:
    return application.clock_events.filter(kind=kind).order_by("-on", "-id").first()


@transaction.atomic
def request_correction(*, application: Application, actor, on: date, served_on: date,
                       service_method: str, correct_by: date, content: str, today: date) -> Application:
    application, before = step(application, Event.REQUEST_CORRECTION)
    check_date(application, on, today, "补正告知日期")
    check_served(on, served_on, service_method, today)
    if not (content or "").strip():
        raise ActionRefused("请写明需要补正的事项（条例第三十条：一次性告知）")
    if correct_by is None or correct_by <= served_on:
        raise ActionRefused("补正期限应晚于送达日期（条例第三十条：合理的补正期限）")
    application.save(update_fields=["state"])
    add_event(application, Kind.CORRECTION_REQUESTED, on, actor, served_on=served_on,
              service_method=service_method, deadline_on=correct_by, note=content)
    issue_letter(application, LetterKind.CORRECTION, issued_on=on, served_on=served_on,
                 service_method=service_method, content=content, deadline=correct_by)
    log(application, actor, "correction_requested", before, note=content, correct_by=correct_by)
    return application


@transaction.atomic
def receive_correction(*, application: Application, actor, on: date, note: str = "", today: date) -> Application:
    application, before = step(application, Event.RECEIVE_CORRECTION)
    check_date(application, on, today, "收到补正日期")
    requested = _event(application, Kind.CORRECTION_REQUESTED)
    if on < requested.on:
        raise ActionRefused("收到补正的日期不能早于补正告知日期")
    application.save(update_fields=["state"])
    add_event(application, Kind.CORRECTION_RECEIVED, on, actor, note=note)
    log(application, actor, "correction_received", before, note=note)
    return application


def _close(application: Application, outcome_id: str, on: date, note: str) -> None:
    application.outcome = outcome_id
    application.decided_on = on
    application.decision_note = note
    application.save(update_fields=["state", "outcome", "decided_on", "decision_note"])


@transaction.atomic
def lapse_correction(*, application: Application, actor, on: date, today: date) -> Application:
    """No correction by the stated date: 其他处理 1 (Art. 30, 视为放弃)."""
    application, before = step(application, Event.CORRECTION_LAPSED)
    check_date(application, on, today, "办结日期")
    requested = _event(application, Kind.CORRECTION_REQUESTED)
    if on <= requested.deadline_on:
        raise ActionRefused(f"补正期限（{requested.deadline_on.isoformat()}）尚未届满，不能按逾期未补正处理")
    _close(application, outcomes.NO_CORRECTION, on, "申请人无正当理由逾期不补正，视为放弃申请")
    log(application, actor, "correction_lapsed", before)
    return application


@transaction.atomic
def start_consultation(*, application: Application, actor, on: date, served_on: date,
                       service_method: str, third_party: str, content: str, today: date) -> Application:
    application, before = step(application, Event.START_CONSULTATION)
    check_date(application, on, today, "征求意见日期")
    check_served(on, served_on, service_method, today)
    if not (third_party or "").strip():
        raise ActionRefused("请填写被征求意见的第三方或机关名称")
    reply_by, _ = core_clock.applicant_deadline(served_on, core_clock.RULES.consultation_working_days,
                                                working_calendar())
    application.save(update_fields=["state"])
    add_event(application, Kind.CONSULTATION_STARTED, on, actor, served_on=served_on,
              service_method=service_method, deadline_on=reply_by, note=f"{third_party}：{content}")
    issue_letter(application, LetterKind.CONSULTATION, issued_on=on, served_on=served_on,
                 service_method=service_method, for_applicant=False, third_party=third_party,
                 content=content, deadline=reply_by)
    log(application, actor, "consultation_started", before, note=third_party, reply_by=reply_by)
    return application


def open_consultations(application) -> list[ClockEvent]:
    """Consultations started and not yet ended, oldest first (an end recorded without `closes`
    ends the oldest open one)."""
    events = list(application.clock_events.filter(kind__in=[Kind.CONSULTATION_STARTED, Kind.CONSULTATION_ENDED])
                  .order_by("on", "id"))
    open_ = [e for e in events if e.kind == Kind.CONSULTATION_STARTED]
    for end in (e for e in events if e.kind == Kind.CONSULTATION_ENDED):
        if end.closes_id is None:
            closed = open_[:1]
        else:
            closed = [e for e in open_ if e.pk == end.closes_id]
        for event in closed:
            open_.remove(event)
    return open_


@transaction.atomic
def end_consultation(*, application: Application, actor, on: date, note: str = "", today: date,
                     consultation_id: int | None = None) -> Application:
    """One consultation's reply (or its 15 working days) is in. With several running at once,
    `consultation_id` names which; the clock resumes when the last one ends."""
    open_ = open_consultations(application)
    if consultation_id is None and len(open_) > 1:
        raise ActionRefused("有多项征求意见尚未结束，请选择结束的是哪一项")
    started = open_[0] if consultation_id is None and open_ else next(
        (e for e in open_ if e.pk == consultation_id), None)
    if started is None and open_:
        raise ActionRefused("所选征求意见不存在或已经结束")
    event = Event.END_ONE_CONSULTATION if len(open_) > 1 else Event.END_CONSULTATION
    application, before = step(application, event)
    if started is None:  # 征求意见中 with no consultation on record (e.g. an imported ledger)
        raise ActionRefused("没有尚未结束的征求意见")
    check_date(application, on, today, "征求意见结束日期")
    if on < started.on:
        raise ActionRefused("征求意见结束日期不能早于开始日期")
    application.save(update_fields=["state"])
    add_event(application, Kind.CONSULTATION_ENDED, on, actor, note=note, closes=started)
    log(application, actor, "consultation_ended", before, note=note, consultation=started.note)
    return application


@transaction.atomic
def extend_deadline(*, application: Application, actor, on: date, working_days: int, reason: str,
                    served_on: date, service_method: str, today: date) -> Application:
    """Extend once by at most 20 working days, approved by an agency admin (head of the 工作机构)."""
    if not can(actor, Action.ADMINISTER, application.agency):
        raise PermissionDenied("延期答复须经政府信息公开工作机构负责人（机构管理员）同意")
    application, before = step(application, Event.EXTEND)
    problem = core_clock.extension_problem(working_days or 0, 0)
    if problem:
        raise ActionRefused(problem)
    check_date(application, on, today, "延期决定日期")
    check_served(on, served_on, service_method, today)
    if not (reason or "").strip():
        raise ActionRefused("请填写延期理由")
    calendar = working_calendar()
    clock = clock_of(application, today=today, calendar=calendar)
    if on > clock.due_on:
        raise ActionRefused(f"答复期限已于{clock.due_on.isoformat()}届满，不能再延期")
    application.save(update_fields=["state"])
    add_event(application, Kind.EXTENDED, on, actor, working_days=working_days, served_on=served_on,
              service_method=service_method, note=reason)
    new_due = clock_of(application, today=today, calendar=calendar).due_on
    issue_letter(application, LetterKind.EXTENSION, issued_on=on, served_on=served_on,
                 service_method=service_method, content=reason, days=working_days, due_on=new_due)
    log(application, actor, "extended", before, note=reason, working_days=working_days, due_on=new_due)
    return application


@transaction.atomic
def send_fee_notice(*, application: Application, actor, on: date, served_on: date,
                    service_method: str, method: str, units: int, today: date,
                    earlier_in_month: int | None = None) -> FeeNotice:
    application, before = step(application, Event.SEND_FEE_NOTICE)
    check_date(application, on, today, "收费通知日期")
    check_served(on, served_on, service_method, today)
    if method not in {m.value for m in fees.Method}:
        raise ActionRefused("请选择计收方式（按件或按量，只能选择一种）")
    if method == fees.Method.PER_APPLICATION and earlier_in_month is None:
        earlier_in_month = applications_in_month_before(application)
    try:
        quote = fees.quote(method, units=units or 0, earlier_in_month=earlier_in_month or 0)
    except ValueError as error:
        raise ActionRefused(str(error)) from None
    if quote.amount_yuan == 0:
        raise ActionRefused("按该计收标准无需收费（未超过免费额度）")
    pay_by, _ = core_clock.applicant_deadline(served_on, core_clock.RULES.fee_payment_working_days,
                                              working_calendar())
    application.save(update_fields=["state"])
    notice = FeeNotice.objects.create(
        application=application, method=method, units=units, earlier_in_month=earlier_in_month or 0,
        amount_yuan=quote.amount_yuan, basis=quote.basis, standard=quote.standard,
        issued_on=on, served_on=served_on, pay_by_on=pay_by)
    add_event(application, Kind.FEE_NOTICE_SENT, on, actor, served_on=served_on,
              service_method=service_method, deadline_on=pay_by, note=f"{quote.amount_yuan}元")
    issue_letter(application, LetterKind.FEE, issued_on=on, served_on=served_on,
                 service_method=service_method, basis=quote.basis, standard=quote.standard,
                 amount=quote.amount_yuan, deadline=pay_by)
    log(application, actor, "fee_notice_sent", before, amount_yuan=quote.amount_yuan, pay_by=pay_by)
    return notice


def _open_notice(application) -> FeeNotice:
    return application.fee_notices.filter(paid_on__isnull=True).order_by("-issued_on", "-id").first()


@transaction.atomic
def record_payment(*, application: Application, actor, on: date, amount_yuan: int, today: date) -> FeeNotice:
    application, before = step(application, Event.RECORD_PAYMENT)
    check_date(application, on, today, "缴费日期")
    notice = _open_notice(application)
    if on < notice.issued_on:
        raise ActionRefused("缴费日期不能早于收费通知日期")
    if on > notice.pay_by_on:
        raise ActionRefused(f"已超过缴费期限（{notice.pay_by_on.isoformat()}），应按逾期未缴费处理")
    if amount_yuan != notice.amount_yuan:
        raise ActionRefused(f"实收金额应为收费通知载明的{notice.amount_yuan}元")
    notice.paid_on, notice.paid_amount_yuan = on, amount_yuan
    notice.save(update_fields=["paid_on", "paid_amount_yuan"])
    application.save(update_fields=["state"])
    add_event(application, Kind.FEE_PAID, on, actor, note=f"{amount_yuan}元")
    log(application, actor, "fee_paid", before, amount_yuan=amount_yuan)
    return notice


@transaction.atomic
def lapse_fee(*, application: Application, actor, on: date, today: date) -> Application:
    """Not paid within the period: 其他处理 2."""
    application, before = step(application, Event.FEE_LAPSED)
    check_date(application, on, today, "办结日期")
    notice = _open_notice(application)
    if on <= notice.pay_by_on:
        raise ActionRefused(f"缴费期限（{notice.pay_by_on.isoformat()}）尚未届满")
    _close(application, outcomes.UNPAID_FEE, on, "申请人逾期未按收费通知要求缴纳费用")
    log(application, actor, "fee_lapsed", before)
    return application
