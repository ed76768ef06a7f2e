"""Retention of the audit log: entries are kept at least six months (网络安全法 Art. 21:
network logs kept no less than six months); older ones may be expired only through
`gongkai audit expire --before DATE`, which records its own run in the log it shortens."""

from __future__ import annotations

import getpass
from datetime import date

from django.db import transaction

from gongkai.audit.integrity import maintenance
from gongkai.audit.models import AuditEntry
from gongkai.core.refusal import Refused

MINIMUM_MONTHS = 6


def months_before(day: date, months: int) -> date:
    year, month = divmod(day.year * 12 + day.month - 1 - months, 12)
    month += 1
    import calendar

    return date(year, month, min(day.day, calendar.monthrange(year, month)[1]))


def earliest_allowed_cutoff(today: date) -> date:
    """The latest `before` date allowed today: entries younger than six months stay."""
    return months_before(today, MINIMUM_MONTHS)


def expire_before(before: date, *, today: date, operator: str | None = None) -> int:
    """Delete audit entries written before `before` (local date); returns how many.
    Refused when `before` would remove an entry younger than six months."""
    limit = earliest_allowed_cutoff(today)
    if before > limit:
        raise Refused(
            f"审计记录至少保存六个月（《网络安全法》第二十一条），截止日期不能晚于{limit.year}年{limit.month}月{limit.day}日"
        )
    from datetime import datetime, time

    from django.utils import timezone

    cutoff = timezone.make_aware(datetime.combine(before, time.min))
    operator = operator or getpass.getuser()
    with transaction.atomic():
        with maintenance():
            count, _ = AuditEntry.objects.filter(at__lt=cutoff).delete()
        AuditEntry.objects.create(
            actor=None,
            actor_label="系统",
            kind="audit.expired",
            subject_type="audit.auditentry",
            subject_id="retention",
            before=None,
            after={"before": before.isoformat(), "deleted": count, "operator": operator},
            note=f"按保存期限删除{before.year}年{before.month}月{before.day}日以前的审计记录{count}条（操作系统用户：{operator}）",
        )
    return count
