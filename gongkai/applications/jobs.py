"""Periodic jobs of applications (see gongkai/jobs.py)."""

from django.utils import timezone

from gongkai.applications.notifications import retry_failed
from gongkai.applications.reminders import send_reminders


def remind(now):
    """答复期限提醒邮件（3个工作日内到期和已逾期，每天一次）"""

    return f"发送提醒邮件{send_reminders(timezone.localtime(now).date())}封"


def retry_notifications(now):
    """重发发送失败的申请人通知（邮件、短信）"""

    return retry_failed(now)


JOBS = [("applications.remind", remind), ("applications.retry_notifications", retry_notifications)]
