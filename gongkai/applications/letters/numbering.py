"""Gap-free 文号 per agency and year, allocated in the issuing transaction."""

from __future__ import annotations

from datetime import date

from django.db import transaction

from gongkai.applications.letter_models import LetterNumberCounter
from gongkai.applications.letters.config import letter_settings
from gongkai.core.letters.form import format_letter_number


def allocate_letter_number(agency, on: date) -> tuple[str, int, int]:
    """The next 文号 of `agency` for the year of `on`: (text, year, serial).

    Like the 索引号 (catalog): the counter row is created if missing, then locked
    (`SELECT … FOR UPDATE` on PostgreSQL; SQLite serialises writers) until the issuing transaction
    commits, so two letters issued at once get consecutive serials, and a rolled-back issue rolls
    the counter back too: no gaps."""
    if not transaction.get_connection().in_atomic_block:
        raise RuntimeError("allocate_letter_number() must run inside transaction.atomic()")
    pattern = letter_settings(agency).number_pattern
    LetterNumberCounter.objects.bulk_create([LetterNumberCounter(agency=agency, year=on.year)], ignore_conflicts=True)
    counter = LetterNumberCounter.objects.select_for_update().get(agency=agency, year=on.year)
    counter.last += 1
    counter.save(update_fields=["last"])
    return format_letter_number(pattern, year=on.year, seq=counter.last), on.year, counter.last
