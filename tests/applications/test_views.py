from datetime import date

from django.core import mail
from django.core.cache import cache
from django.test import Client

from gongkai.applications.models import Application
from gongkai.applications.reminders import send_reminders
from tests.applications.factories import VALID_ID, person, registered


def _apply(client, slug="test-town", follow=False, **extra):
    data = dict(person(**extra).items())
    return client.post(f"/apply/{slug}/", data, follow=follow)


def test_public_form_and_status(township):
    client = Client()
    response = _apply(client, follow=True)  # post/redirect/get: the receipt page
    assert response.status_code == 200 and response.redirect_chain
    code = response.context["code"]
    application = Application.objects.get()
    assert application.state == "submitted" and code not in application.query_code_hash
    other = Client()
    page = other.post("/apply/status/", {"number": application.number, "code": code.lower()})
    assert page.status_code == 200
    text = page.content.decode()
    assert application.number in text and "张三" not in text and VALID_ID not in text


def test_bad_id_is_a_400_with_chinese_and_nothing_saved(township):
    response = _apply(Client(), id_number="110105198001010010")
    assert response.status_code == 400 and "校验位" in response.content.decode()
    assert not Application.objects.exists()


def test_unknown_code_404_then_rate_limited(township):
    cache.clear()
    client = Client()
    for _ in range(10):
        assert client.post("/apply/status/", {"number": "test-town-2024-0001", "code": "AAAAAAAAAA"}).status_code == 404
    response = client.post("/apply/status/", {"number": "test-town-2024-0001", "code": "AAAAAAAAAA"})
    assert response.status_code == 429 and "频繁" in response.content.decode()
    cache.clear()


def test_staff_pages_and_gate(township, handler, other_handler, supervisor, client_of):
    a = registered(township, handler, date(2026, 11, 2))
    assert client_of(handler).get(f"/staff/applications/{a.pk}/").status_code == 200
    assert client_of(supervisor).get("/staff/applications/deadlines/").status_code == 200
    assert client_of(other_handler).get(f"/staff/applications/{a.pk}/").status_code == 404
    # a supervisor reads but cannot act
    assert client_of(supervisor).post(f"/staff/applications/{a.pk}/act/decide/", {}).status_code == 404
    response = client_of(handler).post(f"/staff/applications/{a.pk}/act/extend/", {"on": "2026-11-03"})
    assert response.status_code == 400


def test_decision_on_closed_application_is_400(township, handler, reviewer, client_of):
    a = registered(township, handler, date(2026, 11, 2))
    post = {"outcome": "granted", "provision_way": "邮寄", "provision_place": "本机关", "provision_time": "10日内"}
    client = client_of(handler)
    assert client.post(f"/staff/applications/{a.pk}/act/decide/", post).status_code == 302
    draft = a.letters.get(state="draft")
    signed = client_of(reviewer).post(f"/staff/applications/{a.pk}/letters/{draft.pk}/sign/", {"on": "2026-11-03"})
    assert signed.status_code == 302
    response = client.post(f"/staff/applications/{a.pk}/act/decide/", post)
    assert response.status_code == 400 and "已办结" in response.content.decode()


def test_reminders_once_a_day(township, handler, settings):
    settings.EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
    handler.email = "h@example.gov.cn"
    handler.save()
    registered(township, handler, date(2026, 10, 9))
    assert send_reminders(date(2026, 11, 25)) == 1
    assert "已逾期" in mail.outbox[0].body
    assert send_reminders(date(2026, 11, 25)) == 0


def test_staff_pages_render(township, handler, agency_admin, client_of):
    a = registered(township, handler, date(2026, 11, 2))
    client = client_of(agency_admin)
    listing = client.get("/staff/applications/").content.decode()
    assert f'href="/staff/applications/agency/{township.pk}/templates/"' in listing  # the editor is reachable
    assert "/templates/" not in client_of(handler).get("/staff/applications/").content.decode()  # admins only
    assert client.get("/staff/applications/register/").status_code == 200
    assert client.get(f"/staff/applications/agency/{township.pk}/templates/?kind=fee").status_code == 200
    assert client.get(f"/staff/applications/agency/{township.pk}/ledger/").status_code == 200
    export = client.get(f"/staff/applications/agency/{township.pk}/ledger/2026.xlsx")
    assert export.status_code == 200 and export.getvalue()[:2] == b"PK"
    from django.core.files.uploadedfile import SimpleUploadedFile

    bad = client.post(
        f"/staff/applications/agency/{township.pk}/ledger/import/", {"file": SimpleUploadedFile("x.xlsx", b"junk")}
    )
    assert bad.status_code == 400 and "XLSX" in bad.content.decode()
    detail = client.get(f"/staff/applications/{a.pk}/").content.decode()
    assert "第" in detail and "共20个工作日" in detail


def test_ending_one_of_two_consultations_through_the_page(township, handler, client_of):
    from django.utils import timezone

    from gongkai.applications import actions

    today = timezone.localdate()
    a = registered(township, handler, today)
    client = client_of(handler)
    for party in ("甲公司", "乙公司"):
        r = client.post(
            f"/staff/applications/{a.pk}/act/consult/",
            {
                "on": today.isoformat(),
                "served_on": today.isoformat(),
                "service_method": "in_person",
                "third_party": party,
                "content": "是否同意公开",
            },
        )
        assert r.status_code == 302, r.content.decode()
    page = client.get(f"/staff/applications/{a.pk}/").content.decode()
    assert "甲公司" in page and "乙公司" in page and 'name="consultation"' in page
    unnamed = client.post(f"/staff/applications/{a.pk}/act/consulted/", {"on": today.isoformat()})
    assert unnamed.status_code == 400 and "请选择结束的是哪一项" in unnamed.content.decode()
    second = actions.open_consultations(a)[1]
    r = client.post(f"/staff/applications/{a.pk}/act/consulted/", {"on": today.isoformat(), "consultation": second.pk})
    assert r.status_code == 302
    a.refresh_from_db()
    assert a.state == "consulting" and [e.note.split("：")[0] for e in actions.open_consultations(a)] == ["甲公司"]
