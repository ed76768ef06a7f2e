"""Who enters the holiday schedules (the rule is stated on /staff/calendar/):

- 机构管理员 *propose* a year's schedule (from the State Council's notice);
- a 政务公开办 member or the platform administrator *confirms* a proposal — only then does it count
  for deadlines — or returns it with a reason; they may also enter a year directly.
Deadlines depend on the calendar (条例 Arts. 30–33 working days), so one county-level body answers
for it rather than every agency.
"""

from __future__ import annotations

from datetime import date

from django.db import transaction

from gongkai import audit
from gongkai.agencies.access import Action, can, check_four_eyes, may_manage_calendar
from gongkai.core.calendar import YearSchedule
from gongkai.core.refusal import PermissionRefused, Refused
from gongkai.holidays.models import EnteredYearSchedule, ProposedYearSchedule


def _schedule(year: int, holidays: list[date], makeup_workdays: list[date]) -> YearSchedule:
    try:
        return YearSchedule(year, frozenset(holidays), frozenset(makeup_workdays))
    except ValueError as error:  # the core's check of the dates, in Chinese
        raise Refused(str(error), code="calendar") from None


@transaction.atomic
def enter_year_schedule(
    *, year: int, holidays: list[date], makeup_workdays: list[date], source: str, actor
) -> EnteredYearSchedule:
    """Enter or replace one year's schedule (validated by the core's YearSchedule). `actor` None is
    the platform itself (set-up, demo data); a person must be 政务公开办 or the platform administrator."""
    if actor is not None and not may_manage_calendar(actor):
        raise PermissionRefused("只有政务公开办或平台管理员可以录入节假日安排")
    _schedule(year, holidays, makeup_workdays)
    row, created = EnteredYearSchedule.objects.select_for_update().get_or_create(year=year)
    before = None if created else {"holidays": row.holidays, "makeup_workdays": row.makeup_workdays}
    row.holidays = sorted(d.isoformat() for d in set(holidays))
    row.makeup_workdays = sorted(d.isoformat() for d in set(makeup_workdays))
    row.source = source
    row.entered_by = actor
    row.save()
    audit.record(
        subject=row,
        actor=actor,
        kind="calendar.year_entered",
        before=before,
        after={"holidays": row.holidays, "makeup_workdays": row.makeup_workdays},
        note=source,
    )
    return row


@transaction.atomic
def propose_year_schedule(
    *, agency, actor, year: int, holidays: list[date], makeup_workdays: list[date], source: str, now
) -> ProposedYearSchedule:
    if not can(actor, Action.ADMINISTER, agency):
        raise PermissionRefused("只有机构管理员可以提交节假日安排")
    _schedule(year, holidays, makeup_workdays)
    if ProposedYearSchedule.objects.filter(year=year, state=ProposedYearSchedule.State.PENDING).exists():
        raise Refused(f"{year}年的节假日安排已有待确认的提交，请等待政务公开办或平台管理员确认")
    proposal = ProposedYearSchedule.objects.create(
        year=year,
        holidays=sorted(d.isoformat() for d in set(holidays)),
        makeup_workdays=sorted(d.isoformat() for d in set(makeup_workdays)),
        source=source,
        agency=agency,
        proposed_by=actor,
        proposed_at=now,
    )
    audit.record(
        subject=proposal,
        actor=actor,
        kind="calendar.year_proposed",
        agency=agency,
        after={"year": year, "holidays": proposal.holidays, "makeup_workdays": proposal.makeup_workdays},
        note=source,
    )
    return proposal


def _pending(proposal) -> ProposedYearSchedule:
    proposal = ProposedYearSchedule.objects.select_for_update().get(pk=proposal.pk)
    if proposal.state != ProposedYearSchedule.State.PENDING:
        raise Refused("该提交已处理")
    return proposal


@transaction.atomic
def confirm_year_schedule(*, proposal: ProposedYearSchedule, actor, now) -> ProposedYearSchedule:
    """The proposal becomes the year's schedule (recorded as calendar.year_entered)."""
    if not may_manage_calendar(actor):
        raise PermissionRefused("只有政务公开办或平台管理员可以确认节假日安排")
    proposal = _pending(proposal)
    check_four_eyes(actor, {proposal.proposed_by_id})
    enter_year_schedule(
        year=proposal.year,
        holidays=[date.fromisoformat(d) for d in proposal.holidays],
        makeup_workdays=[date.fromisoformat(d) for d in proposal.makeup_workdays],
        source=proposal.source,
        actor=actor,
    )
    proposal.state, proposal.decided_by, proposal.decided_at = ProposedYearSchedule.State.CONFIRMED, actor, now
    proposal.save(update_fields=["state", "decided_by", "decided_at"])
    return proposal


@transaction.atomic
def return_year_schedule(*, proposal: ProposedYearSchedule, actor, note: str, now) -> ProposedYearSchedule:
    if not may_manage_calendar(actor):
        raise PermissionRefused("只有政务公开办或平台管理员可以退回节假日安排")
    note = (note or "").strip()
    if not note:
        raise Refused("退回时请写明理由")
    proposal = _pending(proposal)
    proposal.state, proposal.decided_by, proposal.decided_at, proposal.note = (
        ProposedYearSchedule.State.REJECTED,
        actor,
        now,
        note,
    )
    proposal.save(update_fields=["state", "decided_by", "decided_at", "note"])
    audit.record(
        subject=proposal,
        actor=actor,
        kind="calendar.proposal_returned",
        agency=proposal.agency,
        after={"year": proposal.year},
        note=note,
    )
    return proposal
