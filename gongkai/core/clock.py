"""The statutory clock of an application (条例 Arts. 30–35, 国办函〔2020〕109号).

The due date is *derived* from the application's recorded events, never kept as a counter, and
never stored: entering a year's holidays later recomputes every date automatically.

- `RECEIVED` on day R (Art. 31 receipt date): the reply is due 20 working days later (Art. 33).
- `CORRECTION_REQUESTED` (Art. 30) with its 补正期限 (`until`): a notice within 7 working days of
  receipt stops the clock and `CORRECTION_RECEIVED` on day C restarts it (the 20 days run anew
  from C, not a pause). A later notice is recorded with its reason but moves nothing (only a
  notice in time restarts the clock), and no 补正期满 follows from it (protects the applicant:
  Art. 30's 视为放弃 attaches to the notice Art. 30 allows). In-time notice, no correction,
  today past the 补正期限: `lapsed="correction"` (closable as 其他处理1).
- `CONSULTATION_STARTED` / `CONSULTATION_ENDED` (Arts. 32, 34, 33 ¶3): the time is not counted,
  but only until the reply or the consulted party's 15 working days, whichever is first: an
  open consultation never pauses the clock beyond its reply-by date. `party` records the kind:
  `third_party` (Art. 32: silence → the agency decides) or `agency` (Art. 34 co-producer:
  silence = deemed consent). Several may run at once; the time is not counted while any pauses.
- `FEE_NOTICE_SENT` / `FEE_PAID` (109号): one notice per application; a second notice before
  payment is a corrected notice that replaces the first (the pause and the pay-by run from the
  corrected one). Pay-by = 20 working days after the notice's service. Unpaid past a firm
  pay-by: `lapsed="fee"` (closable as 其他处理2).
- `EXTENDED` (Art. 33 ¶2) adds its working days (at most 20, once). `DELAYED_REPLY` (Art. 35,
  延迟答复 for a reasonable-but-huge request) sets the due date to its `until`.

Conventions (versioned data in `RULES`):
- The day of an event is not counted (`COUNT_FROM_NEXT_DAY`); day 1 is the next working day.
- A pause from S to E removes the working days in (S, E]: the day a letter goes out still
  counts, the day the answer or payment arrives does not.
- The consulted party's 15 working days run from the service of the letter (Art. 32: 自收到征求
  意见书之日起); when no service date is known, from the day the letter is sent.
- An open pause is computed as if it ended today (never past the consulted party's deadline).
- 暂定: a date counted into or through a year without official holiday data is computed on the
  calendar's `provisional()` copy (statutory holidays known, 调休 unknown) and flagged
  provisional, per date. A provisional pay-by never refuses a payment nor lapses an application.

Checks of what the law allows (a second extension, a 补正 after the due date, …) are in
`gongkai.core.clock_checks`, shared by the platform's actions and `gongkai applications clock`.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, timedelta
from enum import Enum

from gongkai.core.calendar import COUNT_FROM_NEXT_DAY, WorkingDayCalendar, YearNotCovered

PROVISIONAL_TEXT = "暂定，以国务院办公厅公布的节假日安排为准"


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
    DELAYED_REPLY = "delayed_reply"  # Art. 35


class Party(str, Enum):
    THIRD_PARTY = "third_party"  # Art. 32
    AGENCY = "agency"  # Art. 34 (co-producing agency)


@dataclass(frozen=True)
class ClockEvent:
    kind: Kind
    on: date
    working_days: int = 0  # EXTENDED only
    until: date | None = None  # 补正期限 (CORRECTION_REQUESTED) or 延迟答复 date (DELAYED_REPLY)
    served_on: date | None = None  # service of the letter (consultation, fee notice)
    awaiting_service: bool = False  # a letter issued, to be served by e-mail (served_on unknown yet)
    party: Party | None = None  # CONSULTATION_STARTED
    ref: str | None = None  # a consultation's id; on CONSULTATION_ENDED, the one it ends
    reason: str = ""


@dataclass(frozen=True)
class ProvisionalDate:
    """A computed date and whether it rests on a guessed (provisional) year."""

    on: date
    provisional: bool = False

    @property
    def label(self) -> str:
        text = f"{self.on.year}年{self.on.month}月{self.on.day}日"
        return f"{text}（{PROVISIONAL_TEXT}）" if self.provisional else text


@dataclass(frozen=True)
class Span:
    """A run of working days with the same treatment, for the explanation on the page."""

    kind: str  # "counted" | "paused" | "restarted" | "awaiting"
    first_on: date
    last_on: date
    working_days: int
    reason: str
    article: str = ""

    @property
    def counted(self) -> bool:
        return self.kind == "counted"


@dataclass(frozen=True)
class Consultation:
    ref: str
    party: Party | None
    started_on: date
    reply_by: ProvisionalDate
    ended_on: date | None  # the reply, if recorded
    pause_ends_on: date  # min(reply, reply-by), or today while open

    @property
    def is_open(self) -> bool:
        return self.ended_on is None


@dataclass(frozen=True)
class Clock:
    started: bool
    received_on: date | None = None
    start_on: date | None = None  # received_on, or the corrected application's date
    due_on: date | None = None  # None while waiting for an in-time 补正
    due_provisional: bool = False
    limit_working_days: int = 0  # 20 + extension
    elapsed_working_days: int = 0  # "day X" as of today (or the closing date)
    remaining_working_days: int = 0
    overdue: bool = False  # open and past due
    answered_late: bool = False  # closed after the due date
    paused: bool = False
    awaiting_correction: bool = False
    correct_by: date | None = None
    correction_notice_due_on: date | None = None
    correction_notice_late: bool = False
    consultations: tuple[Consultation, ...] = ()
    fee_open: bool = False
    pay_by: ProvisionalDate | None = None  # the current fee notice's pay-by (paid or not)
    delayed_until: date | None = None  # Art. 35
    lapsed: str | None = None  # None | "correction" | "fee"
    provisional: bool = False
    guessed_years: tuple[int, ...] = ()
    spans: tuple[Span, ...] = ()
    warnings: tuple[str, ...] = field(default_factory=tuple)
    rules_version: str = RULES.version

    @property
    def notes(self) -> tuple[str, ...]:  # older name, kept for templates
        return self.warnings

    @property
    def open_consultations(self) -> tuple[Consultation, ...]:
        return tuple(c for c in self.consultations if c.is_open)

    @property
    def reply_by(self) -> ProvisionalDate | None:
        """The latest reply-by of the open consultations (the pause can last until then)."""
        open_ = self.open_consultations
        return max(open_, key=lambda c: c.reply_by.on).reply_by if open_ else None

    @property
    def due(self) -> ProvisionalDate | None:
        return ProvisionalDate(self.due_on, self.due_provisional) if self.due_on else None

    def dates(self) -> dict[str, ProvisionalDate | None]:
        """The computed dates with their 暂定 flags (for pages, reminders and letters)."""
        return {"due_on": self.due, "pay_by": self.pay_by if self.fee_open else None, "reply_by": self.reply_by}

    def due_within(self, working_days: int) -> bool:
        return (
            self.started
            and self.due_on is not None
            and not self.overdue
            and not self.awaiting_correction
            and self.remaining_working_days <= working_days
        )


ARTICLE_COUNTED = "条例第三十三条"
COUNTED_REASON = "计入答复期限（条例第三十三条）"
CONSULT_REASON = {
    Party.THIRD_PARTY: (
        "征求第三方意见，时间不计入答复期限（条例第三十二条、第三十三条第三款）",
        "条例第三十二条、第三十三条",
    ),
    Party.AGENCY: (
        "征求其他机关意见，时间不计入答复期限（条例第三十四条、第三十三条第三款）",
        "条例第三十四条、第三十三条",
    ),
    None: ("征求第三方或其他机关意见，时间不计入答复期限（条例第三十三条第三款）", "条例第三十三条"),
}
FEE_REASON = ("发出收费通知至申请人缴费，时间不计入答复期限（国办函〔2020〕109号，本平台规则）", "国办函〔2020〕109号")
AWAITING_REASON = ("等待申请人补正，收到补正后重新起算（条例第三十条）", "条例第三十条")


def extension_problem(days: int, earlier_extensions: int, rules: ClockRules = RULES) -> str | None:
    """Why an extension of `days` working days may not be granted, or None (Art. 33 ¶2)."""
    if earlier_extensions >= rules.max_extensions:
        return "答复期限只能延长一次（条例第三十三条第二款）"
    if days < 1:
        return "延长的工作日数必须为正整数"
    if days > rules.max_extension_working_days:
        return f"延长期限最长不得超过{rules.max_extension_working_days}个工作日（条例第三十三条第二款）"
    return None


class Counting:
    """A calendar for one computation: firm where data exists, provisional (and noted) elsewhere."""

    def __init__(self, calendar: WorkingDayCalendar):
        self.firm = calendar
        self.guess = calendar.provisional()
        self.guessed: set[int] = set()
        self._touched: set[int] = set()

    def is_workday(self, day: date) -> bool:
        try:
            return self.firm.is_workday(day)
        except YearNotCovered:
            self.guessed.add(day.year)
            self._touched.add(day.year)
            return self.guess.is_workday(day)

    def track(self) -> None:
        """Start noting guessed years afresh (read them with `guessed_since_track`)."""
        self._touched = set()

    @property
    def guessed_since_track(self) -> bool:
        return bool(self._touched)

    def add(self, start: date, days: int) -> ProvisionalDate:
        """`days` working days after `start` (not counting `start`), flagged if guessed."""
        self.track()
        current, remaining = start, days
        while remaining > 0:
            current += timedelta(days=1)
            if self.is_workday(current):
                remaining -= 1
        return ProvisionalDate(current, self.guessed_since_track)


def applicant_deadline(served_on: date, working_days: int, calendar: WorkingDayCalendar) -> tuple[date, bool]:
    """A period the applicant or a consulted party must meet, run from service (送达).

    Returns (date, provisional)."""
    result = Counting(calendar).add(served_on, working_days)
    return result.on, result.provisional


def chinese_date(day: date) -> str:
    return f"{day.year}年{day.month}月{day.day}日"
