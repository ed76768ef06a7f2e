"""A handler builds the 2024 report — refused until the section 二 inputs are confirmed —, fixes
a failing check, submits; the reviewer approves; the public sees it in the 年报 column with its
downloads."""

import re

import pytest

from gongkai.reports.narrative import ART_50_4_PROMPT
from tests.browser.conftest import login

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_report_from_build_to_public_page(page, live_server, township, handler, reviewer):
    login(page, live_server, handler)
    page.goto(f"{live_server.url}/staff/reports/")
    page.select_option("#id_agency", str(township.pk))
    page.fill("#id_year", "2024")
    page.click("text=根据系统数据生成")
    assert "统计数据尚未填写或确认" in page.content()  # never built with an empty cell as 0

    page.click("#fill-statistics")
    page.check("#id_confirm_zero")
    page.click("form:has(#id_confirm_zero) >> text=保存")
    assert "本年度统计数据已全部填写" in page.content()
    page.goto(f"{live_server.url}/staff/reports/")
    page.select_option("#id_agency", str(township.pk))
    page.fill("#id_year", "2024")
    page.click("text=根据系统数据生成")
    assert "已根据系统数据生成报告草稿" in page.content()

    # The draft's section 五 still has placeholders: submitting is refused with the reason.
    page.click("#submit-report")
    assert "不能提交审核" in page.content()
    assert "五、存在的主要问题及改进情况" in page.locator("#findings").inner_text()
    _answer_prompts_and_submit(page)
    _approve(page, live_server, reviewer)
    page.context.clear_cookies()
    page.goto(f"{live_server.url}/agency/{township.slug}/annual-reports/2024/")
    assert "三、收到和处理政府信息公开申请情况" in page.content()
    with page.expect_download() as download:
        page.click("text=PDF")
    assert download.value.suggested_filename.endswith(".pdf")
    # The report is an item of the agency's 政府信息公开年报 column on the portal.
    page.goto(f"{live_server.url}/agency/{township.slug}/")
    page.click("text=政府信息公开年报")
    assert "2024年政府信息公开工作年度报告" in page.content()

    # Issue 12: a correction of the published report (第2版) goes through the same review and is
    # published on a later day, the public page naming the version and its 更正说明.
    page.context.clear_cookies()
    login(page, live_server, handler)
    page.goto(f"{live_server.url}/staff/reports/")
    page.select_option("#id_agency", str(township.pk))
    page.fill("#id_year", "2024")
    page.fill("#id_change_note", "更正第三部分表格中的一处笔误")
    page.click("text=根据系统数据生成")
    assert "已根据系统数据生成报告草稿" in page.content()
    _answer_prompts_and_submit(page)
    _approve(page, live_server, reviewer)
    page.context.clear_cookies()
    page.goto(f"{live_server.url}/agency/{township.slug}/annual-reports/2024/")
    assert "第2版（更正说明：更正第三部分表格中的一处笔误）" in page.content()


def _answer_prompts_and_submit(page):
    if page.locator("#id_problems").input_value().count("请填写"):
        page.fill("#id_problems", "存在的问题：政策解读形式单一。\n\n改进情况：丰富解读形式，提高解读质量。")
    other = page.input_value("#id_other").replace("（请填写。）", "严格落实上级政务公开工作要点。")
    page.fill("#id_other", other)
    overview = re.sub(
        r"（请填写[^（）]*）",
        "已按要求开展。",
        page.input_value("#id_overview").replace(
            ART_50_4_PROMPT, "工作考核、社会评议和责任追究结果情况：纳入年度考核，未开展社会评议，未发生责任追究。"
        ),
    )
    page.fill("#id_overview", overview)
    problems = re.sub(r"（请填写[^（）]*）", "已按要求开展。", page.input_value("#id_problems"))
    page.fill("#id_problems", problems)
    page.click("#save-sections")
    assert "文字部分已保存" in page.content()
    page.click("#submit-report")
    assert page.locator("#report-state").inner_text() == "待审核"


def _approve(page, live_server, reviewer):
    report_url = page.url
    page.context.clear_cookies()
    login(page, live_server, reviewer)
    page.goto(report_url)
    page.fill("#id_opinion", "经保密审查，同意公开")
    page.click("#approve-report")
    assert page.locator("#report-state").inner_text() == "已公开"
