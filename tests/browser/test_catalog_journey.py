"""The whole proactive-disclosure path in Chromium: draft with an ID number → reviewer sees the
hit and rejects → handler fixes → reviewer approves → public page with 索引号 → search finds it."""

import pytest

from gongkai.core.identifiers import resident_id_check_character
from tests.browser.conftest import login

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

ID = "11010519491231002" + resident_id_check_character("11010519491231002")


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


def logout(page, live_server):
    page.context.clear_cookies()


def test_draft_review_reject_fix_approve_publish_search(page, live_server, handler, reviewer, township, news):
    login(page, live_server, handler)
    page.goto(f"{live_server.url}/staff/catalog/agency/{township.pk}/new/")
    page.select_option("#id_column", label="镇街动态")
    page.fill("#id_title", "车辋镇发放第二季度临时救助金")
    page.fill("#id_summary", "第二季度临时救助金发放情况")
    page.fill("#id_written_on", "2024-05-28")
    page.locator(".jodit-wysiwyg").fill(f"经审核，向困难群众王某（身份证号{ID}）发放临时救助金。")  # the editor
    page.click("text=保存草稿")
    page.click("#submit-review")
    assert page.inner_text("#version-state") == "待审核"
    logout(page, live_server)

    login(page, live_server, reviewer)
    page.goto(f"{live_server.url}/staff/catalog/agency/{township.pk}/")
    page.click("#pending >> text=车辋镇发放第二季度临时救助金")
    hit = page.locator("#hits tr.hit")
    assert "身份证号码" in hit.inner_text() and ID in hit.inner_text()
    page.fill("#reject-opinion", "正文含有身份证号码，请删除后重新提交")
    page.click("#reject")
    assert "已退回修改" in page.content()
    logout(page, live_server)

    login(page, live_server, handler)
    page.goto(f"{live_server.url}/staff/catalog/agency/{township.pk}/")
    page.click("text=车辋镇发放第二季度临时救助金")
    assert "正文含有身份证号码" in page.inner_text("#reviews")
    page.click("text=修改草稿")
    page.locator(".jodit-wysiwyg").fill("经审核，向困难群众王某发放临时救助金，切实保障基本生活。")
    page.click("text=保存草稿")
    page.click("#submit-review")
    logout(page, live_server)

    login(page, live_server, reviewer)
    page.goto(f"{live_server.url}/staff/catalog/agency/{township.pk}/")
    page.click("#pending >> text=车辋镇发放第二季度临时救助金")
    assert page.locator("#no-hits").is_visible()
    page.click("#approve")
    index_number = page.inner_text("#index-number")
    assert index_number.startswith(f"{township.credit_code}/")
    assert "同意公开" in page.inner_text("#reviews") and "退回修改" in page.inner_text("#reviews")
    logout(page, live_server)

    page.goto(f"{live_server.url}/agency/{township.slug}/")
    page.click("text=车辋镇发放第二季度临时救助金")
    table = page.inner_text("table.meta-table")
    assert index_number in table and "有效" in table
    assert ID not in page.content()
    qr = page.locator(".qr img.qr-code")
    qr.scroll_into_view_if_needed()
    page.wait_for_function("() => document.querySelector('.qr img').naturalWidth > 0")  # the SVG loaded

    page.goto(f"{live_server.url}/search/")
    page.fill("input[name=q]", "保障")  # a two-character word from the body
    page.click("button:has-text('搜索')")
    assert page.locator("ol.results li").count() == 1
    assert page.locator("ol.results mark").first.inner_text() == "保障"
    page.click("ol.results a")
    assert index_number in page.inner_text("table.meta-table")


def test_portal_on_a_phone(phone_page, live_server, township, news):
    phone_page.goto(f"{live_server.url}/agency/{township.slug}/")
    width = phone_page.evaluate("document.documentElement.scrollWidth")
    assert width <= 400
    assert phone_page.locator(".qr img.qr-code").is_visible()


def test_wide_table_in_an_item_scrolls_inside_the_body_on_a_phone(
    phone_page, live_server, township, news, handler, reviewer
):
    from datetime import date

    from gongkai.catalog import actions

    header = "".join(f"<th>第{i}列</th>" for i in range(24))  # wider than a phone even when every cell wraps
    row = "".join(f"<td>{i * 1000}</td>" for i in range(24))
    item = actions.create_item(
        agency=township,
        column=news,
        actor=handler,
        fields={
            "title": "2024年各村低保资金发放统计表",
            "summary": "统计表",
            "publisher": township.name,
            "written_on": date(2024, 5, 28),
            "body_html": f"<table><tr>{header}</tr><tr>{row}</tr></table>",
        },
    )
    version = item.versions.get()
    now = django_now()
    actions.submit_version(version=version, actor=handler, now=now)
    actions.approve_version(version=version, actor=reviewer, opinion="同意", now=now)
    phone_page.goto(f"{live_server.url}/agency/{township.slug}/item/{item.pk}/")
    assert phone_page.evaluate("document.documentElement.scrollWidth") <= 390
    assert phone_page.evaluate("document.querySelector('.body').scrollWidth") > 390  # the table scrolls in place


def django_now():
    from django.utils import timezone

    return timezone.now()
