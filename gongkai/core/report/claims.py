"""Claims of the narrative checked against the tables and, where known, the platform's data.

A report must say only what is true (条例 第五十条; regulation fact sheet §7, "发布内容不准确"
is a ground for accountability under 条例 第四十七条). Each claim is a pattern; a claim the
tables (or `Facts`) contradict gives a `narrative.mismatch` finding naming the sentence.

Two kinds of evidence:
- the tables of the same report (any reader can decide these: `gongkai report check`);
- `Facts`, what only the platform knows (late replies, suggestions whose result is not yet
  public, the 信息处理费 collected). A fact left `None` is not checked.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from decimal import Decimal, InvalidOperation

from gongkai.core.report.model import Finding, Report, warning

MISMATCH = "narrative.mismatch"
_SEP = "。；;！!"


@dataclass(frozen=True)
class Facts:
    """What the platform knows beyond the tables (None: unknown, not checked)."""

    late_replies: int | None = None  # decided in the year after the due date (条例 第三十三条)
    suggestions_npc: int | None = None
    suggestions_cppcc: int | None = None
    suggestions_unpublished: int | None = None  # result not yet public
    fee_notices: int | None = None  # 国办函〔2020〕109号
    fee_collected_yuan: Decimal | None = None


def _text(report: Report, section_id: str) -> str:
    return report.sections.get(section_id) or ""


def _total(table: dict, row_id: str) -> int | None:
    value = table.get(row_id, {}).get("total")
    return value if isinstance(value, int) else None


def _mismatch(section_id: str, said: str, truth: str) -> Finding:
    return warning(MISMATCH, f"sections.{section_id}", f"文字部分写明“{said}”，{truth}")


def _counted(pattern: str, text: str):
    """(matched text, number) of every match of a pattern whose group 1 is a count."""
    return [(m.group(0), int(m.group(1))) for m in re.finditer(pattern, text)]


RECEIVED = re.compile(
    r"(?:共|全年|累计|总计)?(?:受理|收到|新收|接收|办理)[^。;，,]{0,16}?(?:政府信息公开|依申请公开)?申请[^。;\d]{0,8}?(\d+)\s*[件个宗份]"
)
NONE_RECEIVED = re.compile(r"(?:未|没有)(?:收到|受理|接到)[^。;]{0,12}?申请")
ALL_ON_TIME = re.compile(
    r"(?:均|全部|都)(?:已|能)?(?:在法定期限内|依法依规|按时|按期|及时)[^。；;]{0,12}?答复"
    r"|(?:无|未发生|没有)(?:逾期答复|超期答复)"
)
LATE_STATED = re.compile(r"(\d+)\s*件(?:申请)?(?:逾期|超期)答复")
ALL_RESULTS_PUBLIC = re.compile(r"办理结果(?:均|全部)?已(?:按要求|按规定|全部)?(?:予以)?公开")
NO_FEE = re.compile(r"未(?:收取|收缴)[^。；;]{0,20}?信息处理费")
FEE_COLLECTED = re.compile(r"实际收取(?:政府信息公开)?信息处理费\s*(\d+(?:\.\d+)?)\s*元")


def check_application_claims(report: Report) -> list[Finding]:
    """Section 一 against table 三: received, carried over, handled, carried forward."""
    text = _text(report, "overview")
    apps = report.applications
    new, carried = _total(apps, "new_received"), _total(apps, "carried_over")
    if not text or new is None:
        return []
    findings = []
    accepted = {new} | ({new + carried} if carried is not None else set())
    match = RECEIVED.search(text)
    if match and int(match.group(1)) not in accepted:
        findings.append(_mismatch("overview", match.group(0), f"与表格“本年新收政府信息公开申请数量”总计（{new}）不符"))
    if not match and new > 0 and (none := NONE_RECEIVED.search(text)):
        findings.append(_mismatch("overview", none.group(0), f"但表格“本年新收政府信息公开申请数量”总计为 {new}"))
    for pattern, row_id, label in (
        (r"上年结转(?:政府信息公开)?(?:申请)?(\d+)\s*件", "carried_over", "上年结转政府信息公开申请数量"),
        (r"办结(?:政府信息公开)?(?:申请)?(\d+)\s*件", "total", "本年度办理结果·总计"),
        (r"结转下年度(?:继续办理)?(\d+)\s*件", "carried_forward", "结转下年度继续办理"),
    ):
        truth = _total(apps, row_id)
        for said, number in _counted(pattern, text):
            if truth is not None and number != truth:
                findings.append(_mismatch("overview", said, f"与表格“{label}”总计（{truth}）不符"))
    return findings


def check_review_claims(report: Report) -> list[Finding]:
    """ "未发生行政复议/行政诉讼" against table 四."""
    findings = []
    groups = report.review_litigation
    for section_id in ("overview", "other"):
        text = _text(section_id=section_id, report=report)
        for kind, ids in (
            ("行政复议", ["administrative_review"]),
            ("行政诉讼", ["litigation_direct", "litigation_after_review"]),
        ):
            totals = [_total(groups, g) for g in ids]
            if any(t is None for t in totals) or sum(totals) == 0:
                continue
            match = re.search(rf"(?:未|没有)(?:发生|收到|被申请|被提起|涉及)[^。；;]{{0,8}}?{kind}", text)
            if match:
                findings.append(_mismatch(section_id, match.group(0), f"但第四部分表格中{kind}案件共 {sum(totals)} 件"))
    return findings


def check_fact_claims(report: Report, facts: Facts | None) -> list[Finding]:
    """Claims only the platform's data can decide: replies on time (条例 第三十三条), suggestion
    results public, the 信息处理费 (国办函〔2020〕109号)."""
    if facts is None:
        return []
    findings = []
    overview, other = _text(report, "overview"), _text(report, "other")
    late = facts.late_replies
    if late is not None:
        if late > 0 and (match := ALL_ON_TIME.search(overview)):
            findings.append(_mismatch("overview", match.group(0), f"但本年度有 {late} 件申请逾期答复"))
        for said, number in _counted(LATE_STATED.pattern, overview):
            if number != late:
                findings.append(_mismatch("overview", said, f"但平台记录的逾期答复为 {late} 件"))
    unpublished = facts.suggestions_unpublished
    if unpublished and (match := ALL_RESULTS_PUBLIC.search(other)):
        findings.append(_mismatch("other", match.group(0), f"但有 {unpublished} 件建议提案的办理结果尚未公开"))
    for label, truth in (("人大代表建议", facts.suggestions_npc), ("政协提案", facts.suggestions_cppcc)):
        for said, number in _counted(rf"{label}(\d+)\s*件", other):
            if truth is not None and number != truth:
                findings.append(_mismatch("other", said, f"但平台登记的本年度{label}为 {truth} 件"))
    collected = facts.fee_collected_yuan
    if collected is not None:
        if collected > 0 and (match := NO_FEE.search(other)):
            findings.append(_mismatch("other", match.group(0), f"但本年度实际收取信息处理费 {collected} 元"))
        for match in FEE_COLLECTED.finditer(other):
            try:
                said = Decimal(match.group(1))
            except InvalidOperation:
                continue
            if said != Decimal(collected):
                findings.append(_mismatch("other", match.group(0), f"但平台记录的实际收取金额为 {collected} 元"))
    if facts.fee_notices is not None:
        for said, number in _counted(r"发出收费通知(\d+)\s*件", other):
            if number != facts.fee_notices:
                findings.append(_mismatch("other", said, f"但平台记录的收费通知为 {facts.fee_notices} 件"))
    return findings


def check_claims(report: Report, facts: Facts | None = None) -> list[Finding]:
    return check_application_claims(report) + check_review_claims(report) + check_fact_claims(report, facts)
