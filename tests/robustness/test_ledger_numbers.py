"""Ledger import never leaves the agency-year counter behind a stored number; collisions are
refused naming the row; every cell cleaned and length-checked like a form (issue 11)."""

from __future__ import annotations

import io
from datetime import date

import pytest

from gongkai.applications.actions import import_ledger
from gongkai.applications.ledger import COLUMNS, EVENT_COLUMNS, EVENT_SHEET, SHEET
from gongkai.applications.models import Application, NumberCounter
from gongkai.boundary.importer import ImportRefused, Problem
from tests.applications.factories import VALID_ID, registered


def _row(number, **extra):
    values = {
        "number": number,
        "channel": "in_person",
        "submitted_on": date(2026, 1, 5),
        "received_on": date(2026, 1, 5),
        "applicant_type": "natural_person",
        "name": "张三",
        "id_type": "resident_id",
        "id_number": VALID_ID,
        "phone": "13800000000",
        "information": "道路建设资金",
        "provision_form": "paper",
        "delivery": "post",
        "state": "in_progress",
    }
    values.update(extra)
    return values


def _ledger(rows) -> bytes:
    import openpyxl

    book = openpyxl.Workbook()
    sheet = book.active
    sheet.title = SHEET
    sheet.append([h for _, h, _ in COLUMNS])
    for values in rows:
        sheet.append([values.get(f) for f, _, _ in COLUMNS])
    book.create_sheet(EVENT_SHEET).append([h for _, h, _ in EVENT_COLUMNS])
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


@pytest.fixture
def row():
    return _row


def test_import_ahead_of_the_counter_moves_it_so_intake_continues(township, handler, row):
    """An imported `<slug>-2026-0007` moves the 2026 counter to 7: the next registration gets 0008."""
    import_ledger(agency=township, data=_ledger([row(f"{township.slug}-2026-0007")]), actor=handler)
    assert NumberCounter.objects.get(agency=township, year=2026).last == 7
    application = registered(township, handler, date(2026, 1, 6), today=date(2026, 1, 6))
    assert application.number == f"{township.slug}-2026-0008"


def test_colliding_number_is_refused_naming_the_row(township, handler, row):
    existing = registered(township, handler, date(2026, 1, 6), today=date(2026, 1, 6))
    with pytest.raises(ImportRefused) as rejected:
        import_ledger(agency=township, data=_ledger([row("旧系统-001"), row(existing.number)]), actor=handler)
    assert Problem(3, f"“{existing.number}”在本机关已存在", "申请编号", SHEET) in rejected.value.problems
    assert f"工作表“台账”第3行「申请编号」：“{existing.number}”在本机关已存在" in rejected.value.lines
    assert Application.objects.count() == 1


def test_foreign_numbers_get_fresh_serials_and_never_collide(township, handler, row):
    import_ledger(
        agency=township, data=_ledger([row("2025-依申请-12"), row(f"{township.slug}-2026-0002")]), actor=handler
    )
    later = registered(township, handler, date(2026, 1, 7), today=date(2026, 1, 7))
    numbers = set(Application.objects.values_list("number", flat=True))
    assert len(numbers) == 3 and later.number not in {"2025-依申请-12", f"{township.slug}-2026-0002"}


@pytest.mark.parametrize(
    "field,value,message",
    [
        # (openpyxl cannot even write C0 controls into a sheet; noncharacters it can)
        ("name", "张\U0001fffe三", "含有不允许的非法字符（U+1FFFE）"),
        ("address", "长" * 201, "应不超过200字"),
        ("information", "资料\ufdd0", "非法字符（U+FDD0）"),
    ],
)
def test_cells_are_cleaned_and_length_checked_before_the_database(township, handler, row, field, value, message):
    with pytest.raises(ImportRefused) as rejected:
        import_ledger(
            agency=township, data=_ledger([row(f"{township.slug}-2026-0001", **{field: value})]), actor=handler
        )
    assert any(p.row == 2 and message in p.message for p in rejected.value.problems), rejected.value.lines
    assert not Application.objects.exists()


def test_ledger_import_view_has_a_size_cap(client_of, handler, township):
    from django.core.files.uploadedfile import SimpleUploadedFile

    big = SimpleUploadedFile("台账.xlsx", b"PK\x03\x04" + b"0" * (11 * 1024 * 1024))
    response = client_of(handler).post(f"/staff/applications/agency/{township.pk}/ledger/import/", {"file": big})
    assert response.status_code == 400 and "大小超过上限10MB" in response.content.decode()
