"""Journey: the 政务公开办 inspects the township, issues a 整改通知, the township's handler reports
what was done, and the office accepts it."""

import pytest
from django.utils import timezone

from gongkai.core.calendar import add_working_days
from gongkai.holidays.services import working_calendar
from tests.browser.conftest import login

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_inspect_issue_report_verify(page, live_server, township, supervisor, handler, correct):
    due = add_working_days(timezone.localdate(), 5, working_calendar().provisional())
    login(page, live_server, supervisor)
    page.click("nav.staff-nav >> text=监督检查")
    page.click(f"#supervised >> text={township.name}")
    page.click("#run-inspection")
    assert "已完成检查" in page.inner_text(".messages")
    assert "首页" in page.inner_text("#findings") or "空白" in page.inner_text("#findings")
    page.locator("#findings input[name=findings]").first.check()
    page.fill("#id_requirement", "请两周内恢复首页更新，并报送整改情况。")
    page.fill("#id_due_on", due.isoformat())
    page.click("#issue")
    assert "整改通知已下发" in page.inner_text(".messages")
    assert "待整改" in page.inner_text("#state")
    rectification_url = page.url

    page.context.clear_cookies()
    login(page, live_server, handler)
    page.goto(rectification_url)
    page.click("#submit-form button[type=submit]")  # empty: a Chinese field error, nothing saved
    assert "请填写整改情况" in page.inner_text("#submit-form")
    page.fill("#id_report", "已安排专人每周更新首页信息，补发工作动态2条。")
    page.click("#submit-form button[type=submit]")
    assert "待验收" in page.inner_text("#state")
    assert page.locator("#verify-form").count() == 0  # the handler cannot verify

    from gongkai.oversight.models import Rectification

    page.context.clear_cookies()
    login(page, live_server, supervisor)
    page.goto(rectification_url)
    page.select_option("#id_decision", "accept")
    page.click("#verify-form button[type=submit]")  # re-inspected: the problem is still there
    assert "不能验收通过" in page.inner_text("#verify-form")
    correct(Rectification.objects.get(), timezone.localdate())
    page.select_option("#id_decision", "accept")
    page.fill("#id_note", "经核查已整改到位。")
    page.click("#verify-form button[type=submit]")
    assert "验收通过" in page.inner_text("#state")
    assert "经核查已整改到位" in page.inner_text("#verification")
