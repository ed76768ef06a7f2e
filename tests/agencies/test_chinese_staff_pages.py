"""Chinese everywhere on staff pages (issue 12): no internal codes, no ASCII colons or periods in
Chinese text. The whole demo is loaded and the main staff pages are rendered as each demo user."""

from __future__ import annotations

import re

import pytest
from selectolax.lexbor import LexborHTMLParser

CJK = r"[\u4e00-\u9fff\u3000-\u303f\uff00-\uffef]"
ASCII_PUNCT_NEXT_TO_CJK = re.compile(rf"{CJK}[:;]|[:;]{CJK}|{CJK}\.(?![A-Za-z0-9])|{CJK},|,{CJK}")
# dotted or snake_case identifiers: applications.registered, column.blank, review_litigation
CODE = re.compile(r"(?<![\w@/.-])[a-z]+(?:[._][a-z0-9]+)+(?![\w@/-])")
ALLOWED_CODES = {"example.gov.cn"}  # demo e-mail domain


def visible_text(html: str) -> str:
    tree = LexborHTMLParser(html)
    for node in tree.css("script, style, head, noscript, textarea, code, input, select"):
        node.decompose()
    main = tree.css_first("main") or tree.body
    return main.text(separator="\n") if main else ""


def problems(text: str) -> list[str]:
    found = []
    for line in text.splitlines():
        line = line.strip()
        if not line:
            continue
        for m in ASCII_PUNCT_NEXT_TO_CJK.finditer(line):
            found.append(f"ASCII punctuation in Chinese text: {line[max(0, m.start() - 15) : m.end() + 15]!r}")
        for m in CODE.finditer(line):
            if m.group(0) not in ALLOWED_CODES and not re.search(r"[\w.]+@" + re.escape(m.group(0)), line):
                found.append(f"internal code shown: {m.group(0)!r} in {line[:80]!r}")
    return found


def test_the_checker_catches_the_reported_examples():
    assert problems("jingban applications.registered")
    assert problems("catalog.version.rejected")
    assert problems("[missing.table.review_litigation] review_litigation：缺少表格")
    assert problems("空白栏目 column.blank")
    assert problems("状态:已发布") and problems("已保存.")
    assert not problems("2024年3月4日 10:30 王经办 审核通过（同意公开。）")
    assert not problems("附件：通知.pdf；联系邮箱 jingban@example.gov.cn")


@pytest.fixture
def demo(db, settings):
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
    from gongkai.cli.demo import load_demo

    load_demo(None)


def _staff_urls(username):
    from django.urls import reverse

    from gongkai.agencies.demo import township
    from gongkai.applications.models import Application
    from gongkai.catalog.models import Item
    from gongkai.oversight.models import Rectification
    from gongkai.reports.models import AnnualReport

    agency = township()
    urls = [
        "/staff/",
        reverse("agencies:detail", args=[agency.pk]),
        "/staff/applications/?state=all",
        reverse("applications:deadlines"),
        reverse("catalog:staff_agency", args=[agency.pk]),
        reverse("catalog:staff_items", args=[agency.pk]),
        reverse("oversight:home"),
        reverse("oversight:rectifications"),
        "/staff/reports/",
    ]
    urls += [reverse("applications:detail", args=[a.pk]) for a in Application.objects.filter(agency=agency)[:6]]
    urls += [reverse("catalog:staff_item", args=[i.pk]) for i in Item.objects.filter(agency=agency).order_by("-id")[:6]]
    urls += [reverse("oversight:rectification", args=[r.pk]) for r in Rectification.objects.all()[:2]]
    urls += [reverse("reports:staff_detail", args=[r.pk]) for r in AnnualReport.objects.filter(agency=agency)[:2]]
    if username in ("jingban", "guanli"):
        urls += [
            reverse("catalog:staff_item_create", args=[agency.pk]),
            reverse("catalog:staff_columns", args=[agency.pk]),
            reverse("applications:register"),
            reverse("applications:ledger", args=[agency.pk]),
        ]
    if username == "guanli":
        urls += [
            reverse("catalog:staff_settings", args=[agency.pk]),
            "/staff/calendar/",
            reverse("catalog:staff_import", args=[agency.pk]),
            reverse("applications:templates", args=[agency.pk]),
        ]
    if username == "gongkaiban":
        urls += [
            reverse("oversight:agency", args=[agency.pk]),
            reverse("oversight:bulletin"),
            "/staff/calendar/",
            "/staff/reports/check/",
        ]
    return urls


@pytest.mark.parametrize("username", ["jingban", "shenhe", "guanli", "gongkaiban"])
def test_staff_pages_show_no_codes_and_chinese_punctuation(demo, client, username):
    from gongkai.agencies.demo import demo_user

    client.force_login(demo_user(username))
    report = []
    for url in _staff_urls(username):
        response = client.get(url)
        assert response.status_code in (200, 404), (url, response.status_code)
        if response.status_code != 200:
            continue
        report += [f"{url}: {p}" for p in problems(visible_text(response.content.decode()))]
    assert report == [], "\n".join(report[:40])
