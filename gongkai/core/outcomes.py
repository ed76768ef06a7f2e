"""The national categories of table 三 (国办公开办函〔2021〕30号): applicant columns and outcomes.

One list shared by decisions (an application's outcome is one of `OUTCOME_IDS`) and by the annual
report (the same ids are the report's row ids). Ids and labels are loaded from
`gongkai/core/spec/report_format.json` and quoted from it exactly; the article each outcome rests
on is our mapping (regulation.md §2: UNCONFIRMED as official guidance, so shown as 依据 only).

- `APPLICANT_TYPES`: the six applicant columns (自然人 and the five 法人或其他组织 columns).
- `OUTCOMES`: the 21 leaf rows under 三、本年度办理结果 (not （七）总计), in table order.
  部分公开 counts only as 部分公开 (the row label says so); withdrawal is `other.other`.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from importlib.resources import files

_FORMAT = json.loads(files("gongkai.core").joinpath("spec", "report_format.json").read_text(encoding="utf-8"))
_APPLICATIONS = _FORMAT["applications"]


@dataclass(frozen=True)
class ApplicantType:
    id: str
    label: str
    group: str | None

    @property
    def is_person(self) -> bool:
        return self.id == NATURAL_PERSON

    @property
    def full_label(self) -> str:
        return f"{self.group}：{self.label}" if self.group else self.label


@dataclass(frozen=True)
class Outcome:
    id: str
    label: str  # the row label, quoted exactly
    group: str  # （一）… to （六）… or 三、本年度办理结果 for the two top-level rows
    article: str  # the article of the 条例 it rests on (our mapping)

    @property
    def full_label(self) -> str:
        if self.group.startswith("（"):
            return f"{self.group} {self.label}"
        return self.label


NATURAL_PERSON = "natural_person"
TOTAL_COLUMN = "total"

APPLICANT_TYPES: tuple[ApplicantType, ...] = tuple(
    ApplicantType(c["id"], c["label"], c.get("group")) for c in _APPLICATIONS["columns"] if c["id"] != TOTAL_COLUMN
)
APPLICANT_TYPE_IDS = tuple(t.id for t in APPLICANT_TYPES)
COLUMN_IDS = APPLICANT_TYPE_IDS + (TOTAL_COLUMN,)
ROW_IDS: tuple[str, ...] = tuple(r["id"] for r in _APPLICATIONS["rows"])

# Article each outcome rests on (regulation.md §2 mapping).
_ARTICLES = {
    "granted": "第三十六条第（一）（二）项",
    "partially_granted": "第三十七条",
    "withheld.state_secret": "第十四条",
    "withheld.prohibited_by_law": "第十四条",
    "withheld.three_safeties_one_stability": "第十四条",
    "withheld.third_party_rights": "第十五条、第三十二条",
    "withheld.internal_affairs": "第十六条第一款",
    "withheld.process_information": "第十六条第二款",
    "withheld.enforcement_files": "第十六条第二款",
    "withheld.inquiry_matters": "第三十六条第（三）项",
    "unavailable.not_held": "第三十六条第（四）（五）项",
    "unavailable.needs_creation": "第三十八条",
    "unavailable.unclear_after_correction": "第三十条",
    "not_processed.petition_complaint": "第三十九条第一款",
    "not_processed.duplicate": "第三十六条第（六）项",
    "not_processed.publication": "第三十九条第二款",
    "not_processed.excessive": "第三十五条",
    "not_processed.confirm_or_reissue": "第三十六条",
    "other.no_correction": "第三十条",
    "other.unpaid_fee": "第四十二条，国办函〔2020〕109号",
    "other.other": "第三十六条",
}

_first, _last = ROW_IDS.index("granted"), ROW_IDS.index(TOTAL_COLUMN)
OUTCOMES: tuple[Outcome, ...] = tuple(
    Outcome(r["id"], r["label"], r.get("group", ""), _ARTICLES[r["id"]]) for r in _APPLICATIONS["rows"][_first:_last]
)
OUTCOME_IDS = tuple(o.id for o in OUTCOMES)
assert len(OUTCOMES) == 21, "report_format.json must list 21 outcome rows"

GRANTED = "granted"
PARTIALLY_GRANTED = "partially_granted"
NO_CORRECTION = "other.no_correction"
UNPAID_FEE = "other.unpaid_fee"
WITHDRAWN = "other.other"

_BY_ID = {o.id: o for o in OUTCOMES}
_TYPES_BY_ID = {t.id: t for t in APPLICANT_TYPES}


def outcome(outcome_id: str) -> Outcome:
    """The outcome with this id; KeyError for an id that is not one of the 21 leaf rows."""
    return _BY_ID[outcome_id]


def applicant_type(type_id: str) -> ApplicantType:
    return _TYPES_BY_ID[type_id]


def row_label(row_id: str) -> str:
    return next(r["label"] for r in _APPLICATIONS["rows"] if r["id"] == row_id)


# Review and litigation (table 四).
_REVIEW = _FORMAT["review_litigation"]
REVIEW_GROUPS: tuple[tuple[str, str], ...] = tuple(
    (g["id"], (g["parent"] + "·" if g.get("parent") else "") + g["label"]) for g in _REVIEW["groups"]
)
REVIEW_COLUMNS: tuple[tuple[str, str], ...] = tuple((c["id"], c["label"]) for c in _REVIEW["columns"])
REVIEW_RESULTS = tuple(c for c in REVIEW_COLUMNS if c[0] != TOTAL_COLUMN)
