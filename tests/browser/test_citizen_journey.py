"""The citizen's way, walked with the keyboard only: agency home → 依申请公开 → 申请须知 → form
(a refused attempt first) → receipt → reload (no second application) → PDF 回执 → status."""

import pytest

from gongkai.applications.models import Application
from tests.applications.factories import VALID_ID

pytestmark = pytest.mark.browser


def tab_to(page, selector, limit=80):
    """Press Tab until `selector` has the focus (fails after `limit` presses)."""
    for _ in range(limit):
        page.keyboard.press("Tab")
        if page.evaluate("(s) => document.activeElement && document.activeElement.matches(s)", selector):
            return
    raise AssertionError(f"{selector} is not reachable with Tab")


def type_into(page, selector, text):
    tab_to(page, selector)
    page.keyboard.type(text)


def test_keyboard_only_application_and_status(page, live_server, township):
    page.goto(f"{live_server.url}/agency/{township.slug}/")
    tab_to(page, "a.skip-link")  # the first stop is the skip link
    tab_to(page, "a.apply-entry")
    page.keyboard.press("Enter")
    page.wait_for_url("**/apply-notice/")
    assert "第三十条" in page.inner_text("#correction") and "重新计算" in page.inner_text("#correction ~ p")
    assert "109号" in page.inner_text("#fees")
    tab_to(page, f"a.button[href$='/apply/{township.slug}/']")
    page.keyboard.press("Enter")
    page.wait_for_url(f"**/apply/{township.slug}/")

    # 自然人 by keyboard; the organisation's fields are hidden (CSS :has), the person's shown
    tab_to(page, "#id_applicant_type_0")
    page.keyboard.press("Space")
    assert page.is_checked("#id_applicant_type_0")
    assert page.is_hidden("#id_credit_code") and page.is_visible("#id_id_number")
    type_into(page, "#id_name", "张三")
    tab_to(page, "#id_id_type")
    page.keyboard.press("ArrowDown")
    assert page.input_value("#id_id_type") == "resident_id"
    type_into(page, "#id_id_number", VALID_ID)
    type_into(page, "#id_phone", "1380000000000000000000000000000000000000")  # 40 digits: refused
    type_into(page, "#id_information", "本镇2025年道路建设资金使用情况")
    tab_to(page, "#id_delivery_0")  # a radio group is one Tab stop; arrows choose
    page.keyboard.press("ArrowRight")  # 电子邮件, without an address: refused
    assert page.is_checked("#id_delivery_1")
    tab_to(page, "#submit-application")
    page.keyboard.press("Enter")
    page.wait_for_selector("#form-errors")
    assert page.get_attribute("#id_phone", "aria-invalid") == "true"
    assert page.get_attribute("#id_email", "aria-invalid") == "true"
    assert "位数过多" in page.inner_text("#id_phone_error")
    assert "电子邮箱" in page.inner_text("#id_email_error")
    assert Application.objects.count() == 0

    page.fill("#id_phone", "")
    type_into(page, "#id_phone", "13800000000")
    type_into(page, "#id_email", "zhangsan@example.com")
    tab_to(page, "#submit-application")
    page.keyboard.press("Enter")
    page.wait_for_selector("#application-number")
    number = page.inner_text("#application-number").strip()
    code = page.inner_text("#query-code").strip()
    assert len(code) == 10 and "（暂定）" in page.inner_text("#due-date")
    assert "第三十一条" in page.content()
    with page.expect_download() as download:
        tab_to(page, "form[action$='receipt.pdf'] button")
        page.keyboard.press("Enter")
    assert download.value.suggested_filename.endswith("回执.pdf")

    page.reload()  # reloading the receipt creates nothing and no longer shows the code
    assert Application.objects.count() == 1
    assert page.locator("#query-code").count() == 0 and page.inner_text("#application-number").strip() == number

    page.context.clear_cookies()
    page.goto(f"{live_server.url}/apply/status/")
    type_into(page, "#id_number", number)
    type_into(page, "#id_code", code)
    page.keyboard.press("Enter")
    page.wait_for_selector("#application-state")
    assert "待确认接收" in page.inner_text("#application-state")
    assert "（暂定）" in page.inner_text("#due-date")
    assert "工作人员将与您联系确认" in page.inner_text("#next-step")
    assert "张三" not in page.content()


def test_double_click_creates_one_application(page, live_server, township):
    page.goto(f"{live_server.url}/apply/{township.slug}/")
    page.check("#id_applicant_type_1")  # 商业企业: the person's fields are ignored, not refused
    assert page.is_hidden("#id_id_number") and page.is_visible("#id_credit_code")
    page.fill("#id_name", "某某有限公司")
    page.evaluate("document.querySelector('#id_id_number').value = 'not an id'")
    page.fill(
        "#id_credit_code",
        "91110000123456789"
        + __import__("gongkai.core.identifiers", fromlist=["x"]).uscc_check_character("91110000123456789"),
    )
    page.fill("#id_legal_representative", "李四")
    page.fill("#id_contact_person", "王五")
    page.fill("#id_phone", "010-12345678")
    page.fill("#id_information", "某项目环评批复")
    page.dblclick("#submit-application")
    page.wait_for_selector("#application-number")
    assert len(page.inner_text("#query-code").strip()) == 10
    page.reload()
    page.go_back()
    assert Application.objects.count() == 1
    assert Application.objects.get().id_number == ""


@pytest.mark.postgres_only
def test_two_simultaneous_posts_of_one_form_create_one_application(page, live_server, township):
    """Chromium sends one post for a double click; a slower browser or a flaky network may send
    two at once. Both answer with the same receipt, and the query code is shown.

    PostgreSQL only: the live server's SQLite test database is in memory with a shared cache,
    where a second writer gets "table is locked" at once instead of waiting (busy_timeout does
    not apply); the file database of a real SQLite deployment waits (BEGIN IMMEDIATE)."""
    page.goto(f"{live_server.url}/apply/{township.slug}/")
    page.check("#id_applicant_type_0")
    page.fill("#id_name", "张三")
    page.select_option("#id_id_type", "resident_id")
    page.fill("#id_id_number", VALID_ID)
    page.fill("#id_phone", "13800000000")
    page.fill("#id_information", "本镇2025年道路建设资金使用情况")
    bodies = page.evaluate("""async () => {
        const form = document.querySelector('form.apply-form');
        const send = () => fetch(location.href, {method: 'POST', body: new FormData(form)}).then(r => r.text());
        return await Promise.all([send(), send()]);
    }""")
    assert Application.objects.count() == 1
    number = Application.objects.get().number
    assert all(number in body for body in bodies)
    assert any('id="query-code"' in body for body in bodies)
