"""Sending one agency's deadline digest by e-mail (the job in `applications/reminders.py` composes it)."""

from __future__ import annotations

from datetime import date

from django.conf import settings
from django.core.mail import send_mail
from django.db import transaction

from gongkai import audit
from gongkai.agencies.access import Action, can
from gongkai.audit.models import AuditEntry
from gongkai.core.refusal import PermissionRefused

KIND = "applications.reminder_sent"


@transaction.atomic
def send_reminder(*, agency, recipients: list[str], body: str, today: date, actor=None) -> AuditEntry:
    """Mail `body` to `recipients` and record it (one digest per agency and day: the record is what
    the job checks). `actor` None is the daily job; a person must be the agency's 机构管理员."""
    if actor is not None and not can(actor, Action.ADMINISTER, agency):
        raise PermissionRefused("只有机构管理员可以发送提醒邮件")
    entry = audit.record(
        subject=agency, actor=actor, kind=KIND, agency=agency, after={"recipients": recipients, "on": today}
    )
    send_mail(f"【答复期限提醒】{agency.name} {today.isoformat()}", body, settings.DEFAULT_FROM_EMAIL, recipients)
    return entry
