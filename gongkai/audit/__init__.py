"""The append-only audit log. Call `record()` in the same transaction as the change it records."""


def record(*, subject, actor, kind: str, before=None, after=None, note: str = "", agency=None):
    from gongkai.audit.services import record as _record

    return _record(subject=subject, actor=actor, kind=kind, before=before, after=after, note=note, agency=agency)
