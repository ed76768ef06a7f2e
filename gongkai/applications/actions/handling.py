"""Handling: correction (Art. 30), consultation (Arts. 32, 34), extension (Art. 33), 延迟答复 (Art. 35).

Fees (109号) are in `fees`; closing as abandoned (其他处理1, 2) in `closing`."""

from __future__ import annotations

from datetime import date

from django.db import transaction

from gongkai.agencies.access import Action, can
from gongkai.applications.actions._base import add_event, check_date, check_served, lock, log, require, step
from gongkai.applications.clock import clock_of, refusal_for
from gongkai.applications.letters import check_email_service, issue_letter
from gongkai.applications.models import Application, ClockEvent, LetterKind
from gongkai.core import clock as core_clock
from gongkai.core.application_states import Event, State
from gongkai.core.clock import Kind, Party, chinese_date
from gongkai.core.refusal import PermissionRefused, Refused
from gongkai.holidays.services import working_calendar


def _event(application, kind: Kind) -> ClockEvent | None:
    return application.clock_events.filter(kind=kind).order_by("-on", "-id").first()


def _refuse_if_not_allowed(application, event: core_clock.ClockEvent) -> None:
    """The core's legal check, the same the `gongkai applications clock` CLI runs."""
    problem = refusal_for(application, event)
    if problem:
        raise Refused(problem)


@transaction.atomic
def request_correction(
    *,
    application: Application,
    actor,
    on: date,
    served_on: date,
    service_method: str,
    correct_by: date,
    content: str,
    today: date,
    late_reason: str = "",
) -> Application:
    """Art. 30: one notice, within 7 working days of receipt, with a 补正期限. A notice after the
    7 days is recorded with its reason but does not stop or restart the clock; after the reply
    is due it is refused."""
    require(actor, Action.EDIT, application.agency)
    if on is None:
        raise Refused("请填写补正告知日期")
    clock = clock_of(lock(application), today=on)
    late = clock.started and on > clock.correction_notice_due_on
    application, before = step(application, Event.RECORD_LATE_CORRECTION if late else Event.REQUEST_CORRECTION)
    check_date(application, on, today, "补正告知日期")
    check_served(on, served_on, service_method, today)
    if not (content or "").strip():
        raise Refused("请写明需要补正的事项（条例第三十条：一次性告知）")
    if correct_by is None or correct_by <= (served_on or today):  # e-mail: sent today at the earliest
        raise Refused("补正期限应晚于送达日期（条例第三十条：合理的补正期限）")
    _refuse_if_not_allowed(application, core_clock.ClockEvent(Kind.CORRECTION_REQUESTED, on, until=correct_by))
    if late and not (late_reason or "").strip():
        raise Refused(
            f"收到申请后7个工作日（{chinese_date(clock.correction_notice_due_on)}）已过："
            "逾期发出的补正告知须说明理由，且不重新起算答复期限（条例第三十条）"
        )
    application.save(update_fields=["state"])
    note = content if not late else f"{content}\n逾期告知理由：{late_reason.strip()}"
    event = add_event(
        application,
        Kind.CORRECTION_REQUESTED,
        on,
        actor,
        served_on=served_on,
        service_method=service_method,
        deadline_on=correct_by,
        note=note,
    )
    issue_letter(
        application,
        LetterKind.CORRECTION,
        issued_on=on,
        served_on=served_on,
        service_method=service_method,
        content=content,
        deadline=correct_by,
        late="是" if late else "",
        clock_event=event,
    )  # a late notice does not restart the period (for the letter)
    log(application, actor, "correction_requested", before, note=note, correct_by=correct_by, late=late)
    return application


@transaction.atomic
def receive_correction(*, application: Application, actor, on: date, note: str = "", today: date) -> Application:
    """The corrected application arrives: after an in-time notice the 20 days run anew from
    today (Art. 30); after a late notice it is recorded and the clock is unchanged."""
    require(actor, Action.EDIT, application.agency)
    awaiting = lock(application).state == State.AWAITING_CORRECTION.value
    application, before = step(application, Event.RECEIVE_CORRECTION if awaiting else Event.RECEIVE_LATE_CORRECTION)
    check_date(application, on, today, "收到补正日期")
    requested = _event(application, Kind.CORRECTION_REQUESTED)
    if requested is None or _event(application, Kind.CORRECTION_RECEIVED) is not None:
        raise Refused("没有待补正的补正告知")
    if on < requested.on:
        raise Refused("收到补正的日期不能早于补正告知日期")
    application.save(update_fields=["state"])
    add_event(application, Kind.CORRECTION_RECEIVED, on, actor, note=note)
    log(application, actor, "correction_received", before, note=note)
    return application


@transaction.atomic
def start_consultation(
    *,
    application: Application,
    actor,
    on: date,
    served_on: date,
    service_method: str,
    third_party: str,
    content: str,
    today: date,
    party: str = Party.THIRD_PARTY.value,
) -> Application:
    """Arts. 32, 34: the time until the reply — at most the consulted party's 15 working days from
    service — is not counted (Art. 33 ¶3). `party`: third_party (Art. 32, silence → the agency
    decides) or agency (Art. 34 co-producer, silence = consent)."""
    require(actor, Action.EDIT, application.agency)
    application, before = step(application, Event.START_CONSULTATION)
    check_date(application, on, today, "征求意见日期")
    check_email_service(application, service_method, for_applicant=False)
    check_served(on, served_on, service_method, today)
    if not (third_party or "").strip():
        raise Refused("请填写被征求意见的第三方或机关名称")
    if party not in {p.value for p in Party}:
        raise Refused("请选择被征求意见的是第三方（条例第三十二条）还是共同制作的机关（条例第三十四条）")
    _refuse_if_not_allowed(
        application, core_clock.ClockEvent(Kind.CONSULTATION_STARTED, on, served_on=served_on, party=Party(party))
    )
    reply_by = core_clock.Counting(working_calendar()).add(served_on, core_clock.RULES.consultation_working_days)
    application.save(update_fields=["state"])
    event = add_event(
        application,
        Kind.CONSULTATION_STARTED,
        on,
        actor,
        served_on=served_on,
        service_method=service_method,
        party=party,
        note=f"{third_party}：{content}",
    )
    kind = LetterKind.CONSULTATION_AGENCY if Party(party) is Party.AGENCY else LetterKind.CONSULTATION
    issue_letter(
        application,
        kind,
        issued_on=on,
        served_on=served_on,  # Art. 34 / Art. 32 letters differ
        service_method=service_method,
        for_applicant=False,
        third_party=third_party,
        content=content,
        deadline=reply_by.label,
        clock_event=event,
    )
    log(
        application,
        actor,
        "consultation_started",
        before,
        note=third_party,
        party=party,
        reply_by=reply_by.on,
        reply_by_provisional=reply_by.provisional,
    )
    return application


def open_consultations(application) -> list[ClockEvent]:
    """Consultations started and not yet ended, oldest first (an end recorded without `closes`
    ends the oldest open one)."""
    events = list(
        application.clock_events.filter(kind__in=[Kind.CONSULTATION_STARTED, Kind.CONSULTATION_ENDED]).order_by(
            "on", "id"
        )
    )
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
def end_consultation(
    *, application: Application, actor, on: date, note: str = "", today: date, consultation_id: int | None = None
) -> Application:
    """One consultation's reply (or its 15 working days) is in. With several running at once,
    `consultation_id` names which; the clock resumes when the last one ends."""
    require(actor, Action.EDIT, application.agency)
    open_ = open_consultations(application)
    if consultation_id is None and len(open_) > 1:
        raise Refused("有多项征求意见尚未结束，请选择结束的是哪一项")
    started = (
        open_[0] if consultation_id is None and open_ else next((e for e in open_ if e.pk == consultation_id), None)
    )
    if started is None and open_:
        raise Refused("所选征求意见不存在或已经结束")
    event = Event.END_ONE_CONSULTATION if len(open_) > 1 else Event.END_CONSULTATION
    application, before = step(application, event)
    if started is None:  # 征求意见中 with no consultation on record (e.g. an imported ledger)
        raise Refused("没有尚未结束的征求意见")
    check_date(application, on, today, "征求意见结束日期")
    if on < started.on:
        raise Refused("征求意见结束日期不能早于开始日期")
    application.save(update_fields=["state"])
    add_event(application, Kind.CONSULTATION_ENDED, on, actor, note=note, closes=started)
    log(application, actor, "consultation_ended", before, note=note, consultation=started.note)
    return application


@transaction.atomic
def extend_deadline(
    *,
    application: Application,
    actor,
    on: date,
    working_days: int,
    reason: str,
    served_on: date,
    service_method: str,
    today: date,
) -> Application:
    """Extend once by at most 20 working days, approved by an agency admin (head of the 工作机构)."""
    if not can(actor, Action.ADMINISTER, application.agency):
        raise PermissionRefused("延期答复须经政府信息公开工作机构负责人（机构管理员）同意")
    application, before = step(application, Event.EXTEND)
    problem = core_clock.extension_problem(working_days or 0, 0)
    if problem:
        raise Refused(problem)
    check_date(application, on, today, "延期决定日期")
    check_served(on, served_on, service_method, today)
    if not (reason or "").strip():
        raise Refused("请填写延期理由")
    calendar = working_calendar()
    _refuse_if_not_allowed(application, core_clock.ClockEvent(Kind.EXTENDED, on, working_days=working_days))
    application.save(update_fields=["state"])
    event = add_event(
        application,
        Kind.EXTENDED,
        on,
        actor,
        working_days=working_days,
        served_on=served_on,
        service_method=service_method,
        note=reason,
    )
    new_due = clock_of(application, today=today, calendar=calendar).due
    issue_letter(
        application,
        LetterKind.EXTENSION,
        issued_on=on,
        served_on=served_on,
        service_method=service_method,
        content=reason,
        days=working_days,
        due_on=new_due.label if new_due else "",
        clock_event=event,
    )
    log(
        application,
        actor,
        "extended",
        before,
        note=reason,
        working_days=working_days,
        due_on=new_due.on if new_due else None,
    )
    return application


@transaction.atomic
def delay_reply(
    *,
    application: Application,
    actor,
    on: date,
    until: date,
    reason: str,
    served_on: date,
    service_method: str,
    today: date,
) -> Application:
    """Art. 35 延迟答复: the requests clearly exceed a reasonable range, the reason is sound, but the
    Art. 33 period cannot be met: the agency fixes a reasonable later date and tells the
    applicant. Its own event, distinct from the Art. 33 extension; approved like one."""
    if not can(actor, Action.ADMINISTER, application.agency):
        raise PermissionRefused("延迟答复须经政府信息公开工作机构负责人（机构管理员）同意")
    application, before = step(application, Event.DELAY_REPLY)
    check_date(application, on, today, "延迟答复决定日期")
    check_served(on, served_on, service_method, today)
    if not (reason or "").strip():
        raise Refused("请填写延迟答复的理由（条例第三十五条）")
    if until is None:
        raise Refused("请填写延迟答复的期限（条例第三十五条）")
    _refuse_if_not_allowed(application, core_clock.ClockEvent(Kind.DELAYED_REPLY, on, until=until))
    application.save(update_fields=["state"])
    event = add_event(
        application,
        Kind.DELAYED_REPLY,
        on,
        actor,
        deadline_on=until,
        served_on=served_on,
        service_method=service_method,
        note=reason,
    )
    issue_letter(
        application,
        LetterKind.DELAYED_REPLY,
        issued_on=on,
        served_on=served_on,  # tells the applicant
        service_method=service_method,
        content=reason,
        until=until,
        clock_event=event,
    )
    log(application, actor, "reply_delayed", before, note=reason, until=until)
    return application
