"""Reads of the holidays context for staff pages."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from django.urls import reverse

from gongkai.agencies.access import may_manage_calendar, may_propose_calendar
from gongkai.holidays.models import ProposedYearSchedule
from gongkai.holidays.services import calendar_alert

RULE = (
    "节假日安排由机构管理员根据国务院办公厅通知提交，经县政务公开办或平台管理员确认后生效；"
    "政务公开办和平台管理员也可以直接录入。"
)


@dataclass(frozen=True)
class CalendarAlert:
    message: str
    action: str  # what this user can do about it, in Chinese
    url: str | None  # where (None: nothing to open for this user)


def calendar_alert_for(user, today: date) -> CalendarAlert | None:
    """The missing-year warning, with the step this user can take (enter, propose, or ask)."""
    message = calendar_alert(today)
    if message is None:
        return None
    url = reverse("holidays:years")
    if may_manage_calendar(user):
        pending = ProposedYearSchedule.objects.filter(state=ProposedYearSchedule.State.PENDING).count()
        action = f"有{pending}份待确认的提交，请确认或录入。" if pending else "请录入节假日安排。"
        return CalendarAlert(message, action, url)
    if may_propose_calendar(user):
        return CalendarAlert(message, "请提交节假日安排，由政务公开办或平台管理员确认。", url)
    return CalendarAlert(message, "请联系本机构管理员提交，或联系政务公开办录入。", None)
