"""The checks a report can be put to from the document itself: ONE list, run by the platform
before a report is submitted or published (`gongkai.reports.checks`) and by
`gongkai report check` / the 政务公开办's upload page (`gongkai.core.report.examine`).

`DOCUMENT_CHECKS` holds them in order; each is `check(report, context) -> list[Finding]`:

- 表格勾稽关系 — the cross-checks of 国办公开办函〔2021〕30号 and, with a previous report,
  the carry-over from last year (`checks.check_report`);
- 信息处理费 — section 六 states the 信息处理费 charged (国办函〔2020〕109号; reports on 2021
  and later, the first year under the 2021 format);
- 文字与数据 — every claim of the narrative the tables (and, in the platform, its data: `Facts`)
  contradict (`claims.py`);
- 内容雷同 — a narrative section more than 80% identical to last year's (only with a previous
  report; 国办公开办函〔2021〕30号 (四) names 内容雷同 among the failings);
- 第五十条第（四）项 — a 人民政府's report states 工作考核、社会评议和责任追究结果情况 in
  section 一 (监督保障);
- 规章 — no 规章 for an agency that may not make them (立法法 第九十一条、第九十三条);
- 收费金额单位 — a 万元 amount that reads as 元.

What needs the platform or a date (the publication deadline, 条例 第四十九条; "年度未结束")
is not here: it is added by the caller.
"""

from __future__ import annotations

import difflib
from collections.abc import Callable
from dataclasses import dataclass

from gongkai.core.report.checks import check_report
from gongkai.core.report.claims import Facts, check_claims
from gongkai.core.report.format import FEE_COLUMN_ID, FEE_ROW_ID, NARRATIVE_SECTION_IDS, section
from gongkai.core.report.inputs import fee_magnitude_warning, rule_making_from_name
from gongkai.core.report.model import Finding, Report, error, warning

SIMILARITY_LIMIT = 0.8
FEE_STATEMENT_FROM_YEAR = 2021
ART_50_4_TOPICS = (("工作考核", ("考核",)), ("社会评议", ("评议",)), ("责任追究", ("责任追究", "追究责任", "问责")))


@dataclass(frozen=True)
class CheckContext:
    """What the checks may know besides the report.

    `people_government` and `may_make_rules` are None when the agency is known only by the
    report's name: they are then judged from the name (or not checked when it does not tell).
    """

    previous: Report | None = None
    people_government: bool | None = None
    may_make_rules: bool | None = None
    facts: Facts | None = None


def check_tables(report: Report, context: CheckContext) -> list[Finding]:
    return check_report(report, context.previous)


def check_fee_statement(report: Report, context: CheckContext) -> list[Finding]:
    """Section 六 states the 信息处理费 (国办函〔2020〕109号); None means the reader found no section."""
    other = report.sections.get("other")
    if other is None or (report.year is not None and report.year < FEE_STATEMENT_FROM_YEAR):
        return []
    if "信息处理费" in other:
        return []
    return [
        error(
            "missing.fee_statement",
            "sections.other",
            "“六、其他需要报告的事项”中缺少信息处理费收取情况的说明（国办函〔2020〕109号）",
        )
    ]


def check_narrative_claims(report: Report, context: CheckContext) -> list[Finding]:
    return check_claims(report, context.facts)


def _similarity(a: str, b: str) -> float:
    if not a or not b:
        return 0.0
    return difflib.SequenceMatcher(None, a, b, autojunk=False).ratio()


def check_similarity(report: Report, context: CheckContext) -> list[Finding]:
    if context.previous is None:
        return []
    findings = []
    for section_id in NARRATIVE_SECTION_IDS:
        ratio = _similarity(report.sections.get(section_id) or "", context.previous.sections.get(section_id) or "")
        if ratio > SIMILARITY_LIMIT:
            findings.append(
                warning(
                    "narrative.similar",
                    f"sections.{section_id}",
                    f"“{section(section_id).heading}”与上年度报告相同内容约占{ratio:.0%}，请避免内容雷同",
                )
            )
    return findings


def is_people_government(report: Report, context: CheckContext) -> bool:
    if context.people_government is not None:
        return context.people_government
    return bool(report.agency_name) and report.agency_name.endswith("人民政府")


def check_art_50_4(report: Report, context: CheckContext) -> list[Finding]:
    """条例 第五十条第（四）项: a 人民政府's report states 工作考核、社会评议和责任追究结果情况
    (section 一, under 监督保障). None of the three: an error; some: a warning naming the rest."""
    overview = report.sections.get("overview")
    if overview is None or not is_people_government(report, context):
        return []
    missing = [name for name, words in ART_50_4_TOPICS if not any(w in overview for w in words)]
    if not missing:
        return []
    if len(missing) == len(ART_50_4_TOPICS):
        return [
            error(
                "missing.art50_4",
                "sections.overview",
                "人民政府的年度报告应在“一、总体情况”中写明工作考核、社会评议和责任追究结果情况（条例第五十条第（四）项）",
            )
        ]
    return [
        warning(
            "incomplete.art50_4",
            "sections.overview",
            f"“一、总体情况”未写明{'、'.join(missing)}结果情况（条例第五十条第（四）项）",
        )
    ]


def check_rule_making(report: Report, context: CheckContext) -> list[Finding]:
    may = context.may_make_rules
    if may is None:
        may = rule_making_from_name(report.agency_name)
    if may is not False:
        return []
    cells = report.proactive.get("rules", {})
    if not any(isinstance(v, int) and v > 0 for v in cells.values()):
        return []
    return [
        error(
            "rules.not_allowed",
            "proactive.rules",
            "本机关无权制定规章（《中华人民共和国立法法》第九十一条、第九十三条），“规章”一行应为0",
        )
    ]


def check_fee_unit(report: Report, context: CheckContext) -> list[Finding]:
    value = report.proactive.get(FEE_ROW_ID, {}).get(FEE_COLUMN_ID)
    message = fee_magnitude_warning(value) if value is not None else None
    return [warning("fee.magnitude", f"proactive.{FEE_ROW_ID}.{FEE_COLUMN_ID}", message)] if message else []


DocumentCheck = Callable[[Report, CheckContext], list[Finding]]
DOCUMENT_CHECKS: tuple[tuple[str, DocumentCheck], ...] = (
    ("表格勾稽关系", check_tables),
    ("信息处理费说明", check_fee_statement),
    ("文字与数据一致", check_narrative_claims),
    ("与上年内容雷同", check_similarity),
    ("第五十条第（四）项", check_art_50_4),
    ("规章制定权限", check_rule_making),
    ("收费金额单位", check_fee_unit),
)


def run_document_checks(report: Report, context: CheckContext | None = None) -> list[Finding]:
    """Every check of `DOCUMENT_CHECKS`, in order."""
    context = context or CheckContext()
    findings: list[Finding] = []
    for _name, check in DOCUMENT_CHECKS:
        findings += check(report, context)
    return findings
