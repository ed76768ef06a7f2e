"""The statutory clock of an application (条例 Arts. 30–34, 国办函〔2020〕109号).

The due date is *derived* from the application's recorded events, never kept as a counter:

- `RECEIVED` on day R (Art. 31 receipt date): the reply is due 20 working days later (Art. 33).
- `CORRECTION_REQUESTED` (Art. 30, must go out within 7 working days of receipt) stops the clock;
  `CORRECTION_RECEIVED` on day C restarts it: the 20 days run anew from C (not a pause).
- `CONSULTATION_STARTED` / `CONSULTATION_ENDED` (Arts. 32, 34, 33 ¶3): the time is not counted.
- `FEE_NOTICE_SENT` / `FEE_PAID` (109号): whether the time until payment counts is the versioned
  rule `ClockRules.fee_time_counts` (default: it does not count; regulation.md §3 marks this
  UNCONFIRMED, so it is data here, not a hidden constant).
- `EXTENDED` (Art. 33 ¶2) adds its working days (at most 20, once; see `extension_problem`).

Conventions (versioned data in `RULES`; a new version is added, never edited in place):
- Counting follows `gongkai.core.calendar.COUNT_FROM_NEXT_DAY`: the day of an event is not
  counted; day 1 is the first working day after it.
- A pause from S to E removes the working days in (S, E] from the count: the day a consultation
  or fee notice is sent still counts, the day the answer or payment arrives does not.
- An open pause (no end yet) is assumed to end today: the due date shown is the earliest the
  reply can be due, and `paused` is set.
- When the count crosses a year without holiday data, the clock is recomputed on the calendar's
  `provisional()` copy (weekends only for that year) and the result says `provisional=True`
  with the guessed years: shown as 暂定, never silently.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field, replace
from datetime import date, timedelta
from enum import Enum

from gongkai.core.calendar import (
    COUNT_FROM_NEXT_DAY,
    WorkingDayCalendar,
    YearNotCovered,
    add_working_days,
)


@dataclass(frozen=True)
class ClockRules:
    version: str
    reply_working_days: int = 20  # Art. 33 ¶2
    max_extension_working_days: int = 20  # Art. 33 ¶2
    max_extensions: int = 1
    correction_notice_working_days: int = 7  # Art. 30
    consultation_working_days: int = 15  # Arts. 32, 34
    fee_payment_working_days: int = 20  # 109号 (SECONDARY: 四川 implementing notice)
    fee_time_counts: bool = False  # UNCONFIRMED nationally; documented and configurable
    count_from_next_day: bool = COUNT_FROM_NEXT_DAY
    basis: str = "《政府信息公开条例》（国务院令第711号，2019年5月15日施行）；国办函〔2020〕109号"


RULES_2019 = ClockRules(version="2019-05-15")
RULES_HISTORY: tuple[ClockRules, ...] = (RULES_2019,)
RULES = RULES_HISTORY[-1]


class Kind(str, Enum):
    RECEIVED = "received"
    CORRECTION_REQUESTED = "correction_requested"
    CORRECTION_RECEIVED = "correction_received"
    CONSULTATION_STARTED = "consultation_started"
    CONSULTATION_ENDED = "consultation_ended"
    FEE_NOTICE_SENT = "fee_notice_sent"
    FEE_PAID = "fee_paid"
    EXTENDED = "extended"


@dataclass(frozen=True)
class ClockEvent:
    kind: Kind
    on: date
    working_days: int = 0  # EXTENDED only


@dataclass(frozen=True)
class Span:
    """A run of working days with the same treatment, for the explanation on the page."""

    kind: str  # "counted" | "paused" | "restarted"
    first_on: date
    last_on: date
    working_days: int
    reason: str


@dataclass(frozen=True)
class Clock:
    started: bool
    received_on: date | None = None
    start_on: date | None = None  # received_on, or the corrected application's date
    due_on: date | None = None
    limit_working_days: int = 0  # 20 + extension
    elapsed_working_days: int = 0  # "day X" as of today (or the closing date)
    remaining_working_days: int = 0
    overdue: bool = False  # open and past due
    answered_late: bool = False  # closed after the due date
    paused: bool = False
    awaiting_correction: bool = False
    correction_notice_due_on: date | None = None
    correction_notice_late: bool = False
    provisional: bool = False
    guessed_years: tuple[int, ...] = ()
    spans: tuple[Span, ...] = ()
    notes: tuple[str, ...] = field(default_factory=tuple)
    rules_version: str = RULES.version

    def due_within(self, working_days: int) -> bool:
        return self.started and not self.overdue and not self.awaiting_correction and self.remaining_working_days <= working_days


PAUSE_REASONS = {
    Kind.CONSULTATION_STARTED: "征求第三方或其他机关意见，时间不计入答复期限（条例第三十三条第三款）",
    Kind.FEE_NOTICE_SENT: "发出收费通知至申请人缴费，时间不计入答复期限（国办函〔2020〕109号，本平台规则）",
    Kind.CORRECTION_REQUESTED: "等待申请人补正（条例第三十条，收到补正后重新起算）",
}
COUNTED_REASON = "计入答复期限（条例第三十三条）"


def extension_problem(days: int, earlier_extensions: int, rules: ClockRules = RULES) -> str | None:
    """Why an extension of `days` working days may not be granted, or None."""
    if earlier_extensions >= rules.max_extensions:
        return "答复期限只能延长一次（条例第三十三条第二款）"
    if days < 1:
        return "延长的工作日数必须为正整数"
    if days > rules.max_extension_working_days:
        return f"延长期限最长不得超过{rules.max_extension_working_days}个工作日（条例第三十三条第二款）"
    return None


def applicant_deadline(served_on: date, working_days: int, calendar: WorkingDayCalendar) -> tuple[date, bool]:
    """A period the applicant or third party must meet, run from the service date (送达).

    Returns (date, provisional)."""
    try:
        return add_working_days(served_on, working_days, calendar), False
    except YearNotCovered:
        return add_working_days(served_on, working_days, calendar.provisional()), True


def compute(events: Iterable[ClockEvent], calendar: WorkingDayCalendar, *, today: date,
            closed_on: date | None = None, rules: ClockRules = RULES) -> Clock:
    """The clock of one application from its events, as of `today` (or its closing date)."""
    events = sorted(events, key=lambda e: e.on)
    try:
        return _compute(events, calendar, today, closed_on, rules)
    except YearNotCovered:
        guessing = calendar.provisional()
        clock = _compute(events, guessing, today, closed_on, rules)
        years = tuple(sorted(guessing.guessed_years))
        note = f"{'、'.join(str(y) for y in years)}年的法定节假日安排尚未录入，期限按仅排除周末暂定，请管理员录入后自动更正"
        return replace(clock, provisional=True, guessed_years=years, notes=clock.notes + (note,))


def _pauses(events, start: date, rules: ClockRules, today: date):
    """(begin, end, reason, open) for every pause after the clock's start."""
    pauses = []
    openers = {Kind.CONSULTATION_STARTED: Kind.CONSULTATION_ENDED}
    if not rules.fee_time_counts:
        openers[Kind.FEE_NOTICE_SENT] = Kind.FEE_PAID
    for opener, closer in openers.items():
        # Several consultations may run at once: the time is not counted while any is open.
        begin, open_count = None, 0
        for event in events:
            if event.kind is opener:
                open_count += 1
                if begin is None:
                    begin = event.on
            elif event.kind is closer and open_count:
                open_count -= 1
                if open_count == 0:
                    pauses.append((begin, event.on, PAUSE_REASONS[opener], False))
                    begin = None
        if begin is not None:
            pauses.append((begin, max(today, begin), PAUSE_REASONS[opener], True))
    clipped = []
    for begin, end, reason, is_open in pauses:
        if end <= start:
            continue
        clipped.append((max(begin, start), end, reason, is_open))
    return clipped


def _compute(events, calendar, today, closed_on, rules) -> Clock:
    received = next((e for e in events if e.kind is Kind.RECEIVED), None)
    if received is None:
        return Clock(started=False, rules_version=rules.version)
    received_on = received.on
    start = received_on
    spans: list[Span] = []
    notes: list[str] = []
    requested = next((e for e in events if e.kind is Kind.CORRECTION_REQUESTED), None)
    corrected = next((e for e in events if e.kind is Kind.CORRECTION_RECEIVED), None)
    notice_due = add_working_days(received_on, rules.correction_notice_working_days, calendar)
    notice_late = requested is not None and requested.on > notice_due
    if notice_late:
        notes.append(f"补正告知于{requested.on.isoformat()}发出，晚于收到申请后7个工作日（{notice_due.isoformat()}，条例第三十条）")
    awaiting_correction = requested is not None and corrected is None
    if corrected is not None:
        start = corrected.on
        discarded = _count(received_on, corrected.on, calendar)
        spans.append(Span("restarted", received_on + timedelta(days=1), corrected.on, discarded,
                          f"发出补正告知后于{corrected.on.isoformat()}收到补正，答复期限自该日重新起算（条例第三十条）"))
    extension = sum(e.working_days for e in events if e.kind is Kind.EXTENDED)
    if extension:
        notes.append(f"经工作机构负责人同意延长答复期限{extension}个工作日（条例第三十三条第二款）")
    limit = rules.reply_working_days + extension
    pauses = _pauses(events, start, rules, today)
    if awaiting_correction:
        pauses.append((max(requested.on, start), max(today, requested.on), PAUSE_REASONS[Kind.CORRECTION_REQUESTED], True))
    paused = any(p[3] for p in pauses) and closed_on is None

    def pause_reason(day: date) -> str | None:
        for begin, end, reason, _ in pauses:
            if begin < day <= end:
                return reason
        return None

    as_of = closed_on or today
    statuses: list[tuple[date, str | None]] = []
    day, counted, elapsed, due = start, 0, 0, None
    while due is None or day < as_of:
        day += timedelta(days=1)
        if not calendar.is_workday(day):
            continue
        reason = pause_reason(day)
        if due is None:
            statuses.append((day, reason))
        if reason is None:
            counted += 1
            if day <= as_of:
                elapsed += 1
            if counted == limit and due is None:
                due = day
    for day, reason in statuses:
        kind = "paused" if reason else "counted"
        text = reason or COUNTED_REASON
        last = spans[-1] if spans else None
        if last and last.kind == kind and last.reason == text and kind != "restarted":
            spans[-1] = Span(kind, last.first_on, day, last.working_days + 1, text)
        else:
            spans.append(Span(kind, day, day, 1, text))
    remaining = max(0, limit - elapsed)
    return Clock(
        started=True, received_on=received_on, start_on=start, due_on=due,
        limit_working_days=limit, elapsed_working_days=elapsed, remaining_working_days=remaining,
        overdue=closed_on is None and today > due and not awaiting_correction,
        answered_late=closed_on is not None and closed_on > due,
        paused=paused, awaiting_correction=awaiting_correction and closed_on is None,
        correction_notice_due_on=notice_due, correction_notice_late=notice_late,
        spans=tuple(spans), notes=tuple(notes), rules_version=rules.version,
    )


def _count(after: date, until: date, calendar: WorkingDayCalendar) -> int:
    days, day = 0, after
    while day < until:
        day += timedelta(days=1)
        if calendar.is_workday(day):
            days += 1
    return days
