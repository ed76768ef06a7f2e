"""Numbers and text from requests: ASCII digits only, NUL and control characters refused — a 400,
a 404 or a Chinese form error, never a 500 (on SQLite and PostgreSQL)."""

from __future__ import annotations

import pytest

from gongkai.applications.models import Application
from tests.applications.factories import person

ODD = ["²", "１", "١", "%00", "\x00", "1\x00", "-1", "1e3", "99999999999999999999999"]


@pytest.mark.parametrize("value", ODD)
def test_odd_numbers_on_public_urls_are_refused_not_500(client, township, make_item, publish, news, value):
    publish(make_item())
    for url, params in [
        (f"/agency/{township.slug}/column/{news.pk}/", {"page": value}),
        (f"/agency/{township.slug}/column/{news.pk}/", {"before": value}),
        ("/search/", {"q": "低保", "page": value}),
        ("/search/", {"q": "低保", "column": value}),
        ("/api/v1/items", {"page": value}),
        ("/api/v1/items", {"column": value}),
        ("/api/v1/reports", {"year": value}),
        ("/apply/status/", {"id": value}),
    ]:
        response = client.get(url, params)
        assert response.status_code in (200, 400, 404), (url, params, response.status_code)
        if response.status_code == 400 and url.startswith("/api/"):
            assert response.json()["error"]


@pytest.mark.parametrize("value", ["\x00", "a\x00b", "\x01", "\ufffe"])
def test_nul_and_control_characters_in_query_text_are_400(client, township, value):
    for url, params in [
        ("/search/", {"q": value}),
        ("/search/", {"agency": value}),
        ("/api/v1/items", {"q": value}),
        ("/api/v1/items", {"agency": value}),
        ("/api/v1/reports", {"agency": value}),
    ]:
        response = client.get(url, params)
        assert response.status_code == 400, (url, params, response.status_code)


@pytest.mark.parametrize(
    "field,value,message",
    [
        ("name", "张\x01三", "“姓名或单位名称”含有不允许的控制字符（U+0001）"),
        ("information", "资料\ufffe", "“所需政府信息的名称或描述”含有不允许的非法字符（U+FFFE）"),
        ("address", "地址\x00", "“通信地址”含有不允许的空字符（U+0000）"),
        ("id_number", "1101051980010100²X", "身份证号码前17位应为数字"),
        ("id_number", "１１０１０５１９８００１０１００１Ｘ", "身份证"),
        ("name", "长" * 101, "“姓名或单位名称”应不超过100字"),
    ],
)
def test_public_application_form_refuses_bad_text_naming_the_field(client, township, field, value, message):
    response = client.post(f"/apply/{township.slug}/", person(**{field: value}))
    assert response.status_code in (200, 400)
    assert message in response.content.decode()
    assert not Application.objects.exists()  # nothing half-written


def test_status_lookup_with_nul_is_a_form_error(client, township):
    response = client.post("/apply/status/", {"number": "test-town-2024-0001\x00", "code": "AAAA\x00"})
    assert response.status_code in (200, 400, 404)
    assert "含有不允许的空字符" in response.content.decode()


def test_staff_forms_refuse_control_characters_and_odd_digits(client_of, handler, township):
    client = client_of(handler)
    data = person(name="李\x1b四", channel="in_person", submitted_on="2026-01-05", agency=township.pk)
    response = client.post("/staff/applications/register/", data)
    assert "含有不允许的控制字符（U+001B）" in response.content.decode()
    assert not Application.objects.exists()


def test_column_update_with_superscript_position_is_a_message(client_of, agency_admin, township, news):
    response = client_of(agency_admin).post(
        f"/staff/catalog/agency/{township.pk}/columns/",
        {"column_id": news.pk, "name": "镇街动态", "position": "²"},
        follow=True,
    )
    assert response.status_code == 200 and "排序应为非负整数" in response.content.decode()
    response = client_of(agency_admin).post(
        f"/staff/catalog/agency/{township.pk}/columns/", {"column_id": "²", "name": "x", "position": "1"}, follow=True
    )
    assert "栏目不存在" in response.content.decode()
