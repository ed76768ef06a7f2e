"""Applicants' personal data (个人信息保护法): encrypted at rest, masked in lists and exports,
full on the case page for the agency's own staff, erased on a retention schedule."""

from __future__ import annotations

import io
from datetime import date

import pytest
from django.db import connection
from openpyxl import load_workbook

from tests.applications.factories import VALID_ID, decided, person, registered


def _raw(application, column):
    with connection.cursor() as cursor:
        cursor.execute(f"SELECT {column} FROM applications_application WHERE id = %s", [application.pk])
        return cursor.fetchone()[0]


def test_identity_number_and_contacts_are_encrypted_at_rest(township, handler):
    from gongkai.applications.models import Application

    application = registered(
        township, handler, date(2026, 1, 5), person(email="zhang@example.com", address="北京市东城区某街1号")
    )
    for column, plain in (
        ("id_number", VALID_ID),
        ("phone", "13800000000"),
        ("email", "zhang@example.com"),
        ("address", "北京市东城区某街1号"),
    ):
        stored = _raw(application, column)
        assert stored.startswith("enc1:") and plain not in stored
    fresh = Application.objects.get(pk=application.pk)
    assert (fresh.id_number, fresh.phone) == (VALID_ID, "13800000000")
    # exact lookups keep working (same applicant in a month, Art. 42 按件)
    assert Application.objects.filter(id_number=VALID_ID).count() == 1
    assert Application.objects.filter(phone="13800000000").get() == application


def test_the_data_migration_encrypts_existing_rows(township, handler):
    import importlib

    application = registered(township, handler, date(2026, 1, 5))
    with connection.cursor() as cursor:
        cursor.execute(
            "UPDATE applications_application SET id_number = %s, phone = %s WHERE id = %s",
            [VALID_ID, "13900000000", application.pk],
        )
    migration = importlib.import_module("gongkai.applications.migrations.0005_encrypt_personal_data")

    class Editor:
        pass

    editor = Editor()
    editor.connection = connection
    migration.encrypt_rows(None, editor)
    assert _raw(application, "id_number").startswith("enc1:")
    application.refresh_from_db()
    assert application.phone == "13900000000"
    migration.encrypt_rows(None, editor)  # running twice changes nothing
    application.refresh_from_db()
    assert application.id_number == VALID_ID


def test_a_wrong_key_cannot_read_the_data(township, handler, settings):
    from cryptography.exceptions import InvalidTag

    from gongkai.applications.models import Application
    from gongkai.security.crypto import new_key

    application = registered(township, handler, date(2026, 1, 5))
    settings.GONGKAI_DATA_KEY = new_key()
    with pytest.raises(InvalidTag):
        Application.objects.get(pk=application.pk)


def test_masks():
    from gongkai.security.masking import mask_address, mask_email, mask_id, mask_phone

    assert mask_id(VALID_ID) == VALID_ID[:6] + "********" + VALID_ID[-4:]
    assert mask_phone("13800001234") == "138****1234"
    assert mask_email("zhang@example.com") == "z***@example.com"
    assert mask_address("北京市东城区某街1号") == "北京市东城区****"


def test_ledger_export_is_masked_by_default_and_full_for_editors_with_an_audit_entry(
    township, handler, client_of, supervisor
):
    from gongkai.audit.models import AuditEntry

    registered(township, handler, date(2026, 1, 5))
    url = f"/staff/applications/agency/{township.pk}/ledger/2026.xlsx"

    def cells(response):
        assert response.status_code == 200
        sheet = load_workbook(io.BytesIO(response.getvalue()))["台账"]
        return [str(c.value) for c in sheet[2]]

    masked = cells(client_of(handler).get(url))
    assert VALID_ID not in masked and "13800000000" not in masked and "138****0000" in masked
    full = cells(client_of(handler).get(url + "?full=1"))
    assert VALID_ID in full
    assert AuditEntry.objects.filter(kind="applications.ledger.exported_unmasked").count() == 1
    # the supervising office reads, but never the full values
    assert VALID_ID not in cells(client_of(supervisor).get(url + "?full=1"))


def test_case_page_full_for_own_staff_masked_for_the_supervisor(township, handler, supervisor, client_of):
    application = registered(township, handler, date(2026, 1, 5))
    url = f"/staff/applications/{application.pk}/"
    own = client_of(handler).get(url).content.decode()
    assert VALID_ID in own and "13800000000" in own
    supervised = client_of(supervisor).get(url).content.decode()
    assert VALID_ID not in supervised and "13800000000" not in supervised and "138****0000" in supervised


def test_retention_erases_contacts_five_years_after_the_decision(township, handler):
    """行政诉讼法 Art. 46: five years; the applicant's record stays, the contacts go."""
    from gongkai.applications.models import Application
    from gongkai.audit.models import AuditEntry
    from gongkai.core.refusal import Refused
    from gongkai.security.retention import erase_closed_before

    old = decided(township, handler, date(2020, 3, 2), date(2020, 3, 20))
    recent = decided(township, handler, date(2025, 3, 3), date(2025, 3, 20))
    today = date(2026, 1, 31)
    with pytest.raises(Refused) as error:
        erase_closed_before(date(2022, 1, 1), today=today)
    assert "满五年" in str(error.value)
    assert erase_closed_before(date(2021, 1, 1), today=today) == 1
    old = Application.objects.get(pk=old.pk)
    assert old.id_number == "" and old.phone == "已删除" and old.name == "张三"
    assert Application.objects.get(pk=recent.pk).id_number == VALID_ID
    assert AuditEntry.objects.filter(kind="applications.personal_data.erased", subject_id=str(old.pk)).exists()
    assert erase_closed_before(date(2021, 1, 1), today=today) == 0  # idempotent
