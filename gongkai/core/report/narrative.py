"""Figures stated in the narrative of section 一 against the tables (evaluators' check 6,
regulation fact sheet §7): "共受理…申请N件" must agree with 本年新收 总计."""

from __future__ import annotations

import re

from gongkai.core.report.model import Finding, Report, warning

RECEIVED = re.compile(
    r"(?:共|全年|累计|总计)?(?:受理|收到|新收|接收|办理)[^。;，,]{0,16}?(?:政府信息公开|依申请公开)?申请[^。;\d]{0,8}?(\d+)\s*[件个宗份]"
)
NONE_RECEIVED = re.compile(r"(?:未|没有)(?:收到|受理|接到)[^。;]{0,12}?申请")


def check_narrative(report: Report) -> list[Finding]:
    text = report.sections.get("overview") or ""
    new = report.applications["new_received"]["total"]
    carried = report.applications["carried_over"]["total"]
    if new is None or not text:
        return []
    accepted = {new} | ({new + carried} if carried is not None else set())
    match = RECEIVED.search(text)
    if match and int(match.group(1)) not in accepted:
        return [warning("narrative.mismatch", "sections.overview",
                        f"总体情况中写明“{match.group(0)}”，与表格“本年新收政府信息公开申请数量”总计（{new}）不符")]
    if not match and new > 0:
        none = NONE_RECEIVED.search(text)
        if none:
            return [warning("narrative.mismatch", "sections.overview",
                            f"总体情况中写明“{none.group(0)}”，但表格“本年新收政府信息公开申请数量”总计为 {new}")]
    return []
