"""The public status lookup is throttled per application number (one person cannot lock out
others behind the same proxy), with a generous per-address cap; counters in the shared cache."""

from __future__ import annotations

from datetime import date

import pytest
from django.test import Client

from tests.applications.factories import person

STATUS = "/apply/status/"


@pytest.fixture
def two_applications(township, handler):
    from gongkai.applications import actions

    first, first_code = actions.register_application(
        agency=township,
        actor=handler,
        data=person(),
        channel="in_person",
        submitted_on=date(2026, 1, 5),
        today=date(2026, 1, 5),
    )
    second, second_code = actions.register_application(
        agency=township,
        actor=handler,
        data=person(),
        channel="in_person",
        submitted_on=date(2026, 1, 6),
        today=date(2026, 1, 6),
    )
    return (first, first_code), (second, second_code)


def _lookup(client, number, code, address="127.0.0.1"):
    return client.post(STATUS, {"number": number, "code": code}, REMOTE_ADDR=address)


def test_ten_wrong_codes_lock_that_number_only(two_applications):
    (first, first_code), (second, second_code) = two_applications
    attacker = Client()
    for _ in range(10):
        assert _lookup(attacker, first.number, "WRONGCODE").status_code == 404
    blocked = _lookup(attacker, first.number, first_code)
    assert blocked.status_code == 429
    assert "查询过于频繁" in blocked.content.decode() and int(blocked["Retry-After"]) > 0
    # another citizen behind the same proxy address looks up their own application
    neighbour = _lookup(Client(), second.number, second_code)
    assert neighbour.status_code == 200 and second.number in neighbour.content.decode()


def test_per_address_cap_stops_sweeping_numbers(two_applications, monkeypatch):
    from gongkai.applications.views import public
    from gongkai.security.throttle import Limit

    monkeypatch.setattr(public, "ADDRESS_LIMIT", Limit("status-address-test", 3, 900))
    (first, first_code), _ = two_applications
    client = Client()
    for n in range(3):
        _lookup(client, f"test-town-2026-{9000 + n}", "WRONGCODE", address="203.0.113.20")
    assert _lookup(client, first.number, first_code, address="203.0.113.20").status_code == 429
    assert _lookup(client, first.number, first_code, address="203.0.113.21").status_code == 200
