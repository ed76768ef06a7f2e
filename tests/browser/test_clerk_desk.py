"""The clerk's day in Chromium: the desk lists what is due, the clerk works it (an overdue
application, a draft submitted from the rich-text editor, a review), and the main staff pages have
no serious or critical axe-core violations."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.utils import timezone

from tests.applications.factories import registered
from tests.browser.axe import serious_violations
from tests.browser.conftest import login

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.fixture(autouse=True)
def fast_password_hasher(settings):
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


@pytest.fixture
def news(township, agency_admin):
    from gongkai.catalog.actions.setup import add_column
    from gongkai.catalog.models import Column
    from gongkai.catalog.structure import ensure_catalog

    ensure_catalog(township)
    group = Column.objects.get(agency=township, code="statutory")
    return add_column(agency=township, actor=agency_admin, name="镇街动态", parent=group, position=60)


def test_clerk_works_the_dashboard(page, live_server, township, handler, reviewer, news):
    late = registered(township, handler, timezone.localdate() - timedelta(days=40))
    login(page, live_server, handler)
    page.goto(f"{live_server.url}/staff/")
    assert "经办人待办" in page.inner_text("#desk-role-handler")
    overdue = page.locator("#desk-applications-overdue")
    assert "已超过答复期限的申请（1）" in overdue.inner_text() and "已逾期" in overdue.inner_text()
    assert serious_violations(page) == []
    overdue.get_by_role("link", name=late.number, exact=False).click()
    assert late.number in page.inner_text("h1")
    assert serious_violations(page) == []  # application detail

    # write a draft in the rich-text editor (no HTML typed), then submit it from the desk
    page.goto(f"{live_server.url}/staff/catalog/agency/{township.pk}/new/")
    page.wait_for_selector(".jodit-wysiwyg")
    assert serious_violations(page) == []  # item editor with the editor loaded
    page.select_option("#id_column", label="镇街动态")
    page.fill("#id_title", "关于开展冬季消防安全检查的通知")
    page.fill("#id_summary", "冬季消防安全检查安排")
    page.fill("#id_written_on", timezone.localdate().isoformat())
    page.locator(".jodit-wysiwyg").fill("各村：现将冬季消防安全检查安排通知如下。")
    page.click("form.form button[type=submit]")
    assert "草稿已保存" in page.inner_text(".messages")
    from gongkai.catalog.models import ItemVersion

    body = ItemVersion.objects.get(title="关于开展冬季消防安全检查的通知").body_html
    assert body.startswith("<p>") and "冬季消防安全检查安排通知如下" in body
    page.goto(f"{live_server.url}/staff/")
    page.locator("#desk-catalog-my_drafts").get_by_role("link", name="关于开展冬季消防安全检查的通知").click()
    page.click("#submit-review")
    assert "已提交审核" in page.inner_text(".messages")

    # the reviewer finds it on their desk and approves it
    page.context.clear_cookies()
    login(page, live_server, reviewer)
    page.goto(f"{live_server.url}/staff/")
    to_review = page.locator("#desk-catalog-to_review")
    assert "待审核的信息（1）" in to_review.inner_text()
    to_review.get_by_role("link", name="关于开展冬季消防安全检查的通知").click()
    page.click("#approve")
    assert "审核通过" in page.inner_text(".messages")
    page.goto(f"{live_server.url}/staff/")
    assert "待审核的信息（0）" in page.locator("#desk-catalog-to_review").inner_text()


def test_main_staff_lists_have_no_serious_axe_violations(page, live_server, township, handler, news):
    registered(township, handler, timezone.localdate() - timedelta(days=2))
    login(page, live_server, handler)
    for path in ["/staff/applications/?state=all", f"/staff/catalog/agency/{township.pk}/items/", "/staff/reports/"]:
        page.goto(f"{live_server.url}{path}")
        assert serious_violations(page) == [], path
