"""Random valid annual reports and their published forms, for benchmarks and tests."""

from __future__ import annotations

import random
from decimal import Decimal

from gongkai.core.report.fill import set_application_counts, set_fee_amount, set_review_counts
from gongkai.core.report.format import (
    APPLICANT_COLUMN_IDS,
    OUTCOME_ROW_IDS,
    PROACTIVE_ROWS,
    REVIEW_GROUPS,
    REVIEW_RESULT_COLUMN_IDS,
)
from gongkai.core.report.model import Report, build_empty_report

AGENCIES = ("某某县教育局", "某某市人民政府", "某某区市场监督管理局", "某某镇人民政府", "某某县自然资源局")
NARRATIVE = "本机关认真贯彻落实《中华人民共和国政府信息公开条例》，扎实推进政务公开工作。"


def random_report(rng: random.Random, agency: str | None = None, year: int | None = None) -> Report:
    """A report satisfying every cross-check, with small random counts (mostly zeros)."""
    report = build_empty_report(agency or rng.choice(AGENCIES), year or rng.randint(2021, 2025))
    counts: dict[tuple[str, str], int] = {}
    for column in APPLICANT_COLUMN_IDS:
        for row in OUTCOME_ROW_IDS:
            if rng.random() < 0.25:
                counts[(row, column)] = rng.randint(0, 40)
        total = sum(counts.get((row, column), 0) for row in OUTCOME_ROW_IDS)
        forward = rng.randint(0, 5)
        carried = rng.randint(0, total + forward)
        counts[("carried_forward", column)] = forward
        counts[("carried_over", column)] = carried
        counts[("new_received", column)] = total + forward - carried
    set_application_counts(report, counts)
    set_review_counts(report, {(g.id, c): rng.randint(0, 3) for g in REVIEW_GROUPS for c in REVIEW_RESULT_COLUMN_IDS})
    for row in PROACTIVE_ROWS:
        for column in row.column_ids:
            if row.id != "fees":
                report.proactive[row.id][column] = rng.randint(0, 300)
    set_fee_amount(report, Decimal(rng.randint(0, 5000)) / 100)
    received = report.applications["new_received"]["total"]
    report.sections = {
        "overview": f"{report.year}年度，{report.agency_name}{NARRATIVE}\n\n全年共受理政府信息公开申请{received}件。",
        "problems": "政策解读质量有待提高。\n\n下一步将加强培训。",
        "other": "本年度未收取信息处理费。",
    }
    return report


PAGE_TOP = (
    "<html><head><meta charset='utf-8'><title>{title}</title><script>var nav='首页';</script></head><body>"
    "<nav><a href='/'>首页</a> &gt; <a>政府信息公开</a> &gt; <a>年度报告</a></nav>"
    "<div class='crumb'>当前位置：首页 &gt; 政府信息公开 &gt; 年度报告</div>"
    "<div class='meta'>发布日期：{published}　浏览次数：1024</div>"
)
PAGE_BOTTOM = (
    "<div class='share'>扫一扫在手机打开当前页面</div><div>【打印本页】【关闭窗口】</div>"
    "<footer>主办单位：某某县人民政府办公室　网站标识码：1234000000　ICP备12345678号</footer></body></html>"
)


def published_html(report: Report, published: str | None = None) -> str:
    """The report as a government site publishes it: the fragment amid navigation and footer."""
    published = published or f"{report.year + 1}-01-20"
    from gongkai.core.report.layout import report_title
    from gongkai.core.report.render_html import render_html_fragment

    return PAGE_TOP.format(title=report_title(report), published=published) + render_html_fragment(report) + PAGE_BOTTOM
