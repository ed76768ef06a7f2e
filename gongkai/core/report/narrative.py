"""Figures stated in the narrative of section 一 against the tables (evaluators' check 6,
regulation fact sheet §7): "共受理…申请N件" must agree with 本年新收 总计.

Kept for its callers; the claims themselves live in `claims.py` and run as one of the
document checks (`document_checks.DOCUMENT_CHECKS`).
"""

from __future__ import annotations

from gongkai.core.report.claims import NONE_RECEIVED, RECEIVED, check_application_claims  # noqa: F401
from gongkai.core.report.model import Finding, Report


def check_narrative(report: Report) -> list[Finding]:
    return check_application_claims(report)
