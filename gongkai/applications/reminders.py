"""The deadline digest by e-mail (Django's mail backend): due within 3 working days and overdue.

Each agency's handlers and admins get their agency's digest; each 政务公开办 member gets the
digest of the agencies the office supervises. Idempotent per day: a digest already sent today
(recorded in the audit log) is not sent again.
"""

from __future__ import annotations

from datetime import date

from django.conf import settings
from django.core.mail import send_mail
from django.db import transaction

from gongkai import audit
from gongkai.agencies.models import Agency, Membership, Role
from gongkai.applications.selectors import deadline_watch
from gongkai.audit.models import AuditEntry
from gongkai.holidays.services import calendar_alert, working_calendar

KIND = "applications.reminder_sent"


def _lines(title, rows):
    lines = [f"{title}（{len(rows)}件）："]
    for application, clock in rows:
        due = f"{clock.due_on.isoformat()}{'（暂定）' if clock.provisional else ''}" if clock else "待确认接收"
        lines.append(f"  {application.number}  {application.agency.name}  期限 {due}")
    return lines


def _digest(agencies, today, calendar) -> str | None:
    due_soon, overdue, unconfirmed = deadline_watch(agencies, today=today, calendar=calendar)
    if not (due_soon or overdue or unconfirmed):
        return None
    lines = [f"政府信息公开申请答复期限提醒（{today.isoformat()}）", ""]
    lines += _lines("已逾期", overdue) + [""] + _lines("3个工作日内到期", due_soon) + [""]
    lines += _lines("网上申请待确认接收", unconfirmed)
    alert = calendar_alert(today)
    if alert or any(clock and clock.provisional for _, clock in due_soon + overdue):
        lines += ["", alert or "部分期限跨入尚未录入节假日安排的年份，为暂定日期，请管理员尽快录入。"]
    return "\n".join(lines)


def send_reminders(today: date) -> int:
    """Send today's digests; returns how many e-mails were sent."""
    calendar = working_calendar()
    sent = 0
    for agency in Agency.objects.all():
        if AuditEntry.objects.filter(kind=KIND, agency=agency, after__on=today.isoformat()).exists():
            continue
        if agency.is_disclosure_office:
            scope, roles = Agency.objects.filter(supervisor=agency), [Role.SUPERVISOR]
        else:
            scope, roles = Agency.objects.filter(pk=agency.pk), [Role.HANDLER, Role.AGENCY_ADMIN]
        recipients = sorted({m.user.email for m in Membership.objects.filter(agency=agency, role__in=roles)
                             .select_related("user") if m.user.email and m.user.is_active})
        if not recipients:
            continue
        body = _digest(scope, today, calendar)
        if body is None:
            continue
        with transaction.atomic():
            audit.record(subject=agency, actor=None, kind=KIND, agency=agency,
                         after={"recipients": recipients, "on": today})
            send_mail(f"【答复期限提醒】{agency.name} {today.isoformat()}", body,
                      settings.DEFAULT_FROM_EMAIL, recipients)
        sent += 1
    return sent
