"""The annual report as data: the report JSON of docs `report-json.md`, as dataclasses.

Ids are those of `report_format.json`. Counts are `int`; the fee is a decimal string in 万元;
`None` marks a figure a read report does not contain (a built report has no `None`).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Any

from gongkai.core.report.format import (
    APPLICATION_COLUMN_IDS,
    APPLICATION_ROW_IDS,
    FEE_COLUMN_ID,
    FEE_ROW_ID,
    NARRATIVE_SECTION_IDS,
    OLD_OTHER_ROW,
    OLD_REPLACED_ROW_IDS,
    PROACTIVE_ROWS,
    REPORT_FORMAT_ID,
    REVIEW_COLUMN_IDS,
    REVIEW_GROUPS,
)

Cell = int | None
Table = dict[str, dict[str, Any]]
DECIMAL_PATTERN = re.compile(r"^\d+(\.\d+)?$")


@dataclass(frozen=True)
class Finding:
    """One problem found in a report: `severity` is "error" or "warning"; `code` is stable."""

    severity: str
    code: str
    where: str
    message: str

    def to_json(self) -> dict:
        return {"severity": self.severity, "code": self.code, "where": self.where, "message": self.message}


def error(code: str, where: str, message: str) -> Finding:
    return Finding("error", code, where, message)


def warning(code: str, where: str, message: str) -> Finding:
    return Finding("warning", code, where, message)


@dataclass
class Report:
    agency_name: str | None
    year: int | None
    proactive: Table
    applications: Table
    review_litigation: Table
    sections: dict[str, str | None] = field(default_factory=dict)
    agency_code: str | None = None

    @property
    def is_old_format(self) -> bool:
        """True when （六）其他处理 is carried as the single 2019-format row `other`."""
        return OLD_OTHER_ROW.id in self.applications

    def to_json(self) -> dict:
        return {
            "format": REPORT_FORMAT_ID,
            "agency": {"name": self.agency_name, "code": self.agency_code},
            "year": self.year,
            "proactive": {row: dict(cells) for row, cells in self.proactive.items()},
            "applications": {row: dict(cells) for row, cells in self.applications.items()},
            "review_litigation": {g: dict(cells) for g, cells in self.review_litigation.items()},
            "sections": {s: self.sections.get(s) for s in NARRATIVE_SECTION_IDS},
        }

    @classmethod
    def from_json(cls, data: dict) -> Report:
        """Build a report from the report JSON; raises `ReportShapeError` listing every problem."""
        problems = shape_problems(data)
        if problems:
            raise ReportShapeError(problems)
        return cls(
            agency_name=data["agency"].get("name"),
            agency_code=data["agency"].get("code"),
            year=data["year"],
            proactive={r: dict(c) for r, c in data["proactive"].items()},
            applications={r: dict(c) for r, c in data["applications"].items()},
            review_litigation={g: dict(c) for g, c in data["review_litigation"].items()},
            sections={s: data.get("sections", {}).get(s) for s in NARRATIVE_SECTION_IDS},
        )


class ReportShapeError(ValueError):
    def __init__(self, problems: list[str]):
        super().__init__("; ".join(problems))
        self.problems = problems


def _is_count(value: Any) -> bool:
    return value is None or (isinstance(value, int) and not isinstance(value, bool))


def shape_problems(data: Any) -> list[str]:
    """Every way `data` departs from the report JSON shape (empty list when it conforms)."""
    if not isinstance(data, dict):
        return ["报告必须是 JSON 对象"]
    problems = []
    if data.get("format") != REPORT_FORMAT_ID:
        problems.append(f"format 应为 {REPORT_FORMAT_ID}")
    if not isinstance(data.get("agency"), dict):
        problems.append("缺少 agency")
    if not (data.get("year") is None or isinstance(data.get("year"), int)):
        problems.append("year 必须是整数或 null")
    proactive = data.get("proactive")
    if not isinstance(proactive, dict):
        problems.append("缺少 proactive")
    else:
        for row in PROACTIVE_ROWS:
            cells = proactive.get(row.id)
            if not isinstance(cells, dict) or set(cells) != set(row.column_ids):
                problems.append(f"proactive.{row.id} 的列应为 {list(row.column_ids)}")
                continue
            for column_id, value in cells.items():
                fee = row.id == FEE_ROW_ID and column_id == FEE_COLUMN_ID
                ok = (
                    (value is None or (isinstance(value, str) and DECIMAL_PATTERN.match(value)))
                    if fee
                    else _is_count(value)
                )
                if not ok:
                    problems.append(f"proactive.{row.id}.{column_id} 的值无效：{value!r}")
    problems += _table_problems(data.get("applications"), "applications", APPLICATION_ROW_IDS, APPLICATION_COLUMN_IDS)
    problems += _table_problems(
        data.get("review_litigation"), "review_litigation", [g.id for g in REVIEW_GROUPS], REVIEW_COLUMN_IDS
    )
    return problems


def _table_problems(table: Any, name: str, row_ids, column_ids) -> list[str]:
    if not isinstance(table, dict):
        return [f"缺少 {name}"]
    problems = []
    allowed = set(row_ids) | ({OLD_OTHER_ROW.id} if name == "applications" else set())
    for row_id in row_ids:
        if row_id not in table:
            problems.append(f"{name} 缺少行 {row_id}")
    for row_id, cells in table.items():
        if row_id not in allowed:
            problems.append(f"{name} 含有未知的行 {row_id}")
        elif not isinstance(cells, dict) or set(cells) != set(column_ids):
            problems.append(f"{name}.{row_id} 的列应为 {list(column_ids)}")
        else:
            problems += [f"{name}.{row_id}.{c} 不是整数：{v!r}" for c, v in cells.items() if not _is_count(v)]
    if name == "applications" and OLD_OTHER_ROW.id in table:
        for row_id in OLD_REPLACED_ROW_IDS:
            if any(v is not None for v in table.get(row_id, {}).values()):
                problems.append(f"2019 年格式的报告中 {row_id} 应为 null")
    return problems


def empty_tables(fill: Any) -> tuple[Table, Table, Table]:
    """Proactive, applications and review tables with every cell set to `fill`."""
    proactive = {
        row.id: dict.fromkeys(row.column_ids, ("0" if fill == 0 else fill) if row.id == FEE_ROW_ID else fill)
        for row in PROACTIVE_ROWS
    }
    applications = {row: dict.fromkeys(APPLICATION_COLUMN_IDS, fill) for row in APPLICATION_ROW_IDS}
    review = {g.id: dict.fromkeys(REVIEW_COLUMN_IDS, fill) for g in REVIEW_GROUPS}
    return proactive, applications, review


def build_empty_report(agency_name: str, year: int, code: str | None = None) -> Report:
    """A report with every figure 0 and empty narrative sections."""
    proactive, applications, review = empty_tables(0)
    return Report(agency_name, year, proactive, applications, review, dict.fromkeys(NARRATIVE_SECTION_IDS, ""), code)


def null_report(agency_name: str | None = None, year: int | None = None) -> Report:
    """A report where nothing is known yet: the starting point of every reader."""
    proactive, applications, review = empty_tables(None)
    return Report(agency_name, year, proactive, applications, review, dict.fromkeys(NARRATIVE_SECTION_IDS))
