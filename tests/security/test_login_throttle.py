"""Login throttling: per (account, address) with django-axes, per address with the shared cache,
the address taken from a trusted proxy only."""

from __future__ import annotations

import pytest
from django.test import Client, RequestFactory, override_settings

from tests.conftest import PASSWORD

LOGIN = "/accounts/login/"


def _attempt(client, username, password="wrong-password", address="203.0.113.5", **headers):
    return client.post(LOGIN, {"username": username, "password": password}, REMOTE_ADDR=address, **headers)


@pytest.mark.django_db
def test_after_ten_failures_the_next_attempt_gets_429_at_once_in_chinese(handler):
    client = Client()
    for _ in range(9):
        assert _attempt(client, "handler").status_code == 200
    _attempt(client, "handler")  # the tenth failure
    response = _attempt(client, "handler", password=PASSWORD)  # even the right password
    assert response.status_code == 429
    text = response.content.decode()
    assert "登录失败次数过多" in text and "分钟后再试" in text
    assert 0 < int(response["Retry-After"]) <= 30 * 60
    assert "_auth_user_id" not in client.session


@pytest.mark.django_db
def test_a_lockout_is_per_account_and_address(handler, reviewer):
    client = Client()
    for _ in range(10):
        _attempt(client, "handler")
    assert _attempt(client, "handler").status_code == 429
    # the same account from another address, and another account from the same address, go on
    other = Client()
    assert _attempt(other, "handler", password=PASSWORD, address="198.51.100.7").status_code == 302
    assert _attempt(Client(), "reviewer", password=PASSWORD).status_code == 302


@pytest.mark.django_db
@override_settings(GONGKAI_LOGIN_ADDRESS_LIMIT=5)
def test_per_address_cap_over_all_accounts(handler):
    client = Client()
    for n in range(5):
        _attempt(client, f"nobody{n}")
    response = _attempt(client, "handler", password=PASSWORD)
    assert response.status_code == 429
    assert "本地址登录失败次数过多" in response.content.decode()
    assert _attempt(Client(), "handler", password=PASSWORD, address="198.51.100.9").status_code == 302


@pytest.mark.django_db
def test_success_resets_the_count(handler):
    client = Client()
    for _ in range(8):
        _attempt(client, "handler")
    assert _attempt(client, "handler", password=PASSWORD).status_code == 302
    fresh = Client()
    for _ in range(8):
        assert _attempt(fresh, "handler").status_code == 200


@override_settings(GONGKAI_TRUSTED_PROXIES=[__import__("ipaddress").ip_network("10.0.0.0/8")])
def test_client_address_comes_from_a_trusted_proxy_only():
    from gongkai.security.client_ip import client_address

    factory = RequestFactory()
    via_proxy = factory.get("/", REMOTE_ADDR="10.0.0.2", HTTP_X_FORWARDED_FOR="1.2.3.4, 203.0.113.9, 10.0.0.3")
    assert client_address(via_proxy) == "203.0.113.9"  # nearest untrusted hop, not the client-chosen first
    direct = factory.get("/", REMOTE_ADDR="198.51.100.1", HTTP_X_FORWARDED_FOR="203.0.113.9")
    assert client_address(direct) == "198.51.100.1"
    garbage = factory.get("/", REMOTE_ADDR="10.0.0.2", HTTP_X_FORWARDED_FOR="not-an-address")
    assert client_address(garbage) == "10.0.0.2"


def test_without_trusted_proxies_forwarded_for_is_ignored(settings):
    from gongkai.security.client_ip import client_address

    settings.GONGKAI_TRUSTED_PROXIES = []
    request = RequestFactory().get("/", REMOTE_ADDR="127.0.0.1", HTTP_X_FORWARDED_FOR="203.0.113.9")
    assert client_address(request) == "127.0.0.1"


@pytest.mark.django_db
def test_behind_a_proxy_each_citizen_is_counted_separately(handler, settings):
    import ipaddress

    settings.GONGKAI_TRUSTED_PROXIES = [ipaddress.ip_network("127.0.0.1/32")]
    client = Client()
    for _ in range(10):
        _attempt(client, "handler", address="127.0.0.1", HTTP_X_FORWARDED_FOR="203.0.113.50")
    assert _attempt(client, "handler", address="127.0.0.1", HTTP_X_FORWARDED_FOR="203.0.113.50").status_code == 429
    ok = _attempt(Client(), "handler", password=PASSWORD, address="127.0.0.1", HTTP_X_FORWARDED_FOR="203.0.113.51")
    assert ok.status_code == 302


@pytest.mark.django_db
def test_counters_live_in_the_shared_store_not_in_the_process(handler):
    """Every worker reads the same counters: the database (axes) and the throttle cache table."""
    from axes.models import AccessAttempt
    from django.core.cache import caches

    for _ in range(3):
        _attempt(Client(), "handler")
    assert AccessAttempt.objects.get(username="handler").failures_since_start == 3
    assert caches["throttle"].__class__.__name__ in {"DatabaseCache", "RedisCache"}
