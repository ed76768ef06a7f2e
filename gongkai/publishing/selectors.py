"""Reads for staff: publication failures of the agencies a user administers."""

from __future__ import annotations

from django.db.models import Q

from gongkai.agencies.access import Action, can, visible_agencies
from gongkai.publishing.models import PublishError, PublishTask


def administered_agency_ids(user) -> list[int]:
    return [a.pk for a in visible_agencies(user) if can(user, Action.ADMINISTER, a)]


def publish_errors_for(user, limit: int = 200):
    """Unresolved failures: all for a platform administrator; else those of the user's agencies."""
    errors = PublishError.objects.filter(resolved=False)
    if not user.is_superuser:
        errors = errors.filter(agency_id__in=administered_agency_ids(user))
    return errors[:limit]


def may_see_publishing(user) -> bool:
    return user.is_authenticated and (user.is_superuser or bool(administered_agency_ids(user)))


def pending_count(user) -> int:
    tasks = PublishTask.objects.all()
    if not user.is_superuser:
        tasks = tasks.filter(Q(agency_id__in=administered_agency_ids(user)))
    return tasks.count()
