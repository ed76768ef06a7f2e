"""Fuzz over the public and staff forms through HTTP (hypothesis): no 500, nothing half-written.

Each example posts hostile values (control characters, NUL, noncharacters, huge strings, odd
digits) to the fields of the form behind the URL; the answer must be a page, a redirect or a
4xx — and an application is either created whole (the receipt page) or not at all.
"""

from __future__ import annotations

from datetime import date

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from gongkai.applications import forms as app_forms
from gongkai.applications.models import Application
from gongkai.catalog import forms as catalog_forms
from tests.applications.factories import person, registered
from tests.robustness.strategies import form_data, text

FUZZ = settings(max_examples=20, deadline=None, suppress_health_check=list(HealthCheck))


def _fields(form_class, **kwargs):
    return list(form_class(**kwargs).fields)


def _assert_answer(response):
    assert response.status_code < 500, response.status_code


@pytest.mark.django_db
def test_public_application_form(client, township):
    names = _fields(app_forms.ApplicantForm)

    @FUZZ
    @given(st.one_of(form_data(names), st.builds(lambda d: {**person(), **d}, form_data(names))))
    def check(data):
        before = Application.objects.count()
        response = client.post(f"/apply/{township.slug}/", data)
        _assert_answer(response)
        after = Application.objects.count()
        accepted = response.status_code == 302 and "/receipt/" in response["Location"]  # post/redirect/get
        assert after == before + (1 if accepted else 0)
        if after > before:
            created = Application.objects.order_by("-pk").first()
            assert created.number and created.query_code_hash  # whole, not half-written

    check()


@pytest.mark.django_db
def test_public_status_search_api_and_qr(client, township):
    @FUZZ
    @given(text, text, text)
    def check(a, b, c):
        for response in (
            client.post("/apply/status/", {"number": a, "code": b}),
            client.get("/apply/status/", {"id": a}),
            client.get("/search/", {"q": a, "agency": b, "column": c, "page": c, "from": b}),
            client.get("/api/v1/items", {"q": a, "agency": b, "column": c, "page": c, "validity": b}),
            client.get("/api/v1/reports", {"agency": a, "year": b}),
            client.get("/qr.svg", {"path": "/" + a}),
            client.get(f"/agency/{township.slug}/", {"page": a}),
        ):
            _assert_answer(response)

    check()


@pytest.mark.django_db
def test_staff_application_forms(client_of, township, handler, agency_admin):
    application = registered(township, handler, date(2026, 1, 5), today=date(2026, 1, 5))
    client = client_of(agency_admin)
    targets = [("/staff/applications/register/", _fields(app_forms.RegisterForm) + ["agency"])]
    targets += [
        (f"/staff/applications/{application.pk}/act/{name}/", _fields(form_class))
        for name, form_class in [
            ("correction", app_forms.CorrectionForm),
            ("consult", app_forms.ConsultationForm),
            ("extend", app_forms.ExtensionForm),
            ("fee", app_forms.FeeForm),
            ("paid", app_forms.PaymentForm),
            ("decide", app_forms.ReplyDraftForm),
            ("withdraw", app_forms.NoteForm),
        ]
    ]
    targets += [
        (f"/staff/applications/{application.pk}/cases/", _fields(app_forms.CaseForm)),
        (f"/staff/applications/agency/{township.pk}/templates/", ["body", "kind"]),
    ]

    @FUZZ
    @given(st.sampled_from(targets).flatmap(lambda t: st.tuples(st.just(t[0]), form_data(t[1]))))
    def check(target):
        url, data = target
        before = Application.objects.count()
        response = client.post(url, data)
        _assert_answer(response)
        assert Application.objects.count() <= before + 1

    check()


@pytest.mark.django_db
def test_staff_catalog_forms(client_of, township, agency_admin, news, make_item):
    item = make_item()
    client = client_of(agency_admin)
    item_fields = _fields(catalog_forms.ItemForm, agency=township)
    targets = [
        (f"/staff/catalog/agency/{township.pk}/new/", item_fields),
        (f"/staff/catalog/item/{item.pk}/edit/", item_fields + ["remove_attachment"]),
        (f"/staff/catalog/agency/{township.pk}/columns/", ["name", "parent", "position"]),
        (f"/staff/catalog/agency/{township.pk}/columns/", ["column_id", "name", "parent", "position", "empty_reason"]),
        (f"/staff/catalog/agency/{township.pk}/settings/", _fields(catalog_forms.SettingsForm)),
        (f"/staff/catalog/item/{item.pk}/retire/", _fields(catalog_forms.RetireForm)),
        (f"/staff/catalog/item/{item.pk}/interpret/", ["target"]),
        (f"/staff/agency/{township.pk}/edit/", ["name", "short_name", "credit_code", "address", "phone", "email"]),
        ("/staff/calendar/", ["year", "holidays", "makeup_workdays", "source"]),
        ("/staff/reports/check/", ["text"]),
        (
            f"/staff/reports/statistics/{township.pk}/2025/",
            ["licensing_decisions", "penalty_decisions", "coercion_decisions", "fees_amount_wan_yuan"],
        ),
        (f"/staff/reports/suggestions/{township.pk}/", ["kind", "number", "title", "received_on", "answered_on"]),
    ]

    @FUZZ
    @given(st.sampled_from(targets).flatmap(lambda t: st.tuples(st.just(t[0]), form_data(t[1]))))
    def check(target):
        url, data = target
        _assert_answer(client.post(url, data))

    check()


@pytest.mark.django_db
def test_every_upload_kind_with_random_bytes(client_of, township, agency_admin, handler, news):
    from django.core.files.uploadedfile import SimpleUploadedFile

    from gongkai.catalog.models import Item

    client = client_of(agency_admin)
    item = {
        "column": news.pk,
        "doc_kind": "other",
        "title": "附件测试",
        "summary": "概述",
        "publisher": "测试镇",
        "written_on": "2024-05-28",
    }

    @FUZZ
    @given(st.binary(max_size=2000), st.sampled_from(["a.xlsx", "a.docx", "a.pdf", "a.zip", "a.csv", "a.png", "a"]))
    def check(data, name):
        for url, field in [
            (f"/staff/applications/agency/{township.pk}/ledger/import/", "file"),
            (f"/staff/catalog/agency/{township.pk}/import/", "catalog"),
            (f"/staff/reports/statistics/{township.pk}/2025/", "file"),
            ("/staff/reports/check/", "files"),
        ]:
            before = Application.objects.count()
            _assert_answer(
                client.post(url, {field: SimpleUploadedFile(name, b"PK\x03\x04" + data if data[:1] == b"P" else data)})
            )
            assert Application.objects.count() == before
        items = Item.objects.count()
        response = client.post(
            f"/staff/catalog/agency/{township.pk}/new/", {**item, "attachments": SimpleUploadedFile(name, data)}
        )
        _assert_answer(response)
        assert Item.objects.count() == items + (1 if response.status_code == 302 else 0)

    check()
