"""Aligning the value tokens of a table section with the fixed rows of the national format.

Contract: `align_table(tokens, slots, where_prefix)` returns `(cells, findings)`, with `cells`
mapping every slot id to its column values. Labels that survived scraping anchor the next
values to their row; a segment between two anchors must hold exactly the cells of the rows
between them, else its rows are null with a `table.misaligned` warning. Values run together
without separators are split by the row arithmetic (总计 = the sum of the other columns); what
stays ambiguous is null with a `cell.ambiguous` warning. Nothing is ever guessed: a cell that
cannot be placed for certain is `None`.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from gongkai.core.report.align_runs import resolve_row_values
from gongkai.core.report.align_sums import adds_up, place_rows
from gongkai.core.report.format import APPLICATION_COLUMN_IDS, OUTCOME_ROW_IDS
from gongkai.core.report.model import Finding, error, warning
from gongkai.core.report.slots import Slot, expand_empty_rows, match_slot
from gongkai.core.report.tokens import Token

COUNT_PATTERN = re.compile(r"^[+-]?\d+$")
DECIMAL_PATTERN = re.compile(r"^\d+(\.\d+)?$")


@dataclass
class _Segment:
    anchor: int | None
    soft: bool
    values: list[Token]


def _segments(tokens: list[Token], slots: list[Slot]) -> list[_Segment]:
    segments = [_Segment(None, False, [])]
    leaf = group = None
    for token in tokens:
        if token.kind == "label":
            found_leaf, found_group = match_slot(token.text, slots)
            leaf = found_leaf if found_leaf is not None else leaf
            group = found_group if found_group is not None else group
            continue
        if leaf is not None or group is not None:
            segments.append(_Segment(leaf if leaf is not None else group, leaf is None, []))
            leaf = group = None
        segments[-1].values.append(token)
    segments = [s for s in segments if s.values]
    merged: list[_Segment] = []
    for segment in segments:
        previous = merged[-1].anchor if merged and merged[-1].anchor is not None else -1
        if merged and (segment.anchor is None or segment.anchor <= previous):
            merged[-1].values += segment.values
        else:
            merged.append(segment)
    if len(merged) == 1 and merged[0].anchor:
        # Labels only in a header above the figures (the national layout of table 四).
        count = len(merged[0].values)
        if count != sum(s.width for s in slots[merged[0].anchor :]) and count == sum(s.width for s in slots):
            merged[0].anchor = 0
    return merged


def _parse_value(token: Token, slot: Slot, column_id: str, where: str) -> tuple[object, list[Finding]]:
    cell_where = f"{where}.{slot.id}.{column_id}"
    if token.kind == "blank":
        if token.text == "ambiguous":
            return None, []
        return None, [warning("cell.blank", cell_where, f"“{slot.label}”的单元格为空，按缺失处理（不按 0 计）")]
    if column_id in slot.decimal_columns:
        if DECIMAL_PATTERN.match(token.text):
            return token.text, []
        return None, [error("cell.invalid", cell_where, f"“{slot.label}”的金额无效：{token.text}")]
    if COUNT_PATTERN.match(token.text):
        return int(token.text), []
    return None, [error("cell.invalid", cell_where, f"“{slot.label}”的数值应为整数，实际为 {token.text}")]


def _labels_before_values(tokens: list[Token]) -> list[Token]:
    """The same tokens with each run of labels moved before the run of values just before it:
    the layout of scrapes that print a row's label after its figures."""
    out: list[Token] = []
    pending: list[Token] = []
    labels: list[Token] = []
    for token in tokens:
        if token.kind == "label":
            labels.append(token)
            continue
        if labels:
            out += labels + pending
            labels, pending = [], []
        pending.append(token)
    return out + labels + pending


def _misaligned(findings: list[Finding]) -> int:
    return sum(f.code in ("table.misaligned", "table.rows_missing") for f in findings)


def align_table(tokens: list[Token], slots: list[Slot], where: str) -> tuple[dict[str, dict], list[Finding]]:
    """Align as printed; when that leaves rows misaligned, also try labels printed after their
    figures and keep that reading only if it aligns every row. When rows stay misaligned and
    every row carries its label, read each row on its own (`align_collapsed`): rows whose empty
    cells were collapsed away give what their row arithmetic proves, and nothing else."""
    tokens = expand_empty_rows(tokens, slots)
    cells, findings = _align(tokens, slots, where)
    if _misaligned(findings):
        moved = _labels_before_values(tokens)
        if moved != tokens:
            other_cells, other_findings = _align(moved, slots, where)
            if not _misaligned(other_findings):
                return other_cells, other_findings
        first = _labels_first(tokens, slots)
        if first is not None:
            collapsed_cells, collapsed_findings = align_collapsed(tokens if first else moved, slots, where)
            if _known(collapsed_cells) > _known(cells):
                return collapsed_cells, collapsed_findings
    return cells, findings


def _known(cells: dict[str, dict]) -> int:
    return sum(1 for row in cells.values() for value in row.values() if value is not None)


def _labels_first(tokens: list[Token], slots: list[Slot]) -> bool | None:
    """True when the first row label comes before the first figure (labels printed first), False
    when after; None when no row label is found at all."""
    seen_value = False
    for token in tokens:
        if token.kind == "label":
            leaf, _ = match_slot(token.text, slots)
            if leaf is not None:
                return not seen_value
        else:
            seen_value = True
    return None


def _bare_rows(tokens: list[Token], slots: list[Slot]) -> set[int]:
    """Rows whose label is printed after the figures of an earlier row and directly followed by
    another label (or nothing): a row printed with its cells empty. The figures before it belong
    to the rows above it, never to it (a spill across it would put a figure in the wrong row)."""
    bare: set[int] = set()
    after_value = False
    for i, token in enumerate(tokens):
        if token.kind != "label":
            after_value = True
            continue
        leaf, _ = match_slot(token.text, slots)
        if leaf is None:
            continue  # a header or group label: the row label still to come decides
        following = tokens[i + 1] if i + 1 < len(tokens) else None
        if after_value and (following is None or following.kind == "label"):
            bare.add(leaf)
        after_value = False
    return bare


def _align(tokens: list[Token], slots: list[Slot], where: str) -> tuple[dict[str, dict], list[Finding]]:
    cells: dict[str, dict] = {s.id: dict.fromkeys(s.column_ids) for s in slots}
    findings: list[Finding] = []
    segments = _segments(tokens, slots)
    bare = _bare_rows(tokens, slots)
    accounted: set[str] = set()
    for number, segment in enumerate(segments):
        start = segment.anchor or 0
        end = segments[number + 1].anchor if number + 1 < len(segments) else len(slots)
        end = min([end] + [b for b in bare if start < b < end])
        rows = slots[start:end]
        if not rows:
            findings.append(
                warning("table.misaligned", where, f"表格前有 {len(segment.values)} 个无法归属的数据，已忽略")
            )
            continue
        resolved = resolve_row_values(segment.values, rows, where)
        if resolved is None and not segment.soft and len(segment.values) == slots[start].width:
            rows = rows[:1]  # the label directly before its own figures; the rows after it are lost
            resolved = resolve_row_values(segment.values, rows, where)
        if resolved is None:
            findings.append(
                warning(
                    "table.misaligned",
                    f"{where}.{slots[start].id}",
                    f"“{slots[start].label}”至“{slots[end - 1].label}”共 {len(segment.values)} 个数据，"
                    f"应为 {sum(s.width for s in rows)} 个，无法对齐，按缺失处理",
                )
            )
            accounted.update(s.id for s in slots[start:end])
            continue
        values, extra = resolved
        findings += extra
        accounted.update(s.id for s in rows)
        position = 0
        for slot in rows:
            for column_id in slot.column_ids:
                cells[slot.id][column_id], found = _parse_value(values[position], slot, column_id, where)
                findings += found
                position += 1
    lost = [s for s in slots if s.id not in accounted]
    if lost and len(lost) < len(slots):
        findings.append(
            warning(
                "table.rows_missing",
                f"{where}.{lost[0].id}",
                "表格中找不到以下各行的数据，按缺失处理：" + "、".join(f"“{s.label}”" for s in lost),
            )
        )
    return cells, findings


def _segments_by_row(tokens: list[Token], slots: list[Slot]) -> list[_Segment]:
    """Segments where every row label starts its own segment, also when no figure follows it."""
    segments = [_Segment(None, False, [])]
    group = None
    for token in tokens:
        if token.kind == "label":
            leaf, found_group = match_slot(token.text, slots)
            if leaf is not None:
                segments.append(_Segment(leaf, False, []))
                group = None
            elif found_group is not None:
                group = found_group
            continue
        if group is not None:
            segments.append(_Segment(group, True, []))
            group = None
        segments[-1].values.append(token)
    merged: list[_Segment] = [segments[0]]
    for segment in segments[1:]:
        previous = max((m.anchor for m in merged if m.anchor is not None), default=-1)
        if segment.anchor <= previous:
            merged[-1].values += segment.values
        else:
            merged.append(segment)
    return merged


def _collapsed_row(values: list[Token], slot: Slot, where: str) -> tuple[dict, list[Finding]] | None:
    """A totalled row printed with its empty cells collapsed away ("自然人 5 5"): the last figure
    is the 总计 when the others add up to it and none is 0 (this publisher leaves zero cells
    empty); which columns hold the others is unknown, so they stay null."""
    if not slot.totalled or not values or len(values) >= slot.width:
        return None
    if any(v.kind != "value" or not v.text.isdigit() for v in values):
        return None
    numbers = [int(v.text) for v in values]
    if len(numbers) < 2 or 0 in numbers or sum(numbers[:-1]) != numbers[-1]:
        return None
    row = dict.fromkeys(slot.column_ids)
    row[slot.column_ids[-1]] = numbers[-1]
    message = (
        f"“{slot.label}”一行只印出 {len(numbers)} 个数据（空白单元格被合并），总计按行内勾稽关系确定为 "
        f"{numbers[-1]}，其余各列无法对应，按缺失处理"
    )
    return row, [warning("table.misaligned", f"{where}.{slot.id}", message)]


def align_collapsed(tokens: list[Token], slots: list[Slot], where: str) -> tuple[dict[str, dict], list[Finding]]:
    """Each labelled row read on its own: full rows as printed, rows without any figure as blank
    (null), rows with fewer figures than columns by `_collapsed_row` or else null."""
    cells: dict[str, dict] = {s.id: dict.fromkeys(s.column_ids) for s in slots}
    findings: list[Finding] = []
    segments = _segments_by_row(tokens, slots)
    if segments[0].values:
        findings.append(
            warning("table.misaligned", where, f"表格前有 {len(segments[0].values)} 个无法归属的数据，已忽略")
        )
    anchored = [s for s in segments if s.anchor is not None]
    accounted: set[str] = set()
    printed: dict[str, list[int]] = {}  # rows that show fewer figures than columns
    for number, segment in enumerate(anchored):
        start = segment.anchor
        end = anchored[number + 1].anchor if number + 1 < len(anchored) else len(slots)
        rows = slots[start:end]
        accounted.update(s.id for s in rows)
        if not segment.values and not segment.soft:
            for slot in rows:
                findings += [
                    warning(
                        "cell.blank", f"{where}.{slot.id}.{c}", f"“{slot.label}”的单元格为空，按缺失处理（不按 0 计）"
                    )
                    for c in slot.column_ids
                ]
            continue
        resolved = resolve_row_values(segment.values, rows, where)
        if resolved is not None:
            values, extra = resolved
            findings += extra
            position = 0
            for slot in rows:
                for column_id in slot.column_ids:
                    cells[slot.id][column_id], found = _parse_value(values[position], slot, column_id, where)
                    findings += found
                    position += 1
            continue
        single = len(rows) == 1 and not segment.soft
        if single and all(v.kind == "value" and v.text.isdigit() for v in segment.values):
            printed[rows[0].id] = [int(v.text) for v in segment.values]
        placed = _collapsed_row(segment.values, rows[0], where) if single else None
        if placed is not None:
            cells[rows[0].id], found = placed
            findings += found
            continue
        findings.append(
            warning(
                "table.misaligned",
                f"{where}.{slots[start].id}",
                f"“{slots[start].label}”至“{slots[end - 1].label}”共 {len(segment.values)} 个数据，"
                f"应为 {sum(s.width for s in rows)} 个，无法对齐，按缺失处理",
            )
        )
    lost = [s for s in slots if s.id not in accounted]
    if lost and len(lost) < len(slots):
        findings.append(
            warning(
                "table.rows_missing",
                f"{where}.{lost[0].id}",
                "表格中找不到以下各行的数据，按缺失处理：" + "、".join(f"“{s.label}”" for s in lost),
            )
        )
    if printed and where == "applications" and set(OUTCOME_ROW_IDS) <= set(cells):
        findings = _place_by_table_sums(cells, printed, where, findings)
    return cells, findings


def _place_by_table_sums(cells: dict, printed: dict, where: str, findings: list[Finding]) -> list[Finding]:
    """Collapsed rows of table 三 placed by the whole table's 勾稽关系 (`align_sums`): the cells
    that every placement consistent with the table agrees on; rows so placed in full lose their
    `table.misaligned` warning, one note says how many there were."""
    full = {
        row_id: [row[c] for c in APPLICATION_COLUMN_IDS]
        for row_id, row in cells.items()
        if row_id not in printed and all(isinstance(row[c], int) for c in APPLICATION_COLUMN_IDS)
    }
    whole = []
    before = {row_id: dict(row) for row_id, row in cells.items()}
    for row_id, values in place_rows(full, printed).items():
        for column_id, value in zip(APPLICATION_COLUMN_IDS, values):
            if value is not None:
                cells[row_id][column_id] = value
        if None not in values:
            whole.append(f"{where}.{row_id}")
    if not adds_up(cells):  # the printed figures disagree among themselves: place nothing
        cells.update(before)
        return findings
    if not whole:
        return findings
    kept = [f for f in findings if not (f.code == "table.misaligned" and f.where in whole)]
    return kept + [
        warning(
            "table.collapsed_placed",
            where,
            f"{len(whole)} 行的空白单元格被合并，各数据所在的列已由表内勾稽关系（行总计、列总计）唯一确定，空白按 0 计",
        )
    ]
