"""Reads of the reports context."""

from __future__ import annotations

from datetime import date

from django.db.models import Count, Q
from django.utils import timezone

from gongkai.applications.clock import clock_of
from gongkai.applications.models import Application, ReviewCase
from gongkai.applications.selectors import fee_summary, unconfirmed_at_year_end
from gongkai.catalog.models import DocKind, Item
from gongkai.core import clock as core_clock
from gongkai.core.catalog.workflow import Validity
from gongkai.core.clock_compute import compute
from gongkai.core.report.claims import Facts
from gongkai.core.report.model import Report
from gongkai.core.report_states import OPEN_STATUSES
from gongkai.holidays.services import working_calendar
from gongkai.reports.models import AnnualReport, ReportState, Suggestion


def suggestion_counts(agency, year: int) -> dict[str, int]:
    rows = Suggestion.objects.filter(agency=agency, received_on__year=year).values("kind").annotate(n=Count("id"))
    return {row["kind"]: row["n"] for row in rows}


def unpublished_suggestions(agency, year: int) -> int:
    """Suggestions of the year whose 办理结果 is not yet public (the report must not say it is)."""
    return Suggestion.objects.filter(agency=agency, received_on__year=year, result_published=False).count()


def published_report(agency, year: int) -> AnnualReport | None:
    """The current published version of the agency's report for `year`."""
    return (
        AnnualReport.objects.filter(agency=agency, year=year, state=ReportState.PUBLISHED).order_by("-version").first()
    )


def first_published_on(agency, year: int) -> date | None:
    """The day the year's report was first published (条例 第四十九条 is judged on it: a later
    correction is not a late publication)."""
    first = (
        AnnualReport.objects.filter(agency=agency, year=year, published_at__isnull=False)
        .order_by("published_at")
        .values_list("published_at", flat=True)
        .first()
    )
    return timezone.localdate(first) if first else None


def previous_report_data(agency, year: int) -> Report | None:
    """Last year's published report, as the core model (for continuity checks)."""
    row = published_report(agency, year - 1)
    return Report.from_json(row.data) if row else None


def open_version(agency, year: int) -> AnnualReport | None:
    return AnnualReport.objects.filter(agency=agency, year=year, state__in=[s.value for s in OPEN_STATUSES]).first()


def late_reply_count(agency, year: int) -> int:
    """Applications decided in `year` after their due date (条例 第三十三条), by the same clock
    the platform shows (`gongkai.core.clock`).

    Fast for large agencies: an application decided within 20 calendar days of receipt cannot be
    late (20 working days are never fewer than 20 days); one whose only clock event is its
    receipt has the plain due date of its receipt day, computed once per day; only the others
    (补正, consultation, fee, extension) get their own clock.
    """
    from datetime import timedelta

    calendar = working_calendar()
    rows = (
        Application.objects.filter(agency=agency, decided_on__year=year, received_on__isnull=False)
        .annotate(
            started=Count("clock_events", filter=Q(clock_events__kind=core_clock.Kind.RECEIVED.value)),
            others=Count("clock_events", filter=~Q(clock_events__kind=core_clock.Kind.RECEIVED.value)),
        )
        .values_list("pk", "received_on", "decided_on", "started", "others")
    )
    plain_due: dict[date, date] = {}
    late, eventful = 0, []
    for pk, received_on, decided_on, started, others in rows:
        if not started or decided_on <= received_on + timedelta(days=20):  # no clock: never "late"
            continue
        if others:
            eventful.append(pk)
            continue
        if received_on not in plain_due:
            plain_due[received_on] = compute(
                [core_clock.ClockEvent(core_clock.Kind.RECEIVED, received_on)], calendar, today=received_on
            ).due_on
        late += decided_on > plain_due[received_on]
    for application in Application.objects.filter(pk__in=eventful).prefetch_related("clock_events"):
        late += bool(clock_of(application, today=application.decided_on, calendar=calendar).answered_late)
    return late


def report_facts(agency, year: int) -> Facts:
    """What the narrative may be checked against beyond the tables."""

    counts = suggestion_counts(agency, year)
    fees = fee_summary(agency, year)
    return Facts(
        late_replies=late_reply_count(agency, year),
        suggestions_npc=counts.get("npc", 0),
        suggestions_cppcc=counts.get("cppcc", 0),
        suggestions_unpublished=unpublished_suggestions(agency, year),
        fee_notices=fees["notices_sent"],
        fee_collected_yuan=fees["amount_collected_yuan"],
    )


def unconfirmed_applications(agency, year: int):
    """Applications submitted by 31 December of `year` whose receipt is still not confirmed
    (条例 第三十一条: they count nowhere in table 三 until it is) — the applications context's list."""

    return unconfirmed_at_year_end([agency], year)


def concluded_from_earlier_years(agency, year: int) -> dict[str, int]:
    """Review/litigation cases filed before `year` and concluded in it, by result: table 四
    counts a case once, in its filing year (尚未审结 if pending on 31 December); its result is
    stated in the narrative of the year it concludes (see `narrative.review_note`)."""

    rows = (
        ReviewCase.objects.filter(application__agency=agency, filed_on__lt=date(year, 1, 1), concluded_on__year=year)
        .values("result")
        .annotate(n=Count("pk"))
        .order_by()
    )
    return {row["result"]: row["n"] for row in rows}


def expired_document_count(agency, year: int) -> int:
    """Normative documents (规章、行政规范性文件) that became 失效 (not 废止) in `year`."""

    return Item.objects.filter(
        Q(agency=agency),
        doc_kind__in=[DocKind.REGULATION, DocKind.NORMATIVE],
        public_version__isnull=False,
        validity=Validity.EXPIRED.value,
        validity_changed_on__year=year,
    ).count()
