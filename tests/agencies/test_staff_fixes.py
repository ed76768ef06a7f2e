"""Fixes on staff pages (issue 12): the extension is not offered once used (条例 Art. 33)."""

from __future__ import annotations

from datetime import date

from gongkai.applications import actions
from tests.applications.factories import registered


def test_extension_action_hidden_once_used(client_of, township, handler, agency_admin):
    today = date(2026, 11, 27)
    application = registered(township, handler, date(2026, 11, 2), today=today)
    url = f"/staff/applications/{application.pk}/"
    assert 'id="action-extend"' in client_of(agency_admin).get(url).content.decode()
    actions.extend_deadline(
        application=application,
        actor=agency_admin,
        on=date(2026, 11, 20),
        working_days=20,
        reason="需要调取档案",
        served_on=date(2026, 11, 20),
        service_method="post",
        today=date(2026, 11, 20),
    )
    page = client_of(agency_admin).get(url).content.decode()
    assert 'id="action-extend"' not in page and 'id="action-decide"' in page
