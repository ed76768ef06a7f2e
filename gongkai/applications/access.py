"""The object gate of applications: same 404 whether missing or forbidden."""

from __future__ import annotations

from django.http import Http404

from gongkai.agencies.access import Action, can
from gongkai.applications.models import Application


def application_for(user, pk, action: Action = Action.VIEW) -> Application:
    try:
        application = Application.objects.select_related("agency").get(pk=pk)
    except (Application.DoesNotExist, ValueError, TypeError):
        raise Http404("申请不存在") from None
    if not can(user, action, application.agency):
        raise Http404("申请不存在")
    return application
