"""Empty cells that the tables' own arithmetic proves to be 0.

Contract: `fill_proven_blanks(report, findings)` looks at the cells printed empty (each has a
`cell.blank` finding) and sets one to 0 only when an identity of 国办公开办函〔2021〕30号 whose
every other cell was read proves it: a row's 总计 equals the sum of its printed cells (counts are
never negative, so the empty ones add nothing), the （七）总计 row equals the sum of the outcome
rows, or 一 + 二 = （七） + 四 per column, and no identity touching a filled cell then fails
(printed figures that disagree among themselves prove nothing). An empty cell is never set to anything but 0, and
a cell that was not printed empty (lost, ambiguous, misaligned) is never touched. Returns the
findings with the proven blanks' `cell.blank` warnings replaced by one note per table.
"""

from __future__ import annotations

from gongkai.core.report.format import (
    APPLICANT_COLUMN_IDS,
    APPLICATION_COLUMN_IDS,
    OUTCOME_ROW_IDS,
    REVIEW_RESULT_COLUMN_IDS,
)
from gongkai.core.report.model import Finding, Report, warning

Ref = tuple[str, str, str]  # (table, row id, column id)


def _blank_ref(finding: Finding) -> Ref | None:
    if finding.code != "cell.blank":
        return None
    table, _, rest = finding.where.partition(".")
    row, _, column = rest.rpartition(".")
    return (table, row, column) if row and column else None


def identities(report: Report) -> list[tuple[list[Ref], list[Ref]]]:
    """Every (left cells, right cells) whose sums are equal in a consistent report."""
    out: list[tuple[list[Ref], list[Ref]]] = []
    applications = report.applications
    for row_id in applications:
        out.append(([("applications", row_id, c) for c in APPLICANT_COLUMN_IDS], [("applications", row_id, "total")]))
    outcome_rows = [r for r in OUTCOME_ROW_IDS if r in applications] + (["other"] if "other" in applications else [])
    for column_id in APPLICATION_COLUMN_IDS:
        out.append(([("applications", r, column_id) for r in outcome_rows], [("applications", "total", column_id)]))
        out.append(
            (
                [("applications", "new_received", column_id), ("applications", "carried_over", column_id)],
                [("applications", "total", column_id), ("applications", "carried_forward", column_id)],
            )
        )
    for group_id in report.review_litigation:
        out.append(
            (
                [("review_litigation", group_id, c) for c in REVIEW_RESULT_COLUMN_IDS],
                [("review_litigation", group_id, "total")],
            )
        )
    return out


def _get(report: Report, ref: Ref):
    table = report.applications if ref[0] == "applications" else report.review_litigation
    return table.get(ref[1], {}).get(ref[2])


def _set(report: Report, ref: Ref, value: int) -> None:
    table = report.applications if ref[0] == "applications" else report.review_litigation
    table[ref[1]][ref[2]] = value


def _contradicted(report: Report, every, filled: set[Ref]) -> bool:
    """Does an identity touching a filled cell fail once every cell of it is known?"""
    for left, right in every:
        if not any(r in filled for r in left + right):
            continue
        values = [_get(report, r) for r in left + right]
        if None in values:
            continue
        if sum(values[: len(left)]) != sum(values[len(left) :]):
            return True
    return False


def fill_proven_blanks(report: Report, findings: list[Finding]) -> list[Finding]:
    blanks = {ref for ref in map(_blank_ref, findings) if ref and ref[0] in ("applications", "review_litigation")}
    if not blanks:
        return findings
    every = identities(report)
    filled: set[Ref] = set()
    changed = True
    while changed:
        changed = False
        for left, right in every:
            unknown_left = [r for r in left if _get(report, r) is None]
            unknown_right = [r for r in right if _get(report, r) is None]
            if bool(unknown_left) == bool(unknown_right):
                continue
            unknown = unknown_left or unknown_right
            if not all(r in blanks and r not in filled for r in unknown):
                continue
            known_left = sum(_get(report, r) for r in left if r not in unknown_left)
            known_right = sum(_get(report, r) for r in right if r not in unknown_right)
            if known_left != known_right:
                continue
            for ref in unknown:
                _set(report, ref, 0)
                filled.add(ref)
            changed = True
    if filled and _contradicted(report, every, filled):
        for ref in filled:  # the printed figures disagree among themselves: prove nothing
            table = report.applications if ref[0] == "applications" else report.review_litigation
            table[ref[1]][ref[2]] = None
        filled = set()
    if not filled:
        return findings
    kept = [f for f in findings if _blank_ref(f) not in filled]
    for table in sorted({ref[0] for ref in filled}):
        count = sum(1 for ref in filled if ref[0] == table)
        kept.append(
            warning("cell.blank_zero", table, f"{count} 个空白单元格由表内勾稽关系（总计等于各项之和）确定为 0")
        )
    return kept
