import io
from datetime import date

import pytest
from openpyxl import load_workbook

from gongkai.agencies.demo import demo_credit_code
from gongkai.agencies.models import Agency, AgencyLevel, Membership, Role
from gongkai.applications import actions
from gongkai.applications.actions import import_ledger
from gongkai.applications.ledger import export_ledger, year_applications
from gongkai.applications.ledger_go_live import go_live_difference
from gongkai.applications.models import Application
from gongkai.boundary.importer import ImportRefused
from gongkai.core.refusal import PermissionRefused
from tests.applications.factories import company, decided, registered

TODAY = date(2026, 1, 31)
FIELDS = [
    "number",
    "channel",
    "state",
    "submitted_on",
    "received_on",
    "applicant_type",
    "name",
    "id_type",
    "id_number",
    "credit_code",
    "legal_representative",
    "contact_person",
    "phone",
    "email",
    "address",
    "information",
    "document_number",
    "provision_form",
    "delivery",
    "outcome",
    "decided_on",
    "decision_note",
]


def _records(agency):
    return [
        (
            {f: getattr(a, f) for f in FIELDS},
            [
                (e.kind, e.on, e.working_days, e.served_on, e.service_method, e.deadline_on, e.note)
                for e in a.clock_events.all()
            ],
        )
        for a in Application.objects.filter(agency=agency).order_by("number")
    ]


def _fresh_agency(handler):
    fresh = Agency.objects.create(
        name="新机构", credit_code=demo_credit_code("900009"), level=AgencyLevel.TOWNSHIP_GOVERNMENT, slug="fresh"
    )
    Membership.objects.create(user=handler, agency=fresh, role=Role.HANDLER)
    handler.__dict__.pop("_gongkai_roles", None)  # the roles are cached on the user object
    return fresh


def test_import_needs_the_right_to_edit_the_agency(township, handler):
    fresh = Agency.objects.create(
        name="别的机构", credit_code=demo_credit_code("900019"), level=AgencyLevel.TOWNSHIP_GOVERNMENT, slug="other"
    )
    data = export_ledger(year_applications(township, 2024))
    with pytest.raises(PermissionRefused):
        import_ledger(agency=fresh, data=data, actor=handler)


def test_round_trip_into_a_fresh_agency(township, handler):
    decided(township, handler, date(2024, 3, 1), date(2024, 3, 20))
    open_one = registered(township, handler, date(2024, 12, 20), company())
    actions.request_correction(
        application=open_one,
        actor=handler,
        on=date(2024, 12, 23),
        served_on=date(2024, 12, 24),
        service_method="post",
        correct_by=date(2025, 1, 10),
        content="补正",
        today=TODAY,
    )
    data = export_ledger(year_applications(township, 2024))
    fresh = _fresh_agency(handler)
    result = import_ledger(agency=fresh, data=data, actor=handler)
    assert result.created == 2
    assert _records(fresh) == _records(township)
    assert "核对一致" in go_live_difference(fresh, 2024, 1)
    assert "不一致" in go_live_difference(fresh, 2024, 3)


def test_a_bad_row_rejects_the_whole_file(township, handler):
    decided(township, handler, date(2024, 3, 1), date(2024, 3, 20))
    registered(township, handler, date(2024, 4, 1), company())
    book = load_workbook(io.BytesIO(export_ledger(year_applications(township, 2024))))
    sheet = book["台账"]
    sheet.cell(row=3, column=9).value = "91110000123456789X"  # bad credit code
    sheet.cell(row=2, column=21).value = "2023-01-01"  # decided before receipt
    buffer = io.BytesIO()
    book.save(buffer)
    fresh = _fresh_agency(handler)
    with pytest.raises(ImportRefused) as info:
        import_ledger(agency=fresh, data=buffer.getvalue(), actor=handler)
    rows = {(p.sheet, p.row) for p in info.value.problems}
    assert rows == {("台账", 2), ("台账", 3)}
    assert not Application.objects.filter(agency=fresh).exists()
    with pytest.raises(ImportRefused):
        import_ledger(agency=fresh, data=b"not a workbook", actor=handler)
