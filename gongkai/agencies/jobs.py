"""Periodic jobs of agencies (see gongkai/jobs.py)."""

from django.utils import timezone

from gongkai.agencies.digest import send_staff_digests


def staff_digest(now):
    """工作人员每日待办邮件（每人每天一次）"""

    return f"发送待办邮件{send_staff_digests(timezone.localtime(now).date())}封"


JOBS = [("agencies.staff_digest", staff_digest)]
