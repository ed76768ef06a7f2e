"""The three tables of the national format as grids of cells, shared by the HTML and DOCX renderers.

The layout follows 国办公开办函〔2021〕30号: table 二 in four blocks (第二十条第（一）（五）（六）（八）项),
table 三 with the 勾稽关系 note in its corner header cell and the applicant columns under
申请人情况, table 四 with 行政复议 and 行政诉讼 (未经复议直接起诉 / 复议后起诉).
"""

from __future__ import annotations

from dataclasses import dataclass

from gongkai.core.report.format import (
    APPLICATION_COLUMNS,
    APPLICATION_ROWS,
    CROSS_CHECK_NOTE,
    OLD_APPLICATION_ROWS,
    PROACTIVE_BLOCKS,
    REVIEW_COLUMNS,
    REVIEW_GROUPS,
)
from gongkai.core.report.model import Report

TOP_GROUP = "三、本年度办理结果"


@dataclass(frozen=True)
class LayoutCell:
    text: str
    header: bool = False
    colspan: int = 1
    rowspan: int = 1


def cell_text(value) -> str:
    return "" if value is None else str(value)


def proactive_grid(report: Report) -> list[list[LayoutCell]]:
    grid = []
    for block in PROACTIVE_BLOCKS:
        columns = list(block["columns"].items())
        span = 3 // len(columns)
        grid.append([LayoutCell(block["heading"], True, 4)])
        grid.append([LayoutCell("信息内容", True)] + [LayoutCell(label, True, span) for _, label in columns])
        for row_id, label in block["rows"].items():
            values = [LayoutCell(cell_text(report.proactive[row_id][c]), False, span) for c, _ in columns]
            grid.append([LayoutCell(label, True)] + values)
    return grid


def applications_grid(report: Report) -> list[list[LayoutCell]]:
    rows = OLD_APPLICATION_ROWS if report.is_old_format else APPLICATION_ROWS
    organisation_columns = [c for c in APPLICATION_COLUMNS if c.group]
    grid = [
        [LayoutCell(CROSS_CHECK_NOTE, True, 3, 3), LayoutCell("申请人情况", True, 7)],
        [
            LayoutCell(APPLICATION_COLUMNS[0].label, True, 1, 2),
            LayoutCell(organisation_columns[0].group, True, len(organisation_columns)),
            LayoutCell(APPLICATION_COLUMNS[-1].label, True, 1, 2),
        ],
        [LayoutCell(c.label, True) for c in organisation_columns],
    ]
    outcome_rows = [r for r in rows if r.group]
    for row in rows:
        labels: list[LayoutCell] = []
        if row.group is None:
            labels.append(LayoutCell(row.label, True, 3))
        else:
            if row is outcome_rows[0]:
                labels.append(LayoutCell(TOP_GROUP, True, 1, len(outcome_rows)))
            if row.group == TOP_GROUP:
                labels.append(LayoutCell(row.label, True, 2))
            else:
                members = [r for r in rows if r.group == row.group]
                if row is members[0]:
                    labels.append(LayoutCell(row.group, True, 1, len(members)))
                labels.append(LayoutCell(row.label, True))
        values = [LayoutCell(cell_text(report.applications[row.id][c.id])) for c in APPLICATION_COLUMNS]
        grid.append(labels + values)
    return grid


def review_grid(report: Report) -> list[list[LayoutCell]]:
    width = len(REVIEW_COLUMNS)
    litigation = [g for g in REVIEW_GROUPS if g.parent]
    grid = [
        [
            LayoutCell(REVIEW_GROUPS[0].label, True, width, 2),
            LayoutCell(litigation[0].parent, True, width * len(litigation)),
        ],
        [LayoutCell(g.label, True, width) for g in litigation],
        [LayoutCell(c.label, True) for _ in REVIEW_GROUPS for c in REVIEW_COLUMNS],
        [LayoutCell(cell_text(report.review_litigation[g.id][c.id])) for g in REVIEW_GROUPS for c in REVIEW_COLUMNS],
    ]
    return grid


def report_title(report: Report) -> str:
    year = f"{report.year}年" if report.year is not None else ""
    return f"{report.agency_name or ''}{year}政府信息公开工作年度报告"
