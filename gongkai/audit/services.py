from __future__ import annotations

import json

from django.core.serializers.json import DjangoJSONEncoder
from django.db import transaction

from gongkai.audit.models import AuditEntry


def _plain(value):
    """JSON-safe copy of before/after values (dates, decimals, enums become strings)."""
    if value is None:
        return None
    return json.loads(json.dumps(value, cls=DjangoJSONEncoder, ensure_ascii=False))


def record(*, subject, actor, kind: str, before=None, after=None, note: str = "", agency=None) -> AuditEntry:
    """Write one audit entry. Must run inside the transaction of the change (raises otherwise).

    `actor` is a User or None for the system (periodic jobs); `agency` defaults to
    `subject.agency` when the subject has one, so supervisors can read an agency's trail.
    """
    if not transaction.get_connection().in_atomic_block:
        raise RuntimeError("audit.record() must be called inside transaction.atomic()")
    if agency is None:
        agency = getattr(subject, "agency", None)
        if agency is None and subject.__class__.__name__ == "Agency":
            agency = subject
    return AuditEntry.objects.create(
        actor=actor if getattr(actor, "pk", None) else None,
        actor_label=getattr(actor, "username", "") or "系统",
        kind=kind,
        subject_type=subject._meta.label_lower,
        subject_id=str(subject.pk),
        agency=agency,
        before=_plain(before),
        after=_plain(after),
        note=note,
    )


def trail_of(subject):
    """The audit entries of one object, oldest first."""
    return (
        AuditEntry.objects.filter(subject_type=subject._meta.label_lower, subject_id=str(subject.pk))
        .order_by("at", "id")
        .select_related("actor")
    )
