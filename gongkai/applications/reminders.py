"""The deadline digest by e-mail (Django's mail backend): the clerk's to-do list (`desk_items`):
overdue, 补正期满, 缴费期满, consultations past their reply-by, due within 3 working days, and
applications to confirm. A 暂定 date says so ("暂定，以国务院办公厅公布的节假日安排为准").

Each agency's handlers and admins get their agency's digest; each 政务公开办 member gets the
digest of the agencies the office supervises. Idempotent per day: a digest already sent today
(recorded in the audit log) is not sent again. The job composes; the write (mail and audit record)
is the action `applications.actions.reminders.send_reminder`.
"""

from __future__ import annotations

from datetime import date

from gongkai.agencies.models import Agency, Membership, Role
from gongkai.applications.actions.reminders import KIND, send_reminder
from gongkai.applications.selectors import DESK_LABELS, desk_items
from gongkai.audit.models import AuditEntry
from gongkai.core.clock import PROVISIONAL_TEXT, ProvisionalDate
from gongkai.holidays.services import calendar_alert, working_calendar


def _lines(code, items):
    lines = [f"{DESK_LABELS[code]}（{len(items)}件）："]
    for item in items:
        when = ProvisionalDate(item.due_on, item.provisional).label if item.due_on else ""
        prefix = {
            "to_confirm": "到达",
            "correction_lapsed": "补正期限",
            "fee_lapsed": "缴费期限",
            "consultation_overdue": "征求意见答复期限",
        }.get(code, "答复期限")
        lines.append(f"  {item.application.number}  {item.application.agency.name}  {prefix} {when}")
    return lines


def _digest(agencies, today, calendar) -> str | None:
    items = desk_items(agencies=agencies, today=today, calendar=calendar)
    if not items:
        return None
    lines = [f"政府信息公开申请办理提醒（{today.year}年{today.month}月{today.day}日）", ""]
    for code in DESK_LABELS:
        group = [i for i in items if i.code == code]
        if group:
            lines += _lines(code, group) + [""]
    alert = calendar_alert(today)
    if alert or any(i.provisional for i in items):
        lines += [alert or f"部分期限跨入尚未公布节假日安排的年份，为{PROVISIONAL_TEXT}，请管理员在公布后及时录入。"]
    return "\n".join(lines).rstrip()


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
        recipients = sorted(
            {
                m.user.email
                for m in Membership.objects.filter(agency=agency, role__in=roles).select_related("user")
                if m.user.email and m.user.is_active
            }
        )
        if not recipients:
            continue
        body = _digest(scope, today, calendar)
        if body is None:
            continue
        send_reminder(agency=agency, recipients=recipients, body=body, today=today)
        sent += 1
    return sent
