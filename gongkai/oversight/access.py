"""Object gate of the oversight context, in the shape of gongkai.agencies.access.agency_for."""

from __future__ import annotations

from django.http import Http404

from gongkai.agencies.access import Action, object_for, supervised_agencies
from gongkai.oversight.models import Rectification


def rectification_for(user, pk, action: Action = Action.VIEW) -> Rectification:
    """The rectification `pk` if `user` may do `action` on its agency; 404 otherwise (missing or forbidden)."""
    return object_for(
        user,
        Rectification.objects.select_related("agency", "issued_by"),
        pk,
        action,
        lambda obj: obj.agency,
        "整改通知不存在",
    )


def supervised_or_404(user):
    """The agencies `user` supervises; 404 for a user who supervises none."""
    agencies = supervised_agencies(user).order_by("name") if user.is_authenticated else None
    if agencies is None or not agencies.exists():
        raise Http404("页面不存在")
    return agencies
