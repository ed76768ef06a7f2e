"""Reads for the oversight pages: inspection facts of an agency, weekly overviews, the 通报."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from django.db.models import Count, Max, Q

from gongkai.agencies.models import Agency, AgencyLevel
from gongkai.applications.selectors import deadline_watch
from gongkai.catalog.models import Column
from gongkai.catalog.selectors import at_risk_versions
from gongkai.core.oversight import (
    THRESHOLDS,
    ApplicationFacts,
    ColumnFacts,
    PublicationFacts,
    RectificationState,
    inspect,
)
from gongkai.oversight.models import Inspection, InspectionFinding, Rectification


def week_of(day: date) -> tuple[int, int]:
    """(ISO year, ISO week) of a date."""
    iso = day.isocalendar()
    return iso[0], iso[1]


def week_start(iso_year: int, iso_week: int) -> date:
    return date.fromisocalendar(iso_year, iso_week, 1)


def inspected_agencies():
    """Every agency that discloses information (the disclosure offices themselves are not inspected)."""
    return Agency.objects.exclude(level=AgencyLevel.DISCLOSURE_OFFICE).order_by("name")


def column_facts(agency, today: date) -> list[ColumnFacts]:
    """Each column's public items published on or before `today`: the latest date and the count."""
    published = Q(items__public_version__isnull=False, items__public_version__published_on__lte=today)
    rows = (
        Column.objects.filter(agency=agency)
        .order_by("position", "id")
        .annotate(last=Max("items__public_version__published_on", filter=published), n=Count("items", filter=published))
    )
    return [ColumnFacts(c.pk, c.name, c.kind, c.last, c.n, c.empty_reason) for c in rows]


def application_facts(agency, today: date, calendar) -> list[ApplicationFacts]:
    due_soon, overdue, _ = deadline_watch(
        [agency], today=today, calendar=calendar, within_working_days=THRESHOLDS.due_soon_working_days
    )
    return [
        ApplicationFacts(a.pk, a.number, clock.due_on, clock.remaining_working_days, clock.overdue)
        for a, clock in overdue + due_soon
    ]


def publication_facts(agency, today: date, calendar) -> list[PublicationFacts]:
    return [
        PublicationFacts(v.pk, v.title, clock.due_on, clock.days_left)
        for v, clock in at_risk_versions(agency, today, calendar)
    ]


def latest_inspection(agency) -> Inspection | None:
    return Inspection.objects.filter(agency=agency).order_by("-inspected_on", "-run_at", "-id").first()


def latest_inspections_of_week(agencies, iso_year: int, iso_week: int) -> dict[int, Inspection]:
    """{agency id: the latest inspection of that week}."""
    latest: dict[int, Inspection] = {}
    for inspection in Inspection.objects.filter(agency__in=agencies, iso_year=iso_year, iso_week=iso_week).order_by(
        "agency_id", "run_at", "id"
    ):
        latest[inspection.agency_id] = inspection
    return latest


def open_rectifications(agencies):
    return (
        Rectification.objects.filter(agency__in=agencies)
        .exclude(state=RectificationState.ACCEPTED.value)
        .select_related("agency")
        .order_by("due_on", "id")
    )


@dataclass(frozen=True)
class AgencyWeek:
    agency: Agency
    inspection: Inspection | None
    unrectified: int  # findings of that inspection not covered by an accepted rectification
    open_rectifications: int
    overdue_rectifications: int


def agency_weeks(agencies, iso_year: int, iso_week: int, today: date) -> list[AgencyWeek]:
    """One row per agency for a week: its inspection, unrectified findings and rectifications."""
    agencies = list(agencies)
    latest = latest_inspections_of_week(agencies, iso_year, iso_week)
    unrectified = dict(
        InspectionFinding.objects.filter(inspection__in=list(latest.values()))
        .exclude(rectification__state=RectificationState.ACCEPTED.value)
        .values_list("inspection__agency_id")
        .annotate(n=Count("id"))
        .order_by()
    )
    open_count: dict[int, int] = {}
    overdue_count: dict[int, int] = {}
    for rectification in open_rectifications(agencies):
        open_count[rectification.agency_id] = open_count.get(rectification.agency_id, 0) + 1
        if rectification.overdue_on(today):
            overdue_count[rectification.agency_id] = overdue_count.get(rectification.agency_id, 0) + 1
    return [
        AgencyWeek(a, latest.get(a.pk), unrectified.get(a.pk, 0), open_count.get(a.pk, 0), overdue_count.get(a.pk, 0))
        for a in agencies
    ]


def bulletin_rows(agencies, iso_year: int, iso_week: int, today: date) -> list[AgencyWeek]:
    """通报: agencies with unrectified findings that week, or overdue rectifications, worst first."""
    rows = [
        row
        for row in agency_weeks(agencies, iso_year, iso_week, today)
        if row.unrectified or row.overdue_rectifications
    ]
    return sorted(
        rows,
        key=lambda r: (
            -r.overdue_rectifications,
            -(r.inspection.serious_count if r.inspection else 0),
            -r.unrectified,
            r.agency.name,
        ),
    )


def unassigned_findings(inspection: Inspection | None):
    """Findings of an inspection not yet covered by a rectification notice."""
    if inspection is None:
        return InspectionFinding.objects.none()
    return inspection.findings.filter(rectification__isnull=True)


def current_findings(agency, today: date, calendar):
    """The findings an inspection of `agency` would record today (nothing is stored)."""

    return inspect(
        columns=column_facts(agency, today),
        applications=application_facts(agency, today, calendar),
        publications=publication_facts(agency, today, calendar),
        today=today,
    )


def persisting_findings(rectification: Rectification, today: date, calendar) -> list[InspectionFinding]:
    """The findings a rectification lists that a fresh inspection still finds (same rule, same
    subject): 验收 re-runs the inspection for them (条例 Art. 47: the office verifies the correction)."""
    now = {(f.code, f.subject_type, f.subject_id) for f in current_findings(rectification.agency, today, calendar)}
    return [f for f in rectification.findings.order_by("id") if (f.code, f.subject_type, f.subject_id) in now]
