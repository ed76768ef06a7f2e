"""The report as plain text: headings, paragraphs, and each table row as `label | values` lines."""

from __future__ import annotations

from gongkai.core.report.format import (
    APPLICATION_COLUMNS,
    APPLICATION_ROWS,
    CROSS_CHECK_NOTE,
    OLD_APPLICATION_ROWS,
    PROACTIVE_BLOCKS,
    REVIEW_COLUMNS,
    REVIEW_GROUPS,
    SECTIONS,
)
from gongkai.core.report.layout import cell_text, report_title
from gongkai.core.report.model import Report


def _line(cells) -> str:
    return " | ".join(cells)


def proactive_lines(report: Report) -> list[str]:
    lines = []
    for block in PROACTIVE_BLOCKS:
        lines.append(block["heading"])
        lines.append(_line(["信息内容", *block["columns"].values()]))
        for row_id, label in block["rows"].items():
            lines.append(_line([label, *(cell_text(report.proactive[row_id][c]) for c in block["columns"])]))
    return lines


def applications_lines(report: Report) -> list[str]:
    rows = OLD_APPLICATION_ROWS if report.is_old_format else APPLICATION_ROWS
    lines = [CROSS_CHECK_NOTE, _line(["申请人情况", *(c.label for c in APPLICATION_COLUMNS)])]
    for row in rows:
        labels = [row.group, row.label] if row.group and row.group != "三、本年度办理结果" else [row.label]
        values = [cell_text(report.applications[row.id][c.id]) for c in APPLICATION_COLUMNS]
        lines.append(_line([*labels, *values]))
    return lines


def review_lines(report: Report) -> list[str]:
    lines = [_line(["", *(c.label for c in REVIEW_COLUMNS)])]
    for group in REVIEW_GROUPS:
        labels = [group.parent, group.label] if group.parent else [group.label]
        lines.append(_line([*labels, *(cell_text(report.review_litigation[group.id][c.id]) for c in REVIEW_COLUMNS)]))
    return lines


TABLE_LINES = {"proactive": proactive_lines, "applications": applications_lines, "review_litigation": review_lines}


def render_text(report: Report) -> str:
    out = [report_title(report), ""]
    for spec in SECTIONS:
        out.append(spec.heading)
        if spec.id in TABLE_LINES:
            out += TABLE_LINES[spec.id](report)
        else:
            text = report.sections.get(spec.id) or ""
            out += [p.strip() for p in text.split("\n\n") if p.strip()]
        out.append("")
    return "\n".join(out)
