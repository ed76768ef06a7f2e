"""The staff daily digest: each user's to-dos from the desk, by e-mail, once a day.

Sent by the job `agencies.staff_digest` (gongkai/agencies/jobs.py). Each sending is recorded in the
audit log (kind `desk.digest_sent`, subject the user) in the transaction that sends it, which also
makes the job idempotent: a user already sent today's digest is skipped.
"""

from __future__ import annotations

from datetime import date

from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.mail import send_mail
from django.db import transaction

from gongkai import audit
from gongkai.agencies.desk import digest_lines
from gongkai.audit.models import AuditEntry

KIND = "desk.digest_sent"


def _already_sent(user, today: date) -> bool:
    return AuditEntry.objects.filter(
        kind=KIND, subject_type=user._meta.label_lower, subject_id=str(user.pk), after__on=today.isoformat()
    ).exists()


def _recipients():
    users = get_user_model().objects.filter(is_active=True).exclude(email="")
    return users.filter(memberships__isnull=False).distinct().order_by("pk")


def send_staff_digests(today: date) -> int:
    """Send today's digests; returns how many e-mails were sent (users with nothing to do get none)."""
    sent = 0
    for user in _recipients():
        if _already_sent(user, today):
            continue
        lines = digest_lines(user, today)
        if not lines:
            continue
        name = user.get_full_name() or user.username
        body = "\n".join(
            [
                f"{name}，您好：",
                "",
                f"以下是您截至{today.year}年{today.month}月{today.day}日的待办事项。",
                "",
                *lines,
                "请登录工作台办理。本邮件由政府信息公开平台自动发送，请勿回复。",
            ]
        )
        count = sum(1 for line in lines if line.startswith("  · "))
        with transaction.atomic():
            audit.record(
                subject=user, actor=None, kind=KIND, agency=None, after={"on": today, "items": count, "to": user.email}
            )
            send_mail(
                f"【待办提醒】{today.year}年{today.month}月{today.day}日，共{count}项",
                body,
                settings.DEFAULT_FROM_EMAIL,
                [user.email],
            )
        sent += 1
    return sent
