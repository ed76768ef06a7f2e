"""Running the weekly inspection on stored data, and the job's once-per-ISO-week idempotency."""

from datetime import timedelta

import pytest
from django.db import IntegrityError, transaction

from gongkai.audit.models import AuditEntry
from gongkai.core.refusal import PermissionRefused
from gongkai.oversight.actions import run_inspection, run_weekly_inspections
from gongkai.oversight.jobs import JOBS
from gongkai.oversight.models import Inspection, Trigger
from tests.oversight.conftest import MONDAY, at


def test_inspection_stores_findings_with_counts_and_audit(inspection, news, township):
    codes = sorted(inspection.findings.values_list("code", flat=True))
    assert "column.stale" in codes and "homepage.stale" in codes and "columns.blank_many" in codes
    assert inspection.finding_count == len(codes)
    assert inspection.serious_count == inspection.findings.filter(severity="serious").count()
    assert (inspection.iso_year, inspection.iso_week) == (2025, 11)
    stale = inspection.findings.get(code="column.stale")
    assert stale.subject_id == news.pk and "镇街动态" in stale.message
    entry = AuditEntry.objects.get(kind="oversight.inspection.run")
    assert entry.agency == township and entry.actor_label == "supervisor"


def test_publication_fixes_the_column_in_the_next_inspection(inspection, township, supervisor, news, publish):
    publish(news, MONDAY + timedelta(days=7), title="车辋镇开展防汛演练")
    later = run_inspection(agency=township, actor=supervisor, now=at(MONDAY + timedelta(days=7)))
    codes = set(later.findings.values_list("code", flat=True))
    assert "column.stale" not in codes and "homepage.stale" not in codes


def test_items_published_after_the_inspection_date_do_not_count(township, supervisor, news, publish):
    publish(news, MONDAY + timedelta(days=1))
    inspection = run_inspection(agency=township, actor=supervisor, now=at(MONDAY))
    assert inspection.findings.filter(code="column.blank", subject_id=news.pk).exists()


def test_overdue_application_is_found(township, supervisor, handler, news, publish):
    from tests.applications.factories import registered

    publish(news, MONDAY)
    application = registered(township, handler, MONDAY - timedelta(days=60), today=MONDAY - timedelta(days=60))
    inspection = run_inspection(agency=township, actor=supervisor, now=at(MONDAY))
    finding = inspection.findings.get(code="application.overdue")
    assert finding.subject_id == application.pk and application.number in finding.message


def test_only_the_supervisor_may_run_on_demand(township, handler, other_handler):
    for user in (handler, other_handler):
        with pytest.raises(PermissionRefused):
            run_inspection(agency=township, actor=user, now=at(MONDAY))
    assert not Inspection.objects.exists()


def test_job_runs_once_per_iso_week_for_every_inspected_agency(township, county_office, other_agency):
    assert [name for name, _ in JOBS] == ["oversight.weekly_inspection"]
    summary = run_weekly_inspections(at(MONDAY))
    assert "2025年第11周" in summary and "检查2个机构" in summary
    assert set(Inspection.objects.values_list("agency_id", flat=True)) == {township.pk, other_agency.pk}
    assert Inspection.objects.filter(trigger=Trigger.SCHEDULED, run_by=None).count() == 2
    run_weekly_inspections(at(MONDAY + timedelta(days=4)))  # same ISO week (Friday)
    run_weekly_inspections(at(MONDAY))
    assert Inspection.objects.count() == 2
    run_weekly_inspections(at(MONDAY + timedelta(days=7)))  # next week
    assert Inspection.objects.count() == 4
    assert AuditEntry.objects.filter(kind="oversight.inspection.run", actor=None).count() == 4


def test_job_skips_an_agency_inspected_on_demand_that_week(township, supervisor, other_agency):
    run_inspection(agency=township, actor=supervisor, now=at(MONDAY))
    run_weekly_inspections(at(MONDAY + timedelta(days=1)))
    assert Inspection.objects.filter(agency=township).count() == 1
    assert Inspection.objects.filter(agency=other_agency).count() == 1


def test_database_allows_one_scheduled_inspection_per_week(township):
    run_inspection(agency=township, actor=None, now=at(MONDAY), trigger=Trigger.SCHEDULED)
    with pytest.raises(IntegrityError), transaction.atomic():
        run_inspection(agency=township, actor=None, now=at(MONDAY + timedelta(days=2)), trigger=Trigger.SCHEDULED)
    run_inspection(agency=township, actor=None, now=at(MONDAY + timedelta(days=2)))  # on demand is fine
    assert Inspection.objects.count() == 2
