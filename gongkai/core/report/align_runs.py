"""Rows whose figures ran together: digit runs split by the row arithmetic (总计 = the sum of the
other columns), used by `align`. What stays ambiguous is null with a `cell.ambiguous` warning."""

from __future__ import annotations

from typing import TYPE_CHECKING

from gongkai.core.report.model import Finding, warning
from gongkai.core.report.tokens import Token

if TYPE_CHECKING:
    from gongkai.core.report.slots import Slot

MAX_SPLITS = 64


def _splits(digits: str, width: int) -> list[list[int]]:
    """Every way to cut `digits` into `width` numbers whose last is the sum of the others."""
    found: list[list[int]] = []

    def walk(position: int, parts: list[int]) -> None:
        if len(found) >= MAX_SPLITS:
            return
        remaining = width - len(parts)
        if remaining == 0:
            if position == len(digits) and parts[-1] == sum(parts[:-1]):
                found.append(list(parts))
            return
        left = len(digits) - position
        if left < remaining or left > remaining * 6:
            return
        for size in range(1, min(6, left - remaining + 1) + 1):
            piece = digits[position : position + size]
            if size > 1 and piece[0] == "0":
                break
            walk(position + size, parts + [int(piece)])

    walk(0, [])
    return found


def _expand_runs(values: list[Token], rows: list[Slot], where: str) -> tuple[list, list[Finding]] | None:
    """Split digit runs standing where a whole row should be; None when the count still misfits."""
    out: list = []
    findings: list[Finding] = []
    row_index = 0
    column = 0
    for token in values:
        if row_index >= len(rows):
            return None
        slot = rows[row_index]
        # Only a run glued to its label is a row run together: a separate number may be one
        # figure of a row whose empty cells were collapsed ("行政规范性文件 152").
        if column == 0 and token.glued and slot.totalled and token.text.isdigit() and len(token.text) >= slot.width:
            options = _splits(token.text, slot.width)
            if not options:
                return None
            cells = [opts[0] if len(set(opts)) == 1 else None for opts in zip(*options)]
            if None in cells:
                findings.append(
                    warning(
                        "cell.ambiguous",
                        f"{where}.{slot.id}",
                        f"“{slot.label}”一行的数字连在一起（{token.text}），有 {len(options)} 种拆分方式，无法确定的格按缺失处理",
                    )
                )
            out += [Token("value", str(c)) if c is not None else Token("blank", "ambiguous") for c in cells]
            row_index += 1
            continue
        if (
            column == 0
            and token.glued
            and not slot.totalled
            and token.text.isdigit()
            and len(token.text) == slot.width > 1
        ):
            out += [Token("value", digit) for digit in token.text]  # one digit per cell: the only split
            row_index += 1
            continue
        out.append(token)
        column += 1
        if column == slot.width:
            row_index, column = row_index + 1, 0
    expected = sum(s.width for s in rows)
    return (out, findings) if len(out) == expected else None


def resolve_row_values(values: list[Token], rows: list[Slot], where: str) -> tuple[list, list[Finding]] | None:
    """The values of `rows` as cells: as they stand, without blank markers, or with digit runs split
    by the row arithmetic; None when the count still misfits."""
    expected = sum(s.width for s in rows)
    if len(values) == expected:
        return values, []
    without_blanks = [v for v in values if v.kind != "blank"]
    if len(without_blanks) == expected:
        return without_blanks, []
    return _expand_runs(without_blanks, rows, where)
