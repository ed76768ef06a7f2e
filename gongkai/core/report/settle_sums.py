"""Figures of a pictured table that no two readings confirmed, settled by the table's own
arithmetic — only when it leaves no choice.

Contract: `settle_by_sums(report, table, seen)` takes the table's unconfirmed cells (`seen`:
{(table, row id, column id): the figures any OCR reading of that cell saw}), all null in
`report`, and sets a cell to a value only when
- at least two 勾稽关系 of 国办公开办函〔2021〕30号 (`read_blanks.identities`) hold every other
  cell of theirs confirmed (read and not itself unconfirmed), so each gives the cell's value,
- among them a row identity (the row's 总计) and a column identity (the （七）总计 sum of the
  outcome rows, or 一 + 二 = （七） + 四), so the two come from different cells,
- every identity that gives a value gives the same one, and it is not negative,
- and some OCR reading of the cell saw exactly that figure.
Then, among the cells still null, one held by two identities or more (never a cell of table 四,
whose cells have one each) is set by a single identity — every other cell of it confirmed,
every identity of the cell giving a value giving that one, not negative — when some
reading saw exactly that figure and the ink holds that many digits (`seen` holds only such
readings, `ocr_cells`): the 总计 column's cells of several rows, whose one column identity holds
them all. The caller then checks every identity of the whole table with them, so a value set so
stands only when the other identities hold it too: a wrong one needs a reading that saw exactly
that wrong figure and errors elsewhere that cancel in every row and column.
A settled cell is never used to settle another. Each settled cell gets a
`cell.settled_by_sums` finding (`cell.settled_by_sum` for one identity); every other unconfirmed
cell stays null (the caller then refuses the table unless every cell is read and every identity
holds).
"""

from __future__ import annotations

from gongkai.core.report.model import Finding, Report, warning
from gongkai.core.report.read_blanks import identities

Ref = tuple[str, str, str]  # (table, row id, column id)

BY_TWO = "该格识别结果未经两次确认，其数值由表内行、列两个勾稽关系共同确定，且与识别结果之一相符"
BY_ONE = "该格识别结果未经两次确认，其数值由表内一个勾稽关系确定，与位数相符的识别结果之一相符，并经全表勾稽关系核对"


def _value(report: Report, ref: Ref):
    return getattr(report, ref[0]).get(ref[1], {}).get(ref[2])


def _direction(refs: list[Ref]) -> str | None:
    if len({r[1] for r in refs}) == 1:
        return "row"
    if len({r[2] for r in refs}) == 1:
        return "column"
    return None


def _given_values(report: Report, ref: Ref, unsure: set[Ref]) -> tuple[set[int], set[str | None], int]:
    """The values the identities with every other cell confirmed give `ref`, their directions,
    and how many identities hold `ref` at all."""
    values: set[int] = set()
    directions: set[str | None] = set()
    holding = 0
    for left, right in identities(report):
        if ref not in left + right:
            continue
        holding += 1
        others = [r for r in left + right if r != ref]
        if any(r in unsure or _value(report, r) is None for r in others):
            continue
        same, other = (left, right) if ref in left else (right, left)
        values.add(sum(_value(report, r) for r in other) - sum(_value(report, r) for r in same if r != ref))
        directions.add(_direction(left + right))
    return values, directions, holding


def settle_by_sums(report: Report, table: str, seen: dict[Ref, set[str]]) -> list[Finding]:
    """Settle what the arithmetic proves (see the module's contract); the findings."""
    unsure = set(seen)
    settled: dict[Ref, int] = {}
    single: dict[Ref, int] = {}
    for ref, readings in seen.items():
        if ref[0] != table or _value(report, ref) is not None:
            continue
        values, directions, holding = _given_values(report, ref, unsure)
        if len(values) != 1:
            continue
        value = values.pop()
        if value < 0 or str(value) not in readings:
            continue
        if {"row", "column"} <= directions:
            settled[ref] = value
        elif holding >= 2:  # another identity, checked by the caller, holds it too
            single[ref] = value
    findings = []
    for ref, value in settled.items():
        getattr(report, table)[ref[1]][ref[2]] = value
        findings.append(warning("cell.settled_by_sums", ".".join(ref), BY_TWO))
    for ref, value in single.items():
        getattr(report, table)[ref[1]][ref[2]] = value
        findings.append(warning("cell.settled_by_sum", ".".join(ref), BY_ONE))
    return findings
