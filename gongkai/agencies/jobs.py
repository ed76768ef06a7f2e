"""Periodic jobs of agencies (see gongkai/jobs.py)."""

from django.utils import timezone


def staff_digest(now):
    """工作人员每日待办邮件（每人每天一次）"""
    from gongkai.agencies.digest import send_staff_digests

    return f"发送待办邮件{send_staff_digests(timezone.localtime(now).date())}封"


JOBS = [("agencies.staff_digest", staff_digest)]
