"""送达 of an issued letter, written where the clock reads it.

A procedure letter (补正, 收费, 延期, 延迟答复) is issued with its clock event (and fee notice); when
it is served later — e-mailed with its sealed copy, or a receipt entered — the service date goes
to the letter, to its clock event and to its fee notice at once (the pay-by of 国办函〔2020〕109号
counts 20 working days from it). An e-mailed letter is served the day the e-mail is sent.
"""

from __future__ import annotations

from datetime import date

from django.db import transaction

from gongkai.applications.models import ClockEvent, FeeNotice, Letter


def record_served(letter: Letter, on: date, method: str) -> None:
    """Write the service date (only where none is recorded yet: the first service counts)."""
    with transaction.atomic():
        Letter.objects.filter(pk=letter.pk, served_on__isnull=True).update(served_on=on, service_method=method)
        if letter.clock_event_id:
            ClockEvent.objects.filter(pk=letter.clock_event_id, served_on__isnull=True).update(
                served_on=on, service_method=method
            )
        if letter.fee_notice_id:
            FeeNotice.objects.filter(pk=letter.fee_notice_id, served_on__isnull=True).update(served_on=on)


def sealed_copy(letter: Letter) -> bytes:
    """The only copy ever e-mailed: the sealed one (scan of the sealed original, or the PDF sealed
    by the agency's GB/T 38540 system). Never the generated, unsealed PDF."""
    data = bytes(letter.sealed_pdf or b"")
    if not data or not letter.seal_kind:
        raise ValueError("文书没有加盖印章的副本，未发送（电子邮件送达只发送加盖印章的文书）")
    return data


def correction_deadline(letter: Letter) -> date | None:
    """The 补正期限 of a 补正告知书 (service must come before it, 条例 Art. 30)."""
    if letter.kind == "correction" and letter.clock_event_id:
        return ClockEvent.objects.filter(pk=letter.clock_event_id).values_list("deadline_on", flat=True).first()
    return None


def correction_period_over(letter: Letter, on: date) -> date | None:
    """The 补正期限 of a 补正告知书 if a service on `on` comes too late (on or after it: no time left to
    correct, 条例 Art. 30); else None."""
    deadline = correction_deadline(letter)
    return deadline if deadline is not None and on >= deadline else None
