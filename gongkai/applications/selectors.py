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

from datetime import date

from django.db.models import Count, Q, Sum

from gongkai.applications.models import Application, FeeNotice, ReviewCase
from gongkai.core import outcomes
from gongkai.core.application_states import State


def _scope(agency):
    """One agency, or several (a queryset or list): the county aggregate sums over all of them."""
    from gongkai.agencies.models import Agency

    return [agency] if isinstance(agency, Agency) else agency


def _empty_row() -> dict[str, int]:
    return {column: 0 for column in outcomes.COLUMN_IDS}


def application_table_counts(agency, year: int) -> dict[str, dict[str, int]]:
    """All 25 row ids × 7 column ids of section 三 for `agency` in `year`."""
    start, end = date(year, 1, 1), date(year, 12, 31)
    table = {row: _empty_row() for row in outcomes.ROW_IDS}
    relevant = Application.objects.filter(agency__in=_scope(agency), received_on__lte=end).filter(
        Q(decided_on__isnull=True) | Q(decided_on__gte=start))
    undecided_at = lambda day: Q(decided_on__isnull=True) | Q(decided_on__gt=day)  # noqa: E731
    rows = relevant.values("applicant_type").annotate(
        new_received=Count("pk", filter=Q(received_on__gte=start)),
        carried_over=Count("pk", filter=Q(received_on__lt=start)),
        carried_forward=Count("pk", filter=undecided_at(end)),
    ).order_by()
    for row in rows:
        for key in ("new_received", "carried_over", "carried_forward"):
            table[key][row["applicant_type"]] += row[key]
    decided = (Application.objects.filter(agency__in=_scope(agency), decided_on__gte=start, decided_on__lte=end)
               .values("outcome", "applicant_type").annotate(n=Count("pk")).order_by())
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
    rows = (ReviewCase.objects.filter(application__agency__in=_scope(agency), filed_on__gte=start, filed_on__lte=end)
            .values("kind").annotate(
                upheld=Count("pk", filter=concluded & Q(result="upheld")),
                corrected=Count("pk", filter=concluded & Q(result="corrected")),
                other=Count("pk", filter=concluded & Q(result="other")),
                pending=Count("pk", filter=~concluded),
                total=Count("pk")).order_by())
    table = {gid: {cid: 0 for cid, _ in outcomes.REVIEW_COLUMNS} for gid, _ in outcomes.REVIEW_GROUPS}
    for row in rows:
        table[row["kind"]] = {cid: row[cid] for cid, _ in outcomes.REVIEW_COLUMNS}
    return table


def fee_summary(agency, year: int) -> dict[str, int]:
    """Section 六: fee notices sent in the year, the amount notified and the amount collected (元)."""
    start, end = date(year, 1, 1), date(year, 12, 31)
    notified = FeeNotice.objects.filter(application__agency__in=_scope(agency), issued_on__gte=start,
                                        issued_on__lte=end).aggregate(n=Count("pk"), amount=Sum("amount_yuan"))
    collected = FeeNotice.objects.filter(application__agency__in=_scope(agency), paid_on__gte=start,
                                         paid_on__lte=end).aggregate(amount=Sum("paid_amount_yuan"))
    return {"notices_sent": notified["n"] or 0, "amount_notified_yuan": notified["amount"] or 0,
            "amount_collected_yuan": collected["amount"] or 0}


def applications_in_month_before(application: Application) -> int:
    """The same applicant's earlier applications to the agency in the same calendar month (按件)."""
    day = application.received_on or application.submitted_on
    same = Q(id_number=application.id_number) if application.id_number else (
        Q(credit_code=application.credit_code) if application.credit_code else Q(name=application.name))
    return (Application.objects.filter(agency=application.agency, submitted_on__year=day.year,
                                       submitted_on__month=day.month, pk__lt=application.pk)
            .filter(same).count())


def open_applications(agencies):
    return (Application.objects.filter(agency__in=agencies).exclude(state=State.CLOSED.value)
            .select_related("agency").prefetch_related("clock_events"))


def deadline_watch(agencies, *, today: date, within_working_days: int = 3, calendar=None):
    """(due_soon, overdue, unconfirmed): open applications with their clocks, soonest first."""
    from gongkai.applications.clock import clock_of
    from gongkai.holidays.services import working_calendar

    calendar = calendar or working_calendar()
    due_soon, overdue, unconfirmed = [], [], []
    for application in open_applications(agencies):
        if application.state == State.SUBMITTED.value:
            unconfirmed.append((application, None))
            continue
        clock = clock_of(application, today=today, calendar=calendar)
        if clock.overdue:
            overdue.append((application, clock))
        elif clock.due_within(within_working_days):
            due_soon.append((application, clock))
    key = lambda pair: pair[1].due_on  # noqa: E731
    return sorted(due_soon, key=key), sorted(overdue, key=key), unconfirmed


# --- The clerk's desk -------------------------------------------------------------------------
# Minimal version of `desk_items` (the statutory-clock work provides the full one with the same
# signature and codes; this one is replaced at merge).

from dataclasses import dataclass  # noqa: E402


@dataclass(frozen=True)
class DeskItem:
    code: str  # "overdue", "due_soon", "correction_lapsed", "fee_lapsed", "to_confirm"
    label: str  # Chinese, shown to staff
    application: Application
    due_on: date | None
    provisional: bool


def desk_items(*, agencies, today: date) -> list[DeskItem]:
    """Open applications of `agencies` that need a clerk today: overdue, due within 3 working days
    (条例 Art. 33), 补正 period expired (Art. 30) or fee period expired (收费办法) and waiting to be
    closed, online applications waiting for receipt to be confirmed (Art. 31)."""
    from gongkai.applications.models import ClockEvent
    from gongkai.holidays.services import working_calendar

    calendar = working_calendar()
    due_soon, overdue, unconfirmed = deadline_watch(agencies, today=today, calendar=calendar)
    items = [DeskItem("overdue", "已超过答复期限", a, c.due_on, c.provisional) for a, c in overdue]
    items += [DeskItem("due_soon", "3个工作日内到期", a, c.due_on, c.provisional) for a, c in due_soon]
    waiting = (Application.objects.filter(agency__in=agencies, state=State.AWAITING_CORRECTION.value)
               .select_related("agency"))
    for application in waiting:
        requested = (ClockEvent.objects.filter(application=application, kind="correction_requested")
                     .order_by("-on", "-id").first())
        if requested and requested.deadline_on and requested.deadline_on < today:
            items.append(DeskItem("correction_lapsed", "补正期满未补正，待办结", application,
                                  requested.deadline_on, False))
    unpaid = (FeeNotice.objects.filter(application__agency__in=agencies, paid_on__isnull=True,
                                       pay_by_on__lt=today,
                                       application__state=State.AWAITING_PAYMENT.value)
              .select_related("application__agency"))
    for notice in unpaid:
        items.append(DeskItem("fee_lapsed", "缴费期满未缴费，待办结", notice.application, notice.pay_by_on, False))
    items += [DeskItem("to_confirm", "网上申请待确认接收", a, None, False) for a, _ in unconfirmed]
    return items
