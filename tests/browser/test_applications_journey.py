"""A citizen applies online; staff handle it through correction, extension and a 部分公开 decision."""

from datetime import timedelta

import pytest
from django.utils import timezone

from tests.applications.factories import VALID_ID
from tests.browser.conftest import login


def _act(page, name, fields):
    section = page.locator(f"#action-{name}")
    section.locator("summary").click()
    for field, value in fields.items():
        control = section.locator(f"[name={field}]")
        if control.evaluate("e => e.tagName") == "SELECT":
            control.select_option(value)
        else:
            control.fill(value)
    section.locator("button[type=submit]").click()
    page.wait_for_selector(".messages")


@pytest.mark.browser
def test_online_application_to_partial_disclosure(page, live_server, township, handler, reviewer, agency_admin):
    page.goto(f"{live_server.url}/apply/{township.slug}/")
    page.check("#id_applicant_type_0")  # 自然人 (a radio group since issue 12)
    page.fill("#id_name", "张三")
    page.select_option("#id_id_type", "resident_id")
    page.fill("#id_id_number", VALID_ID)
    page.fill("#id_phone", "13800000000")
    page.fill("#id_email", "zhangsan@example.com")
    page.fill("#id_information", "本镇2025年道路建设资金使用情况")
    page.click("button[type=submit]")
    number = page.inner_text("#application-number").strip()
    code = page.inner_text("#query-code").strip()
    assert len(code) == 10

    page.context.clear_cookies()
    login(page, live_server, handler)
    page.goto(f"{live_server.url}/staff/applications/")
    page.click(f"text={number}")
    detail = page.url
    _act(page, "confirm", {})
    later = (timezone.localdate() + timedelta(days=10)).isoformat()
    _act(page, "correction", {"content": "请写明所需信息的年份和路段", "correct_by": later, "service_method": "email"})
    assert "待补正" in page.inner_text("#state")
    _act(page, "corrected", {"note": "已补正"})
    assert "重新起算" in page.inner_text("#clock")
    assert page.locator("#action-extend").count() == 0  # a handler may not extend

    page.context.clear_cookies()
    login(page, live_server, agency_admin)
    page.goto(detail)
    _act(page, "extend", {"working_days": "20", "reason": "需要调取多个部门的档案", "service_method": "email"})
    assert "共40个工作日" in page.inner_text("#day-of")

    page.context.clear_cookies()
    login(page, live_server, handler)
    page.goto(detail)
    _act(
        page,
        "decide",
        {
            "outcome": "partially_granted",
            "withheld_part": "涉及个人的身份证号码",
            "withheld_ground": "withheld.third_party_rights",
            "reason": "属于个人隐私",
            "provision_way": "网上查看",
            "provision_place": "申请查询页面",
            "provision_time": "即日起",
        },
    )
    page.context.clear_cookies()
    login(page, live_server, reviewer)
    page.goto(detail)
    page.click("#sign-form button[type=submit]")
    page.wait_for_selector(".messages")
    assert "部分公开" in page.inner_text("#outcome")
    letters = page.inner_text("#letters")
    assert "答复告知书" in letters and "补正告知书" in letters and "延期答复告知书" in letters

    page.context.clear_cookies()
    page.goto(f"{live_server.url}/apply/status/")
    page.fill("#id_number", number)
    page.fill("#id_code", code)
    page.click("button[type=submit]")
    assert "已办结" in page.inner_text("#application-state")
    assert "部分公开" in page.inner_text("#application-outcome")
    assert "张三" not in page.content()
    with page.expect_download() as download:
        page.click("text=PDF >> nth=-1")
    assert download.value.suggested_filename.endswith(".pdf")
