"""State transitions of an annual report; each writes the audit log in the same transaction.

The transitions are the core's table (`gongkai.core.report_states`): draft → submitted →
published; submitted → draft (rejected with an opinion). A published version is immutable; a
correction is a new draft version with a change note, and publishing it marks the old version
superseded (已更正).
"""

from __future__ import annotations

from datetime import date

from django.db import transaction
from django.utils import timezone

from gongkai import audit
from gongkai.agencies.access import Action, can, check_four_eyes
from gongkai.audit.models import AuditEntry
from gongkai.core.refusal import PermissionRefused, Refused
from gongkai.core.report.format import NARRATIVE_SECTION_IDS
from gongkai.core.report.model import Report
from gongkai.core.report_states import OPEN_STATUSES, ReportEvent, next_status
from gongkai.reports.build import compute_figures, compute_report
from gongkai.reports.catalog_link import publish_in_catalog
from gongkai.reports.checks import blocking, publication_findings
from gongkai.reports.models import AnnualReport, ReportState
from gongkai.reports.selectors import first_published_on, previous_report_data, published_report, report_facts


def _require(user, action: Action, agency) -> None:
    if not can(user, action, agency):
        raise PermissionRefused("您没有执行此操作的权限")


def _advance(row: AnnualReport, event: ReportEvent) -> ReportState:
    """The state after `event` by the core's transition table; refused in Chinese otherwise."""
    return ReportState(next_status(row.state, event).value)


def _open_states() -> list[str]:
    return [s.value for s in OPEN_STATUSES]


@transaction.atomic
def create_report_draft(*, agency, year: int, actor, today: date, change_note: str = "") -> AnnualReport:
    """Compute the report for `year` into a new draft version (refused while a section 二 cell is
    neither entered nor confirmed: nothing is written then)."""
    _require(actor, Action.EDIT, agency)
    if year > today.year:
        raise Refused(f"{year}年度尚未开始，不能生成年度报告")
    if year < 2008:
        raise Refused("年度无效：政府信息公开年度报告自2008年起编制")
    if AnnualReport.objects.select_for_update().filter(agency=agency, year=year, state__in=_open_states()).exists():
        raise Refused(f"{year}年度报告已有未公开的版本，请直接编辑该版本")
    published = published_report(agency, year)
    if published and not change_note.strip():
        raise Refused("该年度报告已公开；更正须作为新版本提交，并填写更正说明")
    report = compute_report(agency, year, previous_report_data(agency, year))  # IncompleteInputs if a cell is empty
    if published:  # a correction starts from the published narrative
        report.sections = dict(Report.from_json(published.data).sections)
    version = (published.version + 1) if published else 1
    row = AnnualReport.objects.create(
        agency=agency,
        year=year,
        version=version,
        data=report.to_json(),
        change_note=change_note.strip(),
        created_by=actor,
    )
    audit.record(
        subject=row, actor=actor, kind="report.drafted", after={"year": year, "version": version}, note=change_note
    )
    return row


@transaction.atomic
def refresh_figures(*, row: AnnualReport, actor) -> AnnualReport:
    """Recompute the tables from the current data, keeping the edited narrative."""
    _require(actor, Action.EDIT, row.agency)
    row = AnnualReport.objects.select_for_update().get(pk=row.pk)
    _advance(row, ReportEvent.EDIT)
    before = row.data
    fresh = compute_figures(row.agency, row.year)  # IncompleteInputs if a cell is empty
    fresh.sections = Report.from_json(before).sections
    row.data = fresh.to_json()
    row.save(update_fields=["data"])
    audit.record(subject=row, actor=actor, kind="report.refreshed", before=before, after=row.data)
    return row


@transaction.atomic
def update_sections(*, row: AnnualReport, actor, sections: dict[str, str]) -> AnnualReport:
    _require(actor, Action.EDIT, row.agency)
    row = AnnualReport.objects.select_for_update().get(pk=row.pk)
    _advance(row, ReportEvent.EDIT)
    before = {k: row.data["sections"].get(k) for k in NARRATIVE_SECTION_IDS}
    data = dict(row.data)
    data["sections"] = {k: (sections.get(k) or "").replace("\r\n", "\n").strip() for k in NARRATIVE_SECTION_IDS}
    row.data = data
    row.save(update_fields=["data"])
    audit.record(subject=row, actor=actor, kind="report.sections_edited", before=before, after=data["sections"])
    return row


def findings_for(row: AnnualReport, today: date):
    """The publication checks of a version. The deadline (条例 第四十九条) is judged on the year's
    first publication, so a correction of an on-time report is never called late."""
    report = Report.from_json(row.data)
    published_on = first_published_on(row.agency, row.year)
    return publication_findings(
        row.agency,
        report,
        previous_report_data(row.agency, row.year),
        today,
        published_on,
        facts=report_facts(row.agency, row.year),
    )


@transaction.atomic
def submit_report(*, row: AnnualReport, actor, today: date) -> AnnualReport:
    _require(actor, Action.EDIT, row.agency)
    row = AnnualReport.objects.select_for_update().get(pk=row.pk)
    after = _advance(row, ReportEvent.SUBMIT)
    stopping = blocking(findings_for(row, today))
    if stopping:
        raise Refused("报告未通过检查，不能提交审核：" + "；".join(f.message for f in stopping[:5]))
    before = row.state
    row.state = after
    row.submitted_by = actor
    row.save(update_fields=["state", "submitted_by"])
    audit.record(subject=row, actor=actor, kind="report.submitted", before={"state": before}, after={"state": after})
    return row


@transaction.atomic
def reject_report(*, row: AnnualReport, actor, opinion: str) -> AnnualReport:
    _require(actor, Action.REVIEW, row.agency)
    if not opinion.strip():
        raise Refused("退回时必须填写审核意见")
    row = AnnualReport.objects.select_for_update().get(pk=row.pk)
    after = _advance(row, ReportEvent.REJECT)
    before = row.state
    row.state = after
    row.review_opinion = opinion.strip()
    row.reviewed_by = actor
    row.reviewed_at = timezone.now()
    row.save(update_fields=["state", "review_opinion", "reviewed_by", "reviewed_at"])
    audit.record(
        subject=row, actor=actor, kind="report.rejected", before={"state": before}, after={"state": after}, note=opinion
    )
    return row


# Four eyes (先审查，后公开): whoever drafted, edited or submitted this version may not approve it.
# The editors are read from the version's own audit trail (written in each editing transaction).
_EDITING_KINDS = ("report.drafted", "report.refreshed", "report.sections_edited", "report.submitted")


def _hands_on(row: AnnualReport) -> set[int]:
    editors = set(
        AuditEntry.objects.filter(
            subject_type=row._meta.label_lower, subject_id=str(row.pk), kind__in=_EDITING_KINDS
        ).values_list("actor_id", flat=True)
    )
    return editors | {row.created_by_id, row.submitted_by_id} - {None}


@transaction.atomic
def approve_and_publish(*, row: AnnualReport, actor, today: date, opinion: str = "", now=None) -> AnnualReport:
    """The reviewer's 保密审查 and approval; the report goes into the 年报 column at once."""
    now = now or timezone.now()
    _require(actor, Action.REVIEW, row.agency)
    row = AnnualReport.objects.select_for_update().get(pk=row.pk)
    after = _advance(row, ReportEvent.PUBLISH)
    check_four_eyes(actor, _hands_on(row))
    stopping = blocking(findings_for(row, today))
    if stopping:
        raise Refused("报告未通过检查，不能公开：" + "；".join(f.message for f in stopping[:5]))
    for old in AnnualReport.objects.select_for_update().filter(
        agency=row.agency, year=row.year, state=ReportState.PUBLISHED
    ):
        old_state = old.state
        old.state = _advance(old, ReportEvent.SUPERSEDE)
        old.save(update_fields=["state"])
        audit.record(
            subject=old,
            actor=actor,
            kind="report.superseded",
            before={"state": old_state},
            after={"state": old.state},
            note=f"由第{row.version}版更正",
        )
    before = row.state
    row.state = after
    row.reviewed_by = actor
    row.reviewed_at = now
    row.review_opinion = opinion.strip()
    row.published_at = now
    row.save(update_fields=["state", "reviewed_by", "reviewed_at", "review_opinion", "published_at"])
    row.catalog_item_id = publish_in_catalog(row, author=row.submitted_by, reviewer=actor, opinion=opinion, now=now)
    row.save(update_fields=["catalog_item_id"])
    audit.record(
        subject=row,
        actor=actor,
        kind="report.published",
        before={"state": before},
        after={"state": row.state, "version": row.version},
        note=opinion,
    )
    return row
