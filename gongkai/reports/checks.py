"""Checks run before an annual report may be submitted and published.

On top of the core's cross-checks (勾稽关系, continuity with last year — 国办公开办函〔2021〕30号):
every narrative section present; the 信息处理费 statement present in section 六; figures in the
narrative agree with the tables; narrative more than 80% identical to last year's (内容雷同,
flagged, not blocking); the publication deadline of 条例 第四十九条.
"""

from __future__ import annotations

import difflib
from datetime import date

from django.conf import settings

from gongkai.agencies.models import AgencyLevel
from gongkai.core.report.checks import check_report
from gongkai.core.report.format import NARRATIVE_SECTION_IDS, section
from gongkai.core.report.model import Finding, Report, error, warning
from gongkai.core.report.narrative import check_narrative
from gongkai.core.report_deadlines import (
    DEPARTMENT,
    GOVERNMENT,
    TOWNSHIP,
    deadline_status,
    publication_deadline,
)

# Findings that stop a submission besides every error.
BLOCKING_WARNINGS = {"narrative.mismatch"}
SIMILARITY_LIMIT = 0.8


def deadline_kind(agency) -> str:
    if agency.level == AgencyLevel.COUNTY_GOVERNMENT:
        return GOVERNMENT
    if agency.level in (AgencyLevel.TOWNSHIP_GOVERNMENT, AgencyLevel.SUBDISTRICT_OFFICE):
        return TOWNSHIP
    return DEPARTMENT


def deadline_for(agency, year: int) -> date:
    month, day = getattr(settings, "GONGKAI_TOWNSHIP_REPORT_DEADLINE", (1, 31))
    return publication_deadline(deadline_kind(agency), year, (month, day))


def _similarity(a: str, b: str) -> float:
    if not a or not b:
        return 0.0
    return difflib.SequenceMatcher(None, a, b, autojunk=False).ratio()


def narrative_findings(report: Report, previous: Report | None) -> list[Finding]:
    findings = []
    for section_id in NARRATIVE_SECTION_IDS:
        text = (report.sections.get(section_id) or "").strip()
        if not text or "（请填写" in text:
            findings.append(error("missing.section", f"sections.{section_id}",
                                  f"“{section(section_id).heading}”尚未填写完整"))
    other = report.sections.get("other") or ""
    if "信息处理费" not in other:
        findings.append(error("missing.fee_statement", "sections.other",
                              "“六、其他需要报告的事项”中缺少信息处理费收取情况的说明（国办函〔2020〕109号）"))
    if previous is not None:
        for section_id in NARRATIVE_SECTION_IDS:
            ratio = _similarity(report.sections.get(section_id) or "", previous.sections.get(section_id) or "")
            if ratio > SIMILARITY_LIMIT:
                findings.append(warning("narrative.similar", f"sections.{section_id}",
                                        f"“{section(section_id).heading}”与上年度报告相同内容约占{ratio:.0%}，请避免内容雷同"))
    return findings


def publication_findings(agency, report: Report, previous: Report | None, today: date,
                         published_on: date | None = None) -> list[Finding]:
    """Every finding, errors first."""
    findings = check_report(report, previous)
    findings += check_narrative(report)
    findings += narrative_findings(report, previous)
    if report.year is not None and report.year >= today.year:
        findings.append(warning("year.not_ended", "year", f"{report.year}年度尚未结束，报告数据可能不完整"))
    code, message = deadline_status(deadline_for(agency, report.year), today, published_on)
    if code in ("late", "overdue"):
        findings.append(warning("deadline.late", "year", message))
    elif code == "near":
        findings.append(warning("deadline.near", "year", message))
    return sorted(findings, key=lambda f: f.severity != "error")


def blocking(findings: list[Finding]) -> list[Finding]:
    return [f for f in findings if f.severity == "error" or f.code in BLOCKING_WARNINGS]
