"""The national annual-report format (国办公开办函〔2021〕30号) as data.

Everything is loaded from `gongkai/core/spec/report_format.json`, shipped inside the package;
the Chinese labels live there only and are quoted from it exactly.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from importlib.resources import files

REPORT_FORMAT_ID = "gongkai.annual-report/1"


def _load_format() -> dict:
    resource = files("gongkai.core").joinpath("spec", "report_format.json")
    return json.loads(resource.read_text(encoding="utf-8"))


FORMAT = _load_format()
FORMAT_BASIS: str = FORMAT["basis"]


@dataclass(frozen=True)
class SectionSpec:
    id: str
    number: str
    title: str

    @property
    def heading(self) -> str:
        return f"{self.number}、{self.title}"


@dataclass(frozen=True)
class ProactiveRow:
    id: str
    label: str
    block_heading: str
    columns: tuple[tuple[str, str], ...]  # (column id, column label)

    @property
    def column_ids(self) -> tuple[str, ...]:
        return tuple(column_id for column_id, _ in self.columns)


@dataclass(frozen=True)
class ApplicationRow:
    id: str
    label: str
    group: str | None


@dataclass(frozen=True)
class Column:
    id: str
    label: str
    group: str | None = None


@dataclass(frozen=True)
class ReviewGroup:
    id: str
    label: str
    parent: str | None


SECTIONS: tuple[SectionSpec, ...] = tuple(SectionSpec(**s) for s in FORMAT["sections"])
NARRATIVE_SECTION_IDS = ("overview", "problems", "other")

PROACTIVE_BLOCKS: tuple[dict, ...] = tuple(FORMAT["proactive"]["blocks"])
PROACTIVE_ROWS: tuple[ProactiveRow, ...] = tuple(
    ProactiveRow(row_id, label, block["heading"], tuple(block["columns"].items()))
    for block in PROACTIVE_BLOCKS
    for row_id, label in block["rows"].items()
)
FEE_ROW_ID = "fees"
FEE_COLUMN_ID = "amount_wan_yuan"

_applications = FORMAT["applications"]
CROSS_CHECK_NOTE: str = _applications["cross_check_note"]
APPLICATION_COLUMNS: tuple[Column, ...] = tuple(
    Column(c["id"], c["label"], c.get("group")) for c in _applications["columns"]
)
APPLICATION_COLUMN_IDS = tuple(c.id for c in APPLICATION_COLUMNS)
APPLICANT_COLUMN_IDS = tuple(c for c in APPLICATION_COLUMN_IDS if c != "total")
APPLICATION_ROWS: tuple[ApplicationRow, ...] = tuple(
    ApplicationRow(r["id"], r["label"], r.get("group")) for r in _applications["rows"]
)
APPLICATION_ROW_IDS = tuple(r.id for r in APPLICATION_ROWS)
# Rows summed into （七）总计: everything between 三、本年度办理结果 and （七）总计.
OUTCOME_ROW_IDS = APPLICATION_ROW_IDS[APPLICATION_ROW_IDS.index("granted") : APPLICATION_ROW_IDS.index("total")]

_older = _applications["older_format_2019"]
OLD_OTHER_ROW = ApplicationRow(_older["single_row"]["id"], _older["single_row"]["label"], "三、本年度办理结果")
OLD_REPLACED_ROW_IDS: tuple[str, ...] = tuple(_older["rows_replaced"])
OLD_APPLICATION_ROWS: tuple[ApplicationRow, ...] = tuple(
    r for r in APPLICATION_ROWS if r.id not in OLD_REPLACED_ROW_IDS[1:]
)
OLD_APPLICATION_ROWS = tuple(OLD_OTHER_ROW if r.id == OLD_REPLACED_ROW_IDS[0] else r for r in OLD_APPLICATION_ROWS)

_review = FORMAT["review_litigation"]
REVIEW_GROUPS: tuple[ReviewGroup, ...] = tuple(
    ReviewGroup(g["id"], g["label"], g.get("parent")) for g in _review["groups"]
)
REVIEW_COLUMNS: tuple[Column, ...] = tuple(Column(c["id"], c["label"]) for c in _review["columns"])
REVIEW_COLUMN_IDS = tuple(c.id for c in REVIEW_COLUMNS)
REVIEW_RESULT_COLUMN_IDS = tuple(c for c in REVIEW_COLUMN_IDS if c != "total")


def section(section_id: str) -> SectionSpec:
    return next(s for s in SECTIONS if s.id == section_id)


def application_row(row_id: str) -> ApplicationRow:
    if row_id == OLD_OTHER_ROW.id:
        return OLD_OTHER_ROW
    return next(r for r in APPLICATION_ROWS if r.id == row_id)
