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


WORD_HTML = (
    '<html xmlns:o="urn:schemas-microsoft-com:office:office" xmlns:w="urn:schemas-microsoft-com:office:word">'
    '<body><h2 style="mso-outline-level:2">一、工作目标</h2>'
    '<p class="MsoNormal" style="font-family:仿宋_GB2312"><b>重点</b>做好冬季消防安全检查。</p>'
    '<ul style="margin-top:0cm"><li class="MsoListParagraph">村居自查</li><li>镇级抽查</li></ul>'
    '<table class="MsoTableGrid" border="1"><tr><td style="width:100pt">村名</td><td>检查日期</td></tr>'
    "<tr><td>东村</td><td>12月1日</td></tr></table></body></html>"
)


def test_paste_from_word_keeps_structure_and_drops_styles(page, live_server, township, handler, news):
    login(page, live_server, handler)
    page.goto(f"{live_server.url}/staff/catalog/agency/{township.pk}/new/")
    page.wait_for_selector(".jodit-wysiwyg")
    page.select_option("#id_column", label="镇街动态")
    page.fill("#id_title", "冬季消防安全检查方案")
    page.fill("#id_summary", "检查方案")
    page.fill("#id_written_on", timezone.localdate().isoformat())
    page.locator(".jodit-wysiwyg").click()
    page.evaluate(
        """(html) => {
        const data = new DataTransfer();
        data.setData('text/html', html);
        data.setData('text/plain', '一、工作目标');
        const target = document.querySelector('.jodit-wysiwyg');
        target.dispatchEvent(new ClipboardEvent('paste', {clipboardData: data, bubbles: true, cancelable: true}));
    }""",
        WORD_HTML,
    )
    page.wait_for_function("document.querySelector('.jodit-wysiwyg table') !== null")
    page.click("form.form button[type=submit]")
    assert "草稿已保存" in page.inner_text(".messages")
    from gongkai.catalog.models import ItemVersion

    body = ItemVersion.objects.get(title="冬季消防安全检查方案").body_html
    assert "<h2>" in body and "一、工作目标" in body
    assert "<b>重点</b>" in body or "<strong>重点</strong>" in body
    assert "<li>村居自查</li>" in body and "<table>" in body and "东村" in body
    for leftover in ("style=", "class=", "mso-", "Mso"):
        assert leftover not in body


def test_without_javascript_the_body_is_a_textarea_that_keeps_line_breaks(
    browser, live_server, township, handler, news
):
    context = browser.new_context(locale="zh-CN", java_script_enabled=False)
    page = context.new_page()
    try:
        login(page, live_server, handler)
        page.goto(f"{live_server.url}/staff/catalog/agency/{township.pk}/new/")
        assert page.locator("textarea#id_body_html").is_visible() and page.locator(".jodit-wysiwyg").count() == 0
        page.select_option("#id_column", label="镇街动态")
        page.fill("#id_title", "停水通知")
        page.fill("#id_summary", "停水安排")
        page.fill("#id_written_on", timezone.localdate().isoformat())
        page.fill("#id_body_html", "各位居民：\n因管网检修，12月2日停水。\n\n特此通知。")
        page.click("form.form button[type=submit]")
        from gongkai.catalog.models import ItemVersion

        body = ItemVersion.objects.get(title="停水通知").body_html
        assert body == "<p>各位居民：<br>因管网检修，12月2日停水。</p><p>特此通知。</p>"
    finally:
        context.close()


def test_bulk_submit_from_the_item_list(page, live_server, township, handler, news):
    from gongkai.catalog import actions

    for title in ("甲村通知", "乙村通知"):
        actions.create_item(
            agency=township,
            column=news,
            actor=handler,
            fields={"title": title, "summary": "概述", "publisher": township.name, "written_on": timezone.localdate()},
        )
    login(page, live_server, handler)
    page.goto(f"{live_server.url}/staff/catalog/agency/{township.pk}/items/?status=draft")
    assert "共2条" in page.inner_text("main") or "第1页" in page.inner_text("main")
    page.get_by_label("选择“甲村通知”").check()
    page.get_by_label("选择“乙村通知”").check()
    page.click("#bulk-submit")
    assert "提交审核2条" in page.inner_text(".messages")
    assert serious_violations(page) == []
