"""The object gate of applications: same 404 whether missing or forbidden."""

from __future__ import annotations

from gongkai.agencies.access import Action, object_for
from gongkai.applications.models import Application


def application_for(user, pk, action: Action = Action.VIEW) -> Application:
    return object_for(
        user, Application.objects.select_related("agency"), pk, action, lambda obj: obj.agency, "申请不存在"
    )
