"""Helpers to fill a report from counts (used by the Django side to build a report).

`counts` maps `(row_id, applicant_column_id)` to a number; totals are derived, never entered,
so a report built here always satisfies the cross-checks of 国办公开办函〔2021〕30号 except
the balance 一 + 二 = （七） + 四, which depends on the data.
"""

from __future__ import annotations

from collections.abc import Mapping
from decimal import Decimal

from gongkai.core.report.format import APPLICANT_COLUMN_IDS, OUTCOME_ROW_IDS, REVIEW_RESULT_COLUMN_IDS
from gongkai.core.report.model import Report


def set_application_counts(report: Report, counts: Mapping[tuple[str, str], int]) -> Report:
    """Write applicant counts, then derive every 总计 cell and the （七）总计 row."""
    for (row_id, column_id), value in counts.items():
        if column_id not in APPLICANT_COLUMN_IDS or row_id == "total":
            raise ValueError(f"总计由系统计算，不能直接填写：{row_id}.{column_id}")
        report.applications[row_id][column_id] = int(value)
    derive_application_totals(report)
    return report


def derive_application_totals(report: Report) -> None:
    table = report.applications
    for column_id in APPLICANT_COLUMN_IDS:
        table["total"][column_id] = sum(table[row][column_id] for row in OUTCOME_ROW_IDS if row in table)
    for cells in table.values():
        cells["total"] = sum(cells[c] for c in APPLICANT_COLUMN_IDS)


def set_review_counts(report: Report, counts: Mapping[tuple[str, str], int]) -> Report:
    """Write review/litigation results and derive each group's 总计."""
    for (group_id, column_id), value in counts.items():
        if column_id not in REVIEW_RESULT_COLUMN_IDS:
            raise ValueError(f"总计由系统计算，不能直接填写：{group_id}.{column_id}")
        report.review_litigation[group_id][column_id] = int(value)
    for cells in report.review_litigation.values():
        cells["total"] = sum(cells[c] for c in REVIEW_RESULT_COLUMN_IDS)
    return report


def set_fee_amount(report: Report, amount_wan_yuan: Decimal | str) -> Report:
    amount = Decimal(str(amount_wan_yuan))
    if amount < 0:
        raise ValueError("收费金额不能为负数")
    report.proactive["fees"]["amount_wan_yuan"] = format(amount.normalize(), "f")
    return report
