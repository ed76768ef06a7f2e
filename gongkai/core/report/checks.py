"""Cross-checks of the annual report, each a named rule with a stable finding code.

The rules are those of 国办公开办函〔2021〕30号 (table 三's stated 勾稽关系 and the sums implied
by the table layout) and of 条例 第五十条 (contents) and 第四十九条 (publication dates).
`check_report` returns every finding at once. A check runs over cells that are not null;
what nulls keep it from checking is one `cross_check.incomplete` warning per table.
"""

from __future__ import annotations

from datetime import date
from decimal import Decimal, InvalidOperation

from gongkai.core.report.format import (
    APPLICANT_COLUMN_IDS,
    APPLICATION_COLUMN_IDS,
    APPLICATION_COLUMNS,
    FEE_ROW_ID,
    OUTCOME_ROW_IDS,
    REVIEW_GROUPS,
    REVIEW_RESULT_COLUMN_IDS,
    application_row,
)
from gongkai.core.report.model import Finding, Report, error, warning
from gongkai.core.report_deadlines import TOWNSHIP, kind_from_name, publication_deadline


def check_report(report: Report, previous: Report | None = None) -> list[Finding]:
    """Every cross-check of the format; with `previous`, also carry-over continuity."""
    findings = check_cells(report)
    findings += check_row_totals(report)
    findings += check_column_totals(report)
    findings += check_balance(report)
    findings += check_review_totals(report)
    if previous is not None:
        findings += check_carry_over(report, previous)
    return findings


def _label(row_id: str) -> str:
    return application_row(row_id).label


def check_cells(report: Report) -> list[Finding]:
    """Every cell is a non-negative integer (the fee a non-negative decimal)."""
    findings = []
    for table_name, table in (("applications", report.applications), ("review_litigation", report.review_litigation)):
        for row_id, cells in table.items():
            for column_id, value in cells.items():
                if value is not None and (not isinstance(value, int) or value < 0):
                    findings.append(
                        error("cell.invalid", f"{table_name}.{row_id}.{column_id}", f"数值应为非负整数，实际为 {value}")
                    )
    for row_id, cells in report.proactive.items():
        for column_id, value in cells.items():
            if value is None:
                continue
            if row_id == FEE_ROW_ID:
                try:
                    bad = Decimal(value) < 0
                except (InvalidOperation, TypeError):
                    bad = True
                if bad:
                    findings.append(error("cell.invalid", f"proactive.{row_id}.{column_id}", f"收费金额无效：{value}"))
            elif not isinstance(value, int) or value < 0:
                findings.append(
                    error("cell.invalid", f"proactive.{row_id}.{column_id}", f"数值应为非负整数，实际为 {value}")
                )
    return findings


def _known(*values) -> bool:
    return all(isinstance(v, int) for v in values)


def _incomplete(where: str, what: str) -> Finding:
    return warning("cross_check.incomplete", where, f"{what}有空缺数据，部分勾稽关系未能核对")


_COLUMN_LABELS = {c.id: f"{c.group}·{c.label}" if c.group else c.label for c in APPLICATION_COLUMNS}
_GROUP_LABELS = {g.id: g.label for g in REVIEW_GROUPS}


def _column_label(column_id: str) -> str:
    return _COLUMN_LABELS.get(column_id, column_id)


def _identity(code: str, instances, incomplete_where: str, table: str) -> list[Finding]:
    """Check one sum identity over its instances: (where, left cells, right cells, describe),
    `describe(left, right)` giving the message when sum(left) != sum(right). An instance whose
    cells are all empty is skipped silently; one with some empty cells is skipped and reported
    once as `cross_check.incomplete` for `table`."""
    findings, skipped = [], False
    for where, left, right, describe in instances:
        cells = [*left, *right]
        if all(v is None for v in cells):
            continue
        if not _known(*cells):
            skipped = True
            continue
        if sum(left) != sum(right):
            findings.append(error(code, where, describe(left, right)))
    if skipped:
        findings.append(_incomplete(incomplete_where, table))
    return findings


def _plus(values) -> str:
    return f"{' + '.join(map(str, values))} = {sum(values)}"


def check_row_totals(report: Report) -> list[Finding]:
    """Table 三, every row: 总计 = 自然人 + the five 法人或其他组织 columns."""

    def describe(row_id):
        return lambda total, parts: f"“{_label(row_id)}”一行的总计（{total[0]}）不等于各类申请人之和（{_plus(parts)}）"

    return _identity(
        "cross_check.row_total",
        (
            (
                f"applications.{row_id}.total",
                [cells["total"]],
                [cells[c] for c in APPLICANT_COLUMN_IDS],
                describe(row_id),
            )
            for row_id, cells in report.applications.items()
        ),
        "applications.*.total",
        "第三部分表格",
    )


def check_column_totals(report: Report) -> list[Finding]:
    """Table 三, every column: （七）总计 = the sum of the outcome rows （一）…（六）."""
    rows = [r for r in OUTCOME_ROW_IDS if r in report.applications]
    if report.is_old_format:
        rows = [r for r in rows if not r.startswith("other.")] + ["other"]
    table = report.applications

    def describe(column_id):
        return lambda total, parts: (
            f"“（七）总计”（{total[0]}）不等于各办理结果之和（{sum(parts)}），列：{_column_label(column_id)}"
        )

    return _identity(
        "cross_check.column_total",
        (
            (f"applications.total.{c}", [table["total"][c]], [table[r][c] for r in rows], describe(c))
            for c in APPLICATION_COLUMN_IDS
        ),
        "applications.total.*",
        "第三部分表格",
    )


def check_balance(report: Report) -> list[Finding]:
    """Table 三, every column: 一 + 二 = （七）总计 + 四 (the note in the table's header cell)."""
    table = report.applications

    def describe(column_id):
        return lambda received, handled: (
            f"第一项加第二项之和（{_plus(received)}）不等于第三项加第四项之和"
            f"（{_plus(handled)}），列：{_column_label(column_id)}"
        )

    return _identity(
        "cross_check.balance",
        (
            (
                f"applications.*.{c}",
                [table["new_received"][c], table["carried_over"][c]],
                [table["total"][c], table["carried_forward"][c]],
                describe(c),
            )
            for c in APPLICATION_COLUMN_IDS
        ),
        "applications.*",
        "第三部分表格",
    )


def check_review_totals(report: Report) -> list[Finding]:
    """Table 四, every group: 总计 = 结果维持 + 结果纠正 + 其他结果 + 尚未审结."""

    def describe(group_id):
        return lambda total, parts: (
            f"“{_GROUP_LABELS.get(group_id, group_id)}”的总计（{total[0]}）不等于四项结果之和（{_plus(parts)}）"
        )

    return _identity(
        "cross_check.review_total",
        (
            (
                f"review_litigation.{group_id}.total",
                [cells["total"]],
                [cells[c] for c in REVIEW_RESULT_COLUMN_IDS],
                describe(group_id),
            )
            for group_id, cells in report.review_litigation.items()
        ),
        "review_litigation.*.total",
        "第四部分表格",
    )


def check_carry_over(report: Report, previous: Report) -> list[Finding]:
    """This year's 二、上年结转 equals last year's 四、结转下年度继续办理 (evaluators' practice)."""
    findings = []
    if report.year is not None and previous.year is not None and previous.year != report.year - 1:
        findings.append(
            warning("continuity.year", "year", f"上一年度报告的年份为 {previous.year}，本报告为 {report.year}")
        )
    for column_id in APPLICATION_COLUMN_IDS:
        now = report.applications["carried_over"][column_id]
        before = previous.applications["carried_forward"][column_id]
        if _known(now, before) and now != before:
            findings.append(
                error(
                    "continuity.carry_over",
                    f"applications.carried_over.{column_id}",
                    f"本年“上年结转”（{now}）不等于上一年度报告的“结转下年度继续办理”（{before}），列：{_column_label(column_id)}",
                )
            )
    return findings


def statutory_deadline(year: int, agency_name: str | None, township_deadline: date | None = None) -> date | None:
    """The last day to publish the report for `year` (条例 第四十九条), the kind of agency judged
    from its name; a 乡镇/街道 report is checked only against an explicit `township_deadline`."""
    kind = kind_from_name(agency_name)
    if kind is None or (kind == TOWNSHIP and township_deadline is None):
        return None
    if kind == TOWNSHIP:
        return township_deadline
    return publication_deadline(kind, year)


def check_deadline(report: Report, published_on: date | None, township_deadline: date | None = None) -> list[Finding]:
    if published_on is None or report.year is None:
        return []
    deadline = statutory_deadline(report.year, report.agency_name, township_deadline)
    if deadline is None or published_on <= deadline:
        return []
    return [
        error(
            "deadline.late",
            "published_on",
            f"发布日期 {published_on.isoformat()} 晚于法定期限 {deadline.isoformat()}（条例第四十九条）",
        )
    ]
