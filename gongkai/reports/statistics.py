"""Yearly statistics for report section 二: reading the XLSX import (all rows or none).

An empty cell stays empty (None): it is not 0 until someone types 0 or confirms the empty cells
as 0 (`actions.save_yearly_statistics(confirm_zero=True)`). Saving is the action's job.
"""

from __future__ import annotations

import re
from decimal import Decimal, InvalidOperation

from gongkai.core.archive_limits import UploadRefused, read_xlsx
from gongkai.core.text import TextRefused, parse_int

HEADERS = ["年度", "行政许可", "行政处罚", "行政强制", "行政事业性收费（万元）"]
FIELDS = ["year", "licensing_decisions", "penalty_decisions", "coercion_decisions", "fees_amount_wan_yuan"]
MAX_ROWS = 1000


class StatisticsImportError(ValueError):
    def __init__(self, problems: list[str]):
        super().__init__("；".join(problems))
        self.problems = problems


def _blank(value) -> bool:
    return value is None or str(value).strip() == ""


_AMOUNT = re.compile(r"[0-9]{1,12}(\.[0-9]{1,6})?")


def _count(value, label) -> int:
    """A non-negative integer of at most 12 digits: ASCII digits only (not "²", "１２" or "1e9")."""
    if _blank(value):
        raise ValueError(f"“{label}”为空")
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    try:
        return parse_int(value, label=label, minimum=0, maximum=10**12 - 1, max_digits=12)
    except TextRefused as refused:
        raise ValueError(f"{refused}：{str(value)[:40]}") from None


def _amount(value, label) -> Decimal:
    """A non-negative amount: ASCII digits with an optional decimal point (no NaN, no exponent)."""
    text = (format(value, "f") if isinstance(value, Decimal) else str(value)).strip()  # float: shortest repr
    if text.startswith("-") and _AMOUNT.fullmatch(text[1:]):
        raise ValueError(f"“{label}”不能为负数")
    if not _AMOUNT.fullmatch(text):
        raise ValueError(f"“{label}”不是数字：{text[:40]}")
    try:
        number = Decimal(text)
    except InvalidOperation:  # pragma: no cover - the pattern admits only plain decimals
        raise ValueError(f"“{label}”不是数字：{text[:40]}") from None
    if not number.is_finite() or number < 0:
        raise ValueError(f"“{label}”不能为负数")
    if number.as_tuple().exponent < -4 or number >= Decimal("1e10"):
        raise ValueError(f"“{label}”最多10位整数、4位小数：{value}")
    return number


def parse_statistics_xlsx(data: bytes, name: str = "统计数据表.xlsx") -> list[dict]:
    """Rows of the statistics sheet; raises StatisticsImportError naming every bad row.
    Read under `KINDS["statistics_import"]` (size, archive and row caps, bounded parse)."""
    try:
        rows = next(iter(read_xlsx("statistics_import", name, data).values()), [])
    except UploadRefused as refused:
        raise StatisticsImportError([str(refused)]) from None
    if not rows:
        raise StatisticsImportError(["表格为空"])
    header = [str(c).strip() if c is not None else "" for c in rows[0][: len(HEADERS)]]
    if header != HEADERS:
        raise StatisticsImportError([f"第1行表头应为：{'、'.join(HEADERS)}"])
    if len(rows) > MAX_ROWS + 1:
        raise StatisticsImportError([f"一次最多导入{MAX_ROWS}行"])
    parsed, problems, years = [], [], set()
    for number, cells in enumerate(rows[1:], start=2):
        cells = list(cells[: len(HEADERS)]) + [None] * (len(HEADERS) - len(cells))
        if all(c is None or str(c).strip() == "" for c in cells):
            continue
        try:
            row = {"year": _count(cells[0], "年度")}
            if not 2008 <= row["year"] <= 2100:
                raise ValueError(f"年度无效：{cells[0]}")
            if row["year"] in years:
                raise ValueError(f"{row['year']}年度重复")
            for field, label, value in zip(FIELDS[1:4], HEADERS[1:4], cells[1:4], strict=True):
                row[field] = None if _blank(value) else _count(value, label)
            row["fees_amount_wan_yuan"] = None if _blank(cells[4]) else _amount(cells[4], HEADERS[4])
        except ValueError as error:
            problems.append(f"第{number}行：{error}")
            continue
        years.add(row["year"])
        parsed.append(row)
    if problems:
        raise StatisticsImportError(problems)
    if not parsed:
        raise StatisticsImportError(["表格中没有数据行"])
    return parsed
