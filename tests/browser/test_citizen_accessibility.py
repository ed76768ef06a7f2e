"""axe-core on every public page (WCAG 2.1 AA; GB/T 37668-2019 follows WCAG 2.0): no serious or
critical violation, at desktop and phone widths, in the normal and the high-contrast mode."""

import re

import pytest

from gongkai.cli.demo import load_demo
from tests.applications.factories import VALID_ID
from tests.browser.axe_check import axe_violations

pytestmark = pytest.mark.browser


def _load_demo():
    load_demo(None)


def _fill_application(page):
    page.check("#id_applicant_type_0")
    page.fill("#id_name", "张三")
    page.select_option("#id_id_type", "resident_id")
    page.fill("#id_id_number", VALID_ID)
    page.fill("#id_phone", "13800000000")
    page.fill("#id_information", "本镇2024年道路建设资金使用情况")


def _public_paths():
    from gongkai.catalog.models import Column, Item
    from gongkai.reports.models import AnnualReport, ReportState

    item = Item.objects.filter(agency__slug="cheyang", public_version__isnull=False).order_by("-sort_key").first()
    column = Column.objects.filter(agency__slug="cheyang", items__public_version__isnull=False).first()
    report = AnnualReport.objects.filter(agency__slug="cheyang", state=ReportState.PUBLISHED).first()
    paths = {
        "平台首页": "/",
        "机构首页": "/agency/cheyang/",
        "栏目": f"/agency/cheyang/column/{column.pk}/",
        "信息": f"/agency/cheyang/item/{item.pk}/",
        "指南": "/agency/cheyang/guide/",
        "申请须知": "/agency/cheyang/apply-notice/",
        "申请表": "/apply/cheyang/",
        "进度查询": "/apply/status/",
        "搜索": "/search/?q=低保&agency=cheyang",
        "联系我们": "/agency/cheyang/contact/",
        "网站地图": "/agency/cheyang/sitemap/",
        "年报列表": "/agency/cheyang/annual-reports/",
    }
    if report is not None:
        paths["年报"] = f"/agency/cheyang/annual-reports/{report.year}/"
    return paths


def test_every_public_page_has_no_serious_axe_violation(browser, live_server, transactional_db):
    _load_demo()
    paths = _public_paths()
    assert "年报" in paths, "the demo publishes the 2024 report"
    failures = {}
    for width in (1366, 390):
        context = browser.new_context(locale="zh-CN", viewport={"width": width, "height": 900}, is_mobile=width < 500)
        page = context.new_page()
        for label, path in paths.items():
            page.goto(live_server.url + path)
            found = axe_violations(page, f"{label} {path} @{width}px")
            if found:
                failures[f"{label}@{width}"] = found
        # the refused form, the receipt and the status page of a real submission
        page.goto(f"{live_server.url}/apply/cheyang/")
        page.click("#submit-application")
        assert page.locator("[aria-invalid=true]").count() >= 2
        if found := axe_violations(page, f"申请表（错误） @{width}px"):
            failures[f"申请表错误@{width}"] = found
        _fill_application(page)
        page.click("#submit-application")
        page.wait_for_selector("#application-number")
        if found := axe_violations(page, f"回执 @{width}px"):
            failures[f"回执@{width}"] = found
        page.click("text=查看办理进度")
        page.wait_for_selector("#application-state")
        if found := axe_violations(page, f"办理进度 @{width}px"):
            failures[f"办理进度@{width}"] = found
        context.close()
    # high contrast and 适老化 modes keep contrast and layout accessible
    context = browser.new_context(locale="zh-CN", viewport={"width": 1366, "height": 900})
    page = context.new_page()
    page.goto(live_server.url + paths["机构首页"])
    page.click("[data-tool=contrast]")
    page.click("[data-tool=elder]")
    for label in ("机构首页", "信息", "申请表", "年报"):
        page.goto(live_server.url + paths[label])
        assert re.search(r"high-contrast", page.evaluate("document.documentElement.className"))
        if found := axe_violations(page, f"{label}（高对比度+适老化）"):
            failures[f"{label}@高对比度"] = found
    context.close()
    assert not failures, failures
