"""The clerk's desk: per-role dashboards from the app desk modules, and the daily digest e-mail."""

from __future__ import annotations

from datetime import date, timedelta

import pytest
from django.core import mail
from django.utils import timezone

from gongkai.agencies import desk_registry
from gongkai.agencies.desk import desk_by_role, digest_lines
from tests.applications.factories import registered
from tests.catalog.conftest import catalog, make_item, news  # noqa: F401  (fixtures)


@pytest.fixture(autouse=True)
def fast_password_hasher(settings):
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


def section(desks, code):
    for desk in desks:
        for sec in desk.sections:
            if sec.code == code:
                return sec
    return None


def test_every_app_contributes_sections_through_its_desk_module():
    codes = {s.code for s in desk_registry.registered_sections()}
    assert {
        "applications.overdue",
        "applications.due_soon",
        "applications.correction_lapsed",
        "applications.fee_lapsed",
        "applications.to_confirm",
        "applications.letters_to_sign",
        "catalog.to_review",
        "catalog.returned",
        "oversight.rectifications_due",
        "oversight.to_verify",
        "reports.due",
    } <= codes


def test_a_broken_desk_module_fails_loudly(monkeypatch):
    """A desk module that exists but does not import is an error, not a silently empty desk."""
    import sys

    from django.utils import module_loading

    real = module_loading.module_has_submodule

    def has(package, name):
        return True if (package.__name__, name) == ("gongkai.holidays", "desk") else real(package, name)

    monkeypatch.setattr(desk_registry, "_discovered", False)
    monkeypatch.setitem(sys.modules, "gongkai.holidays.desk", None)  # importing it raises ImportError
    monkeypatch.setattr(module_loading, "module_has_submodule", has)
    with pytest.raises(ImportError, match="gongkai.holidays.desk"):
        desk_registry.discover()


def test_overdue_and_due_soon_applications_on_the_handlers_desk(township, handler, reviewer):
    today = timezone.localdate()
    late = registered(township, handler, today - timedelta(days=40))
    desks = desk_by_role(handler, today)
    assert [d.heading for d in desks] == ["经办人待办"]
    overdue = section(desks, "applications.overdue")
    assert [e.title.split()[0] for e in overdue.entries] == [late.number]
    assert overdue.entries[0].overdue and overdue.entries[0].url.endswith(f"/staff/applications/{late.pk}/")
    # the reviewer's desk has no application deadlines but letters to sign (hook, empty) and reviews
    reviewer_desk = desk_by_role(reviewer, today)
    assert [d.heading for d in reviewer_desk] == ["审核人待办"]
    assert section(reviewer_desk, "applications.overdue") is None
    assert section(reviewer_desk, "applications.letters_to_sign").entries == []


def test_drafts_to_review_and_returned(township, handler, reviewer, make_item):
    from gongkai.catalog import actions

    now = timezone.now()
    item = make_item(title="待审核的通知")
    actions.submit_version(version=item.versions.get(), actor=handler, now=now)
    today = timezone.localdate()
    assert [e.title for e in section(desk_by_role(reviewer, today), "catalog.to_review").entries] == ["待审核的通知"]
    # the author does not review their own draft
    assert section(desk_by_role(handler, today), "catalog.to_review") is None
    actions.reject_version(version=item.versions.get(number=1), actor=reviewer, opinion="请删除手机号码", now=now)
    returned = section(desk_by_role(handler, today), "catalog.returned")
    assert [e.title for e in returned.entries] == ["待审核的通知"]
    assert section(desk_by_role(reviewer, today), "catalog.to_review").entries == []


def test_supervisor_sees_annual_report_dates_with_the_county_date(township, supervisor):
    today = date(2026, 1, 5)
    entries = section(desk_by_role(supervisor, today), "reports.due").entries
    assert any(e.agency == township.name and e.due_on == date(2026, 1, 31) for e in entries)
    assert any(e.due_on == date(2026, 3, 31) for e in entries)  # the county government's report (Art. 49)


def test_dashboard_page_shows_the_desk(client_of, township, handler):
    today = timezone.localdate()
    registered(township, handler, today - timedelta(days=40))
    html = client_of(handler).get("/staff/").content.decode()
    assert "经办人待办" in html and "已超过答复期限的申请（1）" in html and "（已逾期）" in html


def test_daily_digest_is_sent_once_and_recorded(township, handler, settings):
    from gongkai.agencies.digest import send_staff_digests
    from gongkai.audit.models import AuditEntry

    settings.EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
    handler.email = "handler@example.gov.cn"
    handler.save()
    today = timezone.localdate()
    application = registered(township, handler, today - timedelta(days=40))
    assert any(application.number in line for line in digest_lines(handler, today))
    assert send_staff_digests(today) == 1
    assert send_staff_digests(today) == 0  # idempotent per day
    [message] = mail.outbox
    assert message.to == ["handler@example.gov.cn"] and "待办提醒" in message.subject
    assert application.number in message.body and "已超过答复期限的申请" in message.body
    entry = AuditEntry.objects.get(kind="desk.digest_sent")
    assert entry.subject_id == str(handler.pk) and entry.after["on"] == today.isoformat()


def test_digest_job_is_registered():
    from gongkai.jobs import registered_jobs

    assert "agencies.staff_digest" in [name for name, _ in registered_jobs()]


def test_the_applications_deadline_list_is_read_once_per_desk(monkeypatch, township, handler):
    from gongkai.applications import desk as applications_desk

    calls = []
    real = applications_desk.desk_items
    monkeypatch.setattr(applications_desk, "desk_items", lambda **kw: calls.append(1) or real(**kw))
    desk_by_role(handler, timezone.localdate())
    assert len(calls) == 1
