"""`compute(events, calendar, today=…)`: the clock of one application derived from its events (the
rules, the event kinds and the `Clock` it returns are documented in `gongkai.core.clock`)."""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date, timedelta

from gongkai.core.calendar import WorkingDayCalendar
from gongkai.core.clock import (
    ARTICLE_COUNTED,
    AWAITING_REASON,
    CONSULT_REASON,
    COUNTED_REASON,
    FEE_REASON,
    PROVISIONAL_TEXT,
    RULES,
    Clock,
    ClockEvent,
    ClockRules,
    Consultation,
    Counting,
    Kind,
    Party,
    Span,
)
from gongkai.core.clock import chinese_date as cn


def pair_consultations(events: list[ClockEvent]) -> list[tuple[ClockEvent, ClockEvent | None]]:
    """Each consultation with the event that ended it: an end naming a `ref` ends that one,
    otherwise the oldest open one."""
    pairs: list[list] = []
    for index, event in enumerate(events):
        if event.kind is Kind.CONSULTATION_STARTED:
            pairs.append([event, None, event.ref or f"#{index}"])
        elif event.kind is Kind.CONSULTATION_ENDED:
            open_ = [p for p in pairs if p[1] is None]
            target = next((p for p in open_ if p[2] == event.ref), None) if event.ref else (open_[0] if open_ else None)
            if target is not None:
                target[1] = event
    return [(start, end) for start, end, _ in pairs]


def current_fee_notice(events: list[ClockEvent]) -> tuple[ClockEvent | None, ClockEvent | None, list[ClockEvent]]:
    """(the notice in force, its payment, the notices it replaced): 109号 — one notice per
    application; a notice before payment replaces the earlier one, never adds to it."""
    notice, paid, replaced = None, None, []
    for event in events:
        if event.kind is Kind.FEE_NOTICE_SENT and paid is None:
            if notice is not None:
                replaced.append(notice)
            notice = event
        elif event.kind is Kind.FEE_PAID and notice is not None and paid is None:
            paid = event
    return notice, paid, replaced


def compute_clock(
    events: list[ClockEvent],
    cal: Counting,
    *,
    today: date,
    closed_on: date | None,
    rules: ClockRules,
    arrived_on: date | None,
) -> Clock:
    received = next((e for e in events if e.kind is Kind.RECEIVED), None)
    if received is None:
        return Clock(started=False, rules_version=rules.version)
    as_of = closed_on or today
    received_on = start = received.on
    warnings: list[str] = []
    spans: list[Span] = []
    if arrived_on is not None and arrived_on != received_on:
        warnings.append(
            f"平信于{cn(arrived_on)}到达，于{cn(received_on)}与申请人确认；条例第三十一条第二项要求收到当日确认，"
            "两日不同，请核实并在案卷中说明"
        )

    # Art. 30: the correction notice.
    notice_due = cal.add(received_on, rules.correction_notice_working_days)
    requested = next((e for e in events if e.kind is Kind.CORRECTION_REQUESTED), None)
    corrected = next(
        (e for e in events if e.kind is Kind.CORRECTION_RECEIVED and requested is not None and e.on >= requested.on),
        None,
    )
    notice_late = requested is not None and requested.on > notice_due.on
    in_time = requested is not None and not notice_late
    if notice_late:
        warnings.append(
            f"补正告知于{cn(requested.on)}发出，已超过收到申请后7个工作日（{cn(notice_due.on)}），"
            "不重新起算答复期限，也不产生逾期未补正的后果（条例第三十条）"
            + (f"；记录的理由：{requested.reason}" if requested.reason else "")
        )
    awaiting = in_time and corrected is None and closed_on is None
    if in_time and corrected is not None:
        start = corrected.on
        spans.append(
            Span(
                "restarted",
                received_on + timedelta(days=1),
                corrected.on,
                _count(cal, received_on, corrected.on),
                f"发出补正告知后于{cn(corrected.on)}收到补正，答复期限自该日重新起算（条例第三十条）",
                "条例第三十条",
            )
        )
        if requested.until and corrected.on > requested.until:
            warnings.append(f"补正于补正期限（{cn(requested.until)}）之后收到，本平台按已补正继续办理")

    # Arts. 32–34: consultations, each pausing until its reply or its reply-by date.
    pauses: list[tuple[date, date, tuple[str, str], bool]] = []  # (begin, end, reason, still pausing)
    consultations = []
    for begin, end in pair_consultations(events):
        reply_by = cal.add(begin.served_on or begin.on, rules.consultation_working_days)
        raw_end = end.on if end else max(as_of, begin.on)
        stop = max(begin.on, min(raw_end, reply_by.on))
        consultations.append(
            Consultation(begin.ref or "", begin.party, begin.on, reply_by, end.on if end else None, stop)
        )
        pauses.append((begin.on, stop, CONSULT_REASON[begin.party], end is None and stop == as_of))
        if (end is None or end.on > reply_by.on) and as_of > reply_by.on:
            who = {
                Party.AGENCY: "被征求意见的机关逾期未提出意见，视为同意公开（条例第三十四条）",
                Party.THIRD_PARTY: "第三方逾期未提出意见，由行政机关依照条例规定决定是否公开（条例第三十二条）",
            }
            warnings.append(
                f"{cn(begin.on)}发出的征求意见，答复期限{reply_by.label}已过：{who.get(begin.party, '被征求意见方逾期未提出意见')}；"
                "此后的时间计入答复期限"
            )

    # 109号: the fee notice in force.
    notice, paid, replaced = current_fee_notice(events)
    pay_by = None
    fee_open = notice is not None and paid is None and closed_on is None
    lapsed = None
    if notice is not None and notice.awaiting_service:
        # 109号: the 20 working days run from service; a notice waiting to be e-mailed has no
        # pay-by yet (the day the e-mail is sent is its service date), so it cannot lapse.
        fee_end = paid.on if paid is not None else max(as_of, notice.on)
        if not rules.fee_time_counts:
            pauses.append((notice.on, fee_end, FEE_REASON, fee_open and fee_end == as_of))
        if fee_open:
            warnings.append("收费通知尚未送达（待电子邮件送达）：缴费期限自送达之日起计算")
    elif notice is not None:
        pay_by = cal.add(notice.served_on or notice.on, rules.fee_payment_working_days)
        for old in replaced:
            warnings.append(
                f"{cn(notice.on)}的收费通知更正并取代{cn(old.on)}的收费通知（一件申请只收费一次，国办函〔2020〕109号）"
            )
        if paid is not None and paid.on > pay_by.on:
            warnings.append(f"缴费日期晚于暂定的缴费期限{pay_by.label}；暂定日期不作为拒收缴费的依据")
        if paid is not None:
            fee_end = paid.on
        elif not pay_by.provisional and as_of > pay_by.on:
            fee_end = pay_by.on
        else:
            fee_end = max(as_of, notice.on)
        if not rules.fee_time_counts:
            pauses.append((notice.on, fee_end, FEE_REASON, fee_open and fee_end == as_of))
        if fee_open and today > pay_by.on:
            if pay_by.provisional:
                warnings.append(
                    f"暂定的缴费期限{pay_by.label}已过；暂定日期不作为逾期未缴费的依据，录入该年节假日安排后自动确定"
                )
            else:
                lapsed = "fee"
                warnings.append(
                    f"缴费期限（{cn(pay_by.on)}）已过，申请人未缴费：缴费期满，可按“其他处理2”办结（国办函〔2020〕109号）"
                )
    if awaiting and requested.until and today > requested.until and not requested.awaiting_service:
        lapsed = "correction"
        warnings.append(
            f"补正期限（{cn(requested.until)}）已过，申请人未补正：补正期满，可按“其他处理1”办结（条例第三十条）"
        )

    extension = sum(e.working_days for e in events if e.kind is Kind.EXTENDED)
    if extension:
        warnings.append(f"经工作机构负责人同意延长答复期限{extension}个工作日（条例第三十三条第二款）")
    delayed = next((e for e in events if e.kind is Kind.DELAYED_REPLY), None)
    limit = rules.reply_working_days + extension
    pauses = [(max(b, start), e, r, o) for b, e, r, o in pauses if e > start]
    if awaiting:
        pauses.append((max(requested.on, start), max(as_of, requested.on), AWAITING_REASON, True))

    def pause_reason(day: date):
        for begin, end, reason, _ in pauses:
            if begin < day <= end:
                return reason
        return None

    cal.track()
    statuses: list[tuple[date, tuple[str, str] | None]] = []
    day, counted, elapsed, due, due_provisional = start, 0, 0, None, False
    while (due is None and not awaiting) or day < as_of:
        day += timedelta(days=1)
        if not cal.is_workday(day):
            continue
        reason = pause_reason(day)
        if due is None and (not awaiting or day <= as_of):
            statuses.append((day, reason))
        if reason is None:
            counted += 1
            elapsed += day <= as_of
            if counted == limit and due is None and not awaiting:
                due, due_provisional = day, cal.guessed_since_track
    # A pause cut short by a provisional reply-by moved the due date by a guess too.
    due_provisional = due is not None and (
        due_provisional or any(c.reply_by.provisional and c.pause_ends_on == c.reply_by.on for c in consultations)
    )
    if delayed is not None and due is not None:
        due, due_provisional = delayed.until, False
        warnings.append(f"因申请数量、频次明显超过合理范围，确定延迟答复期限至{cn(delayed.until)}（条例第三十五条）")
    for day, reason in statuses:
        kind = "counted" if reason is None else ("awaiting" if reason is AWAITING_REASON else "paused")
        text, article = reason or (COUNTED_REASON, ARTICLE_COUNTED)
        last = spans[-1] if spans else None
        if last and last.kind == kind and last.reason == text and kind != "restarted":
            spans[-1] = Span(kind, last.first_on, day, last.working_days + 1, text, article)
        else:
            spans.append(Span(kind, day, day, 1, text, article))
    overdue = closed_on is None and due is not None and today > due
    if overdue:
        warnings.append(f"已超过答复期限（{cn(due)}），已逾期")
    guessed = tuple(sorted(cal.guessed))
    provisional = (
        due_provisional
        or bool(pay_by and pay_by.provisional and fee_open)
        or any(c.reply_by.provisional for c in consultations if c.is_open)
    )
    if provisional:
        warnings.append(
            f"{'、'.join(str(y) for y in guessed)}年的法定节假日安排尚未公布或录入，相关期限为{PROVISIONAL_TEXT}；"
            "录入后自动更正"
        )
    return Clock(
        started=True,
        received_on=received_on,
        start_on=start,
        due_on=due,
        due_provisional=due_provisional,
        limit_working_days=limit,
        elapsed_working_days=elapsed,
        remaining_working_days=max(0, limit - elapsed)
        if delayed is None
        else max(0, _count(cal, as_of, due) if due else 0),
        overdue=overdue,
        answered_late=closed_on is not None and due is not None and closed_on > due,
        paused=closed_on is None and any(p[3] for p in pauses),
        awaiting_correction=awaiting,
        correct_by=requested.until if requested else None,
        correction_notice_due_on=notice_due.on,
        correction_notice_late=notice_late,
        consultations=tuple(consultations),
        fee_open=fee_open,
        pay_by=pay_by,
        delayed_until=delayed.until if delayed else None,
        lapsed=lapsed if closed_on is None else None,
        provisional=provisional,
        guessed_years=guessed,
        spans=tuple(spans),
        warnings=tuple(warnings),
        rules_version=rules.version,
    )


def _count(cal: Counting, after: date, until: date) -> int:
    days, day = 0, after
    while day < until:
        day += timedelta(days=1)
        days += cal.is_workday(day)
    return days


def compute(
    events: Iterable[ClockEvent],
    calendar: WorkingDayCalendar,
    *,
    today: date,
    closed_on: date | None = None,
    rules: ClockRules = RULES,
    arrived_on: date | None = None,
) -> Clock:
    """The clock of one application from its events, as of `today` (or its closing date).

    `arrived_on`: for an ordinary letter, the day it arrived (Art. 31(二) wants the receipt
    confirmed that same day; a different confirmation date is warned about)."""
    return compute_clock(
        sorted(events, key=lambda e: e.on),
        Counting(calendar),
        today=today,
        closed_on=closed_on,
        rules=rules,
        arrived_on=arrived_on,
    )
