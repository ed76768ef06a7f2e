"""`{% load audit_labels %}` … `{{ entry.kind|audit_label }}`: the Chinese label of an audit kind."""

from django import template

from gongkai.audit import kinds

register = template.Library()


@register.filter
def audit_label(code: str) -> str:
    return kinds.label(code or "")


@register.filter
def audit_actor(entry) -> str:
    """Who acted, by name (the user's full name, else the recorded login name; 系统 for jobs)."""
    actor = getattr(entry, "actor", None)
    if actor is not None and actor.get_full_name():
        return actor.get_full_name()
    return entry.actor_label or "系统"
