"""The answer to a locked-out login: HTTP 429 at once, in Chinese, with the remaining wait."""

from __future__ import annotations

from django.conf import settings
from django.db.models import Max
from django.shortcuts import render
from django.utils import timezone

from gongkai.security.throttle import wait_text


def axes_wait_seconds(username: str, address: str) -> int:
    from axes.models import AccessAttempt

    latest = AccessAttempt.objects.filter(username=username, ip_address=address).aggregate(at=Max("attempt_time"))["at"]
    if latest is None:
        return int(settings.AXES_COOLOFF_TIME.total_seconds())
    remaining = (latest + settings.AXES_COOLOFF_TIME - timezone.now()).total_seconds()
    return max(1, int(remaining))


def too_many(request, wait_seconds: int, *, reason: str):
    response = render(
        request, "security/too_many_logins.html", {"wait": wait_text(wait_seconds), "reason": reason}, status=429
    )
    response["Retry-After"] = str(int(wait_seconds))
    return response


def lockout_response(request, original_response=None, credentials=None):
    """AXES_LOCKOUT_CALLABLE: (account, address) has reached the failure limit."""
    from axes.helpers import get_client_username

    username = get_client_username(request, credentials) or ""
    address = getattr(request, "axes_ip_address", "") or ""
    return too_many(request, axes_wait_seconds(username, address), reason="该账号在本地址登录失败次数过多")
