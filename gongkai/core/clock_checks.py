"""What the law allows on an application's clock: one function for the platform and the CLI.

`refusal(prior, event, calendar)` says why `event` may not be recorded after the events `prior`
(a Chinese sentence naming the event and its article), or None. The platform's actions call it
before they write; `evaluate()` runs it over a whole case for `gongkai applications clock`.

- 补正 (Art. 30): once (一次性告知); refused after the reply is due; the 补正期限 must be after
  the notice. A notice later than 7 working days is allowed (recorded with its reason) but moves
  nothing — `gongkai.core.clock` handles that.
- Consultation (Arts. 32–34): refused after the reply is due (it would stop a clock that has
  already run out); ending one needs an open one.
- Extension (Art. 33 ¶2): once, 1–20 working days, not after the due date.
- Fees (109号): one notice per application (a notice before payment is a corrected notice that
  replaces the earlier one); refused after the reply is due; a payment after a *firm* pay-by is
  refused (a provisional pay-by never refuses a payment).
- 延迟答复 (Art. 35): once, before the due date, to a date after it.
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date

from gongkai.core.calendar import WorkingDayCalendar
from gongkai.core.clock import RULES, ClockEvent, ClockRules, Kind, chinese_date, extension_problem
from gongkai.core.clock_compute import compute, current_fee_notice, pair_consultations
from gongkai.core.refusal import Refused

EVENT_NAMES = {
    Kind.RECEIVED: "收到申请",
    Kind.CORRECTION_REQUESTED: "补正告知",
    Kind.CORRECTION_RECEIVED: "收到补正",
    Kind.CONSULTATION_STARTED: "征求意见",
    Kind.CONSULTATION_ENDED: "征求意见结束",
    Kind.FEE_NOTICE_SENT: "收费通知",
    Kind.FEE_PAID: "缴费",
    Kind.EXTENDED: "延长答复期限",
    Kind.DELAYED_REPLY: "延迟答复",
}


class EventRefused(Refused):
    """An event the law does not allow; the message is Chinese and names the event."""

    code = "clock_event"

    def __init__(self, event: ClockEvent, message: str):
        self.event = event
        super().__init__(message)


def _due(prior: list[ClockEvent], on: date, calendar, rules):
    clock = compute(prior, calendar, today=on, rules=rules)
    return clock


def refusal(
    prior: Iterable[ClockEvent], event: ClockEvent, calendar: WorkingDayCalendar, rules: ClockRules = RULES
) -> str | None:
    prior = sorted(prior, key=lambda e: e.on)
    name = f"{chinese_date(event.on)}的{EVENT_NAMES[event.kind]}"
    kind = event.kind
    kinds = [e.kind for e in prior]
    if kind is Kind.RECEIVED:
        return f"{name}：申请只能收到一次" if Kind.RECEIVED in kinds else None
    if Kind.RECEIVED not in kinds:
        return f"{name}：尚未收到申请"
    clock = _due(prior, event.on, calendar, rules)
    past_due = clock.due_on is not None and event.on > clock.due_on
    due_text = chinese_date(clock.due_on) if clock.due_on else ""
    if kind is Kind.CORRECTION_REQUESTED:
        if Kind.CORRECTION_REQUESTED in kinds:
            return f"{name}不被允许：补正告知只能发出一次（条例第三十条：一次性告知）"
        if past_due:
            return f"{name}不被允许：答复期限已于{due_text}届满，不能再要求补正（条例第三十条、第三十三条）"
        if event.until is None or event.until <= event.on:
            return f"{name}不被允许：补正告知应载明晚于告知日期的补正期限（条例第三十条）"
        return None
    if kind is Kind.CORRECTION_RECEIVED:
        if Kind.CORRECTION_REQUESTED not in kinds:
            return f"{name}不被允许：此前没有发出补正告知"
        if Kind.CORRECTION_RECEIVED in kinds:
            return f"{name}不被允许：补正已经收到"
        return None
    if kind is Kind.CONSULTATION_STARTED:
        if past_due:
            return f"{name}不被允许：答复期限已于{due_text}届满，征求意见不能使已届满的期限暂停（条例第三十三条第三款）"
        return None
    if kind is Kind.CONSULTATION_ENDED:
        open_ = [start for start, end in pair_consultations(prior) if end is None]
        if not open_:
            return f"{name}不被允许：没有尚未结束的征求意见"
        if event.ref and not any(start.ref == event.ref for start in open_):
            return f"{name}不被允许：所指的征求意见不存在或已经结束"
        return None
    if kind is Kind.EXTENDED:
        problem = extension_problem(event.working_days, kinds.count(Kind.EXTENDED), rules)
        if problem:
            return f"{name}不被允许：{problem}"
        if past_due:
            return f"{name}不被允许：答复期限已于{due_text}届满，不能再延长（条例第三十三条第二款）"
        return None
    if kind is Kind.FEE_NOTICE_SENT:
        notice, paid, _ = current_fee_notice(prior)
        if paid is not None:
            return f"{name}不被允许：一件申请只能发出一份收费通知，费用已经缴纳（国办函〔2020〕109号）"
        if notice is not None:  # a corrected notice: is it in time, counted without the old one?
            clock = _due([e for e in prior if e is not notice], event.on, calendar, rules)
            past_due = clock.due_on is not None and event.on > clock.due_on
            due_text = chinese_date(clock.due_on) if clock.due_on else ""
        if past_due:
            return f"{name}不被允许：答复期限已于{due_text}届满，不能再发出收费通知（国办函〔2020〕109号）"
        return None
    if kind is Kind.FEE_PAID:
        notice, paid, _ = current_fee_notice(prior)
        if notice is None or paid is not None:
            return f"{name}不被允许：没有待缴费的收费通知"
        pay_by = clock.pay_by
        if pay_by is not None and not pay_by.provisional and event.on > pay_by.on:
            return f"{name}不被允许：已超过缴费期限（{chinese_date(pay_by.on)}），应按逾期未缴费处理（国办函〔2020〕109号）"
        return None
    if kind is Kind.DELAYED_REPLY:
        if Kind.DELAYED_REPLY in kinds:
            return f"{name}不被允许：延迟答复只能确定一次（条例第三十五条）"
        if past_due:
            return f"{name}不被允许：答复期限已于{due_text}届满，不能再确定延迟答复期限（条例第三十五条）"
        if event.until is None or (clock.due_on is not None and event.until <= clock.due_on):
            return f"{name}不被允许：延迟答复的期限应晚于原答复期限{due_text}（条例第三十五条）"
        return None
    raise AssertionError(kind)


def evaluate(
    events: Iterable[ClockEvent],
    calendar: WorkingDayCalendar,
    *,
    today: date,
    rules: ClockRules = RULES,
    closed_on: date | None = None,
):
    """Check every event in date order against those before it, then compute the clock.

    Raises EventRefused for the first event the law does not allow."""
    ordered = sorted(events, key=lambda e: e.on)
    for index, event in enumerate(ordered):
        message = refusal(ordered[:index], event, calendar, rules)
        if message:
            raise EventRefused(event, message)
    return compute(ordered, calendar, today=today, rules=rules, closed_on=closed_on)
