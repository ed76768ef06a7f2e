"""Reads: the year's figures for the annual report, fee totals, deadline lists.

Year rules (Art. 31 receipt date; report_format.json section 三):
- 一、本年新收: original `received_on` in the year (a correction does not make it new again);
- 三、办理结果: `decided_on` in the year, by `outcome`;
- 二、上年结转: received before 1 January and not decided before it;
- 四、结转下年度: received on or before 31 December and not decided by then.
Unconfirmed online submissions (no receipt date) count nowhere. Review/litigation cases count in
the year they were filed, with their result as at 31 December (尚未审结 if not concluded by then).
Every function is a handful of aggregate queries, independent of the number of applications.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from django.db.models import Count, Q, Sum

from gongkai.agencies.models import Agency
from gongkai.applications.clock import clock_of
from gongkai.applications.models import Application, FeeNotice, ReviewCase
from gongkai.core import outcomes
from gongkai.core.application_states import Event, State
from gongkai.core.clock import Counting
from gongkai.holidays.services import working_calendar


def _scope(agency):
    """One agency, or several (a queryset or list): the county aggregate sums over all of them."""

    return [agency] if isinstance(agency, Agency) else agency


def _empty_row() -> dict[str, int]:
    return dict.fromkeys(outcomes.COLUMN_IDS, 0)


def application_table_counts(agency, year: int) -> dict[str, dict[str, int]]:
    """All 25 row ids × 7 column ids of section 三 for `agency` in `year`."""
    start, end = date(year, 1, 1), date(year, 12, 31)
    table = {row: _empty_row() for row in outcomes.ROW_IDS}
    relevant = Application.objects.filter(agency__in=_scope(agency), received_on__lte=end).filter(
        Q(decided_on__isnull=True) | Q(decided_on__gte=start)
    )
    undecided_at = lambda day: Q(decided_on__isnull=True) | Q(decided_on__gt=day)  # noqa: E731
    rows = (
        relevant.values("applicant_type")
        .annotate(
            new_received=Count("pk", filter=Q(received_on__gte=start)),
            carried_over=Count("pk", filter=Q(received_on__lt=start)),
            carried_forward=Count("pk", filter=undecided_at(end)),
        )
        .order_by()
    )
    for row in rows:
        for key in ("new_received", "carried_over", "carried_forward"):
            table[key][row["applicant_type"]] += row[key]
    decided = (
        Application.objects.filter(agency__in=_scope(agency), decided_on__gte=start, decided_on__lte=end)
        .values("outcome", "applicant_type")
        .annotate(n=Count("pk"))
        .order_by()
    )
    for row in decided:
        table[row["outcome"]][row["applicant_type"]] += row["n"]
        table["total"][row["applicant_type"]] += row["n"]
    for cells in table.values():
        cells[outcomes.TOTAL_COLUMN] = sum(cells[c] for c in outcomes.APPLICANT_TYPE_IDS)
    return table


def review_litigation_counts(agency, year: int) -> dict[str, dict[str, int]]:
    """Section 四: the 3 groups × upheld/corrected/other/pending/total."""
    start, end = date(year, 1, 1), date(year, 12, 31)
    concluded = Q(concluded_on__isnull=False, concluded_on__lte=end)
    rows = (
        ReviewCase.objects.filter(application__agency__in=_scope(agency), filed_on__gte=start, filed_on__lte=end)
        .values("kind")
        .annotate(
            upheld=Count("pk", filter=concluded & Q(result="upheld")),
            corrected=Count("pk", filter=concluded & Q(result="corrected")),
            other=Count("pk", filter=concluded & Q(result="other")),
            pending=Count("pk", filter=~concluded),
            total=Count("pk"),
        )
        .order_by()
    )
    table = {gid: {cid: 0 for cid, _ in outcomes.REVIEW_COLUMNS} for gid, _ in outcomes.REVIEW_GROUPS}
    for row in rows:
        table[row["kind"]] = {cid: row[cid] for cid, _ in outcomes.REVIEW_COLUMNS}
    return table


def fee_summary(agency, year: int) -> dict[str, int]:
    """Section 六: fee notices sent in the year, the amount notified and the amount collected (元)."""
    start, end = date(year, 1, 1), date(year, 12, 31)
    # A corrected notice replaces the earlier one (109号): only the notice in force counts.
    notified = FeeNotice.objects.filter(
        application__agency__in=_scope(agency), issued_on__gte=start, issued_on__lte=end, replaced=False
    ).aggregate(n=Count("pk"), amount=Sum("amount_yuan"))
    collected = FeeNotice.objects.filter(
        application__agency__in=_scope(agency), paid_on__gte=start, paid_on__lte=end
    ).aggregate(amount=Sum("paid_amount_yuan"))
    return {
        "notices_sent": notified["n"] or 0,
        "amount_notified_yuan": notified["amount"] or 0,
        "amount_collected_yuan": collected["amount"] or 0,
    }


def applications_in_month_before(application: Application) -> int:
    """The same applicant's earlier applications to the agency in the same calendar month (按件)."""
    day = application.received_on or application.submitted_on
    same = (
        Q(id_number=application.id_number)
        if application.id_number
        else (Q(credit_code=application.credit_code) if application.credit_code else Q(name=application.name))
    )
    return (
        Application.objects.filter(
            agency=application.agency, submitted_on__year=day.year, submitted_on__month=day.month, pk__lt=application.pk
        )
        .filter(same)
        .count()
    )


def open_applications(agencies):
    return (
        Application.objects.filter(agency__in=agencies)
        .exclude(state=State.CLOSED.value)
        .select_related("agency")
        .prefetch_related("clock_events")
    )


def deadline_watch(agencies, *, today: date, within_working_days: int = 3, calendar=None):
    """(due_soon, overdue, unconfirmed): open applications with their clocks, soonest first.

    Unconfirmed (online, fax, ordinary letter without confirmation) appear from the next working
    day after they arrived (Art. 31). See `desk_items` for the clerk's full to-do list."""

    calendar = calendar or working_calendar()
    due_soon, overdue, unconfirmed = [], [], []
    for application in open_applications(agencies):
        if application.state == State.SUBMITTED.value:
            if _confirmation_due(application, today, calendar):
                unconfirmed.append((application, None))
            continue
        clock = clock_of(application, today=today, calendar=calendar)
        if clock.overdue:
            overdue.append((application, clock))
        elif clock.due_within(within_working_days):
            due_soon.append((application, clock))
    key = lambda pair: pair[1].due_on  # noqa: E731
    return sorted(due_soon, key=key), sorted(overdue, key=key), unconfirmed


def _confirmation_due(application: Application, today: date, calendar) -> bool:
    """Art. 31: an unconfirmed online/fax/letter application is on the to-do list from the next
    working day after it arrived (provisional calendar where a year has no data)."""

    arrived = application.arrived_on or application.submitted_on
    return today >= Counting(calendar).add(arrived, 1).on


def unconfirmed_at_year_end(agencies, year: int):
    """Applications submitted up to 31 December of `year` and still not confirmed (no receipt
    date, Art. 31): they count nowhere in the report, so the year-end preview lists them."""
    return (
        Application.objects.filter(
            agency__in=_scope(agencies), state=State.SUBMITTED.value, submitted_on__lte=date(year, 12, 31)
        )
        .select_related("agency")
        .order_by("submitted_on", "pk")
    )


@dataclass(frozen=True)
class DeskItem:
    """One line of the clerk's to-do list (also the reminder e-mail)."""

    code: str  # see DESK_LABELS
    label: str  # Chinese
    application: Application
    due_on: date | None
    provisional: bool = False


DESK_LABELS = {
    "overdue": "已逾期",
    "correction_lapsed": "补正期满（可按其他处理1办结）",
    "fee_lapsed": "缴费期满（可按其他处理2办结）",
    "consultation_overdue": "征求意见答复期已过",
    "due_soon": "3个工作日内到期",
    "to_confirm": "待确认接收",
}
DESK_ORDER = list(DESK_LABELS)


def desk_items(*, agencies, today: date, within_working_days: int = 3, calendar=None) -> list[DeskItem]:
    """Everything a clerk must act on, most urgent first: overdue, 补正期满 (Art. 30), unpaid fee
    past a firm pay-by (109号), consultations whose reply-by passed (Arts. 32, 34), due within 3
    working days (Art. 33), and online/fax/letter applications to confirm (Art. 31).
    `due_on` is the date the item is about; `provisional` marks a 暂定 date."""

    calendar = calendar or working_calendar()
    items: list[DeskItem] = []

    def add(code, application, due=None, provisional=False):
        items.append(DeskItem(code, DESK_LABELS[code], application, due, provisional))

    for application in open_applications(agencies):
        if application.state == State.SUBMITTED.value:
            if _confirmation_due(application, today, calendar):
                add("to_confirm", application, application.arrived_on or application.submitted_on)
            continue
        clock = clock_of(application, today=today, calendar=calendar)
        if clock.overdue:
            add("overdue", application, clock.due_on, clock.due_provisional)
        elif clock.due_within(within_working_days):
            add("due_soon", application, clock.due_on, clock.due_provisional)
        if clock.lapsed == "correction":
            add("correction_lapsed", application, clock.correct_by)
        elif clock.lapsed == "fee":
            add("fee_lapsed", application, clock.pay_by.on)
        for consultation in clock.open_consultations:
            if today > consultation.reply_by.on:
                add("consultation_overdue", application, consultation.reply_by.on, consultation.reply_by.provisional)
    items.sort(key=lambda i: (DESK_ORDER.index(i.code), i.due_on or date.max, i.application.number))
    return items


def current_notice(application) -> FeeNotice | None:
    """The notice in force (not replaced by a corrected one)."""
    return application.fee_notices.filter(replaced=False).order_by("-issued_on", "-id").first()


def past_events(application: Application) -> list[Event]:
    kinds = set(application.clock_events.values_list("kind", flat=True))
    events = []
    if "correction_requested" in kinds:  # one notice, in time or late (Art. 30: 一次性告知)
        events += [Event.REQUEST_CORRECTION, Event.RECORD_LATE_CORRECTION]
    if "extended" in kinds:
        events.append(Event.EXTEND)
    if "delayed_reply" in kinds:
        events.append(Event.DELAY_REPLY)
    return events
