"""Two-factor login (TOTP): required for 机构管理员 and 平台管理员 when GONGKAI_TWO_FACTOR is on
(production default, 等保 2.0 三级), not for 政务公开办 or handlers; an agency may require it for
all its staff; in development the demo logins sign in with the password alone."""

from __future__ import annotations

import pytest
from django.test import Client

from tests.conftest import PASSWORD

LOGIN = "/accounts/login/"
TWO_FACTOR = "/accounts/two-factor/"


def _token(device) -> str:
    from django_otp.oath import totp

    return f"{totp(device.bin_key, step=device.step, t0=device.t0, digits=device.digits, drift=device.drift):06d}"


def _password(client, user, next_url="/staff/"):
    return client.post(f"{LOGIN}?next={next_url}", {"username": user.username, "password": PASSWORD})


@pytest.fixture
def production_two_factor(settings):
    settings.GONGKAI_TWO_FACTOR = True


def test_agency_admin_enrols_with_a_qr_code_then_signs_in(production_two_factor, agency_admin):
    from django_otp.plugins.otp_totp.models import TOTPDevice

    from gongkai.audit.models import AuditEntry

    client = Client()
    response = _password(client, agency_admin)
    assert response.status_code == 302 and response["Location"] == TWO_FACTOR
    assert "_auth_user_id" not in client.session  # not signed in by the password alone
    page = client.get(TWO_FACTOR)
    text = page.content.decode()
    assert "扫描下方二维码" in text and "<svg" in text
    assert client.get("/staff/").status_code == 302  # staff area still closed
    device = TOTPDevice.objects.get(user=agency_admin, confirmed=False)
    wrong = client.post(TWO_FACTOR, {"token": "000000" if _token(device) != "000000" else "111111"})
    assert wrong.status_code == 400 and "动态验证码不正确" in wrong.content.decode()
    device.refresh_from_db()
    device.throttling_failure_count = 0
    device.throttling_failure_timestamp = None
    device.save()
    done = client.post(TWO_FACTOR, {"token": _token(device)})
    assert done.status_code == 302 and done["Location"] == "/staff/"
    assert client.get("/staff/").status_code == 200
    device.refresh_from_db()
    assert device.confirmed
    assert AuditEntry.objects.filter(kind="security.two_factor.enrolled", subject_id=str(agency_admin.pk)).exists()


def test_an_enrolled_admin_must_give_the_code(production_two_factor, agency_admin):
    from django_otp.plugins.otp_totp.models import TOTPDevice

    device = TOTPDevice.objects.create(user=agency_admin, name="x", confirmed=True)
    client = Client()
    assert _password(client, agency_admin)["Location"] == TWO_FACTOR
    page = client.get(TWO_FACTOR).content.decode()
    assert "二维码" not in page and "6位验证码" in page
    assert client.post(TWO_FACTOR, {"token": "12a456"}).status_code == 400
    assert client.post(TWO_FACTOR, {"token": _token(device)}).status_code == 302
    assert client.get("/staff/").status_code == 200


def test_platform_admin_needs_it_too(production_two_factor, db):
    from django.contrib.auth import get_user_model

    admin = get_user_model().objects.create_superuser("root", "root@example.gov.cn", PASSWORD)
    assert _password(Client(), admin)["Location"] == TWO_FACTOR


@pytest.mark.parametrize("who", ["handler", "reviewer", "supervisor"])
def test_other_roles_sign_in_with_the_password(production_two_factor, who, request):
    """政务公开办 staff are not administrators for this rule."""
    user = request.getfixturevalue(who)
    client = Client()
    assert _password(client, user)["Location"] == "/staff/"
    assert client.get("/staff/").status_code == 200


def test_an_agency_may_require_it_for_all_staff(handler, township, settings):
    from gongkai.security.models import AgencySecurityPolicy

    settings.GONGKAI_TWO_FACTOR = False
    AgencySecurityPolicy.objects.create(agency=township, two_factor_for_all_staff=True)
    assert _password(Client(), handler)["Location"] == TWO_FACTOR


def test_a_session_without_the_second_factor_is_ended(production_two_factor, agency_admin):
    """E.g. a login through the admin site's form: the next request signs the user out."""
    client = Client()
    client.force_login(agency_admin)
    response = client.get("/staff/")
    assert response.status_code == 302 and response["Location"].startswith(LOGIN)
    assert "_auth_user_id" not in client.session


def test_in_development_demo_logins_use_the_password_alone(db, settings):
    from gongkai.agencies import demo

    assert settings.GONGKAI_TWO_FACTOR is False  # the test settings are development
    demo.load()
    for username in ("guanli", "admin"):
        client = Client()
        response = client.post(LOGIN, {"username": username, "password": demo.DEMO_PASSWORD})
        assert response.status_code == 302 and response["Location"] != TWO_FACTOR


def test_two_factor_page_without_a_pending_login_goes_back_to_login(db):
    response = Client().get(TWO_FACTOR)
    assert response.status_code == 302 and response["Location"] == LOGIN


def test_agency_admin_requires_it_for_all_staff_from_the_staff_area(agency_admin, handler, township, client_of):
    from gongkai.audit.models import AuditEntry
    from gongkai.security.models import AgencySecurityPolicy

    url = f"/staff/security/agency/{township.pk}/"
    assert client_of(handler).get(url).status_code == 404  # only the agency's administrator
    admin = client_of(agency_admin)
    page = admin.get("/staff/").content.decode()
    assert url in page  # linked from the staff navigation
    assert admin.post(url, {"two_factor_for_all_staff": "on"}).status_code == 302
    assert AgencySecurityPolicy.objects.get(agency=township).two_factor_for_all_staff
    assert AuditEntry.objects.filter(kind="security.policy.two_factor_changed", agency=township).exists()
    assert _password(Client(), handler)["Location"] == TWO_FACTOR
