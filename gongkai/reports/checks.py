"""Checks run before an annual report may be submitted and published.

The document checks are the core's one list (`gongkai.core.report.document_checks`), the same
that `gongkai report check` runs: 勾稽关系 and continuity (国办公开办函〔2021〕30号), the
信息处理费 statement (国办函〔2020〕109号), every narrative claim against the tables and the
platform's data, 内容雷同 with last year, 条例 第五十条第（四）项 for 人民政府, 规章 only where the
agency may make them, the 万元 unit. The platform adds what only it knows: which agency it is
(level), its data (`Facts`), sections left to fill in, and the publication deadline of
条例 第四十九条 — for a correction, the deadline is judged on the first publication.
"""

from __future__ import annotations

from datetime import date

from django.conf import settings

from gongkai.agencies.models import AgencyLevel
from gongkai.core.report.claims import Facts
from gongkai.core.report.document_checks import CheckContext, run_document_checks
from gongkai.core.report.format import NARRATIVE_SECTION_IDS, section
from gongkai.core.report.inputs import may_make_rules
from gongkai.core.report.model import Finding, Report, error, warning
from gongkai.core.report_deadlines import DEPARTMENT, GOVERNMENT, TOWNSHIP, deadline_status, publication_deadline

# Findings that stop a submission besides every error.
BLOCKING_WARNINGS = {"narrative.mismatch"}
PEOPLE_GOVERNMENT_LEVELS = {AgencyLevel.COUNTY_GOVERNMENT, AgencyLevel.TOWNSHIP_GOVERNMENT}


def deadline_kind(agency) -> str:
    if agency.level == AgencyLevel.COUNTY_GOVERNMENT:
        return GOVERNMENT
    if agency.level in (AgencyLevel.TOWNSHIP_GOVERNMENT, AgencyLevel.SUBDISTRICT_OFFICE):
        return TOWNSHIP
    return DEPARTMENT


def deadline_for(agency, year: int) -> date:
    month, day = getattr(settings, "GONGKAI_TOWNSHIP_REPORT_DEADLINE", (1, 31))
    return publication_deadline(deadline_kind(agency), year, (month, day))


def context_for(agency, previous: Report | None, facts: Facts | None) -> CheckContext:
    """What the document checks know of a platform agency: a 人民政府 (县、乡镇; a 街道办事处 is
    not one) states Art. 50(四); none of the platform's levels may make 规章."""
    return CheckContext(
        previous=previous,
        people_government=agency.level in PEOPLE_GOVERNMENT_LEVELS,
        may_make_rules=may_make_rules(agency.level),
        facts=facts,
    )


def unfilled_sections(report: Report) -> list[Finding]:
    findings = []
    for section_id in NARRATIVE_SECTION_IDS:
        text = (report.sections.get(section_id) or "").strip()
        if not text or "（请填写" in text:
            findings.append(
                error("missing.section", f"sections.{section_id}", f"“{section(section_id).heading}”尚未填写完整")
            )
    return findings


def publication_findings(
    agency,
    report: Report,
    previous: Report | None,
    today: date,
    published_on: date | None = None,
    facts: Facts | None = None,
) -> list[Finding]:
    """Every finding, errors first. `published_on`: the first publication of the year's report
    (a correction is judged on it, never as a late first publication)."""
    findings = run_document_checks(report, context_for(agency, previous, facts))
    findings += unfilled_sections(report)
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
