"""Lines of text from positioned text runs (a fixed-layout page: OFD), tables as `cell | cell` rows.

Contract: `positioned_lines(runs)` takes one page's runs (objects with `text`, `x`, `y` (the
baseline), `size` and `width`, in one unit, y growing downwards) and returns the page's lines
in reading order, each line's pieces (runs closer than a character apart) joined by " | ".

Figures printed in table columns are placed by position: within a table region (lines holding
figures and the rows of labels only between them, up to a section heading or prose, and to the
page's end), the columns are the groups of figures whose horizontal extents overlap (a column's
figures overlap whatever their alignment: left, centred or right), or the leaf headers above
when they show more columns than the figures do. A row that shows fewer figures than the region
has columns gets `tokens.EMPTY_CELL` in each column where it shows none, so that a zero printed
empty is read as a blank (null, or 0 only when a 勾稽关系 proves it, `read_blanks`) and never
shifts the other figures into the wrong column — also in a row's first or last column. A row of
labels only, left of the columns, ends with `tokens.EMPTY_ROW`: every cell of it was printed
empty (the aligner keeps the mark only where the label names a row of the format). When the
columns cannot be told apart (two figures of one row in the same column, or a figure
overlapping two columns), the row is given as printed and the aligner decides (it never
guesses). Nothing here reads a figure's value.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass

from gongkai.core.report.read_headings import heading_section
from gongkai.core.report.sections import PAGE_NUMBER
from gongkai.core.report.tokens import EMPTY_CELL, EMPTY_ROW

FIGURE = re.compile(r"^[+-]?\d+(?:\.\d+)?$")
SAME_LINE = 0.5  # baselines closer than this share of the font size are one line
PIECE_GAP = 0.9  # a gap wider than this share of the font size separates two cells
PROSE = 40  # a piece this long (characters) is prose: it ends a table region
WRAP = 1.5  # the lines of one wrapped cell: baselines at most this many font sizes apart
ALIGN = 0.5  # ... and left edges (or centres) within this share of the font size
LOOK_BACK = 4  # lines looked back for the line above a label (lines of figures between skipped)
MAX_STACKS = 200  # wrapped cells on one page (a report's page has at most a few dozen)
MAX_LINES = 400  # lines on one page (a report's has under 100), and pieces on one line, beyond
MAX_PIECES = 40  # which nothing is joined


@dataclass
class Piece:
    text: str
    left: float
    right: float
    baseline: float = 0.0
    size: float = 0.0

    @property
    def is_figure(self) -> bool:
        return bool(FIGURE.match(unicodedata.normalize("NFKC", self.text).replace(" ", "")))


def _lines(runs) -> list[list[Piece]]:
    """Runs grouped by baseline, each line's runs joined into pieces, left to right."""
    ordered = sorted((r for r in runs if r.text.strip()), key=lambda r: (r.y, r.x))
    grouped: list[list] = []
    for run in ordered:
        if grouped:
            anchor = grouped[-1][0]
            if abs(run.y - anchor.y) <= SAME_LINE * max(min(run.size, anchor.size), 0.5):
                grouped[-1].append(run)
                continue
        grouped.append([run])
    lines = []
    for line in grouped:
        line.sort(key=lambda r: r.x)
        pieces: list[Piece] = []
        last_size = 0.0
        for run in line:
            size = max(min(run.size, last_size or run.size), 0.5)
            if pieces and run.x - pieces[-1].right <= PIECE_GAP * size:
                pieces[-1].text += run.text
                pieces[-1].right = max(pieces[-1].right, run.x + run.width)
            else:
                pieces.append(Piece(run.text, run.x, run.x + run.width, run.y, run.size))
            last_size = run.size
        for piece in pieces:
            piece.text = piece.text.strip()
        lines.append(pieces)
    return lines


def _continues(upper: Piece, lower: Piece) -> bool:
    """`lower` is the next line of the cell whose line `upper` is: two labels one above the other,
    a line apart, left-aligned or centred alike, the upper one at least as wide (the lines of a
    wrapped cell are full but the last), neither prose nor a section heading."""
    size = max(min(upper.size, lower.size), 0.5)
    if upper.is_figure or lower.is_figure or max(len(upper.text), len(lower.text)) >= PROSE:
        return False
    if not SAME_LINE * size < lower.baseline - upper.baseline <= WRAP * size:
        return False
    if upper.right - upper.left < lower.right - lower.left - ALIGN * size:
        return False
    return not any(heading_section(unicodedata.normalize("NFKC", p.text)) for p in (upper, lower))


def _aligned(upper: Piece, lower: Piece) -> bool:
    size = max(min(upper.size, lower.size), 0.5)
    centres = abs((upper.left + upper.right) - (lower.left + lower.right)) / 2
    return abs(upper.left - lower.left) <= ALIGN * size or centres <= ALIGN * size


def _stacks(lines: list[list[Piece]]) -> list[list[Piece]]:
    """The pieces of each wrapped cell, top to bottom: each label is joined to the nearest label
    aligned with it above (within `WRAP` of its baseline, lines of figures between skipped) when
    it continues that label's cell."""
    below: dict[int, Piece] = {}
    continued: set[int] = set()
    for j, line in enumerate(lines):
        for piece in line:
            if piece.is_figure:
                continue
            for i in range(j - 1, max(-1, j - 1 - LOOK_BACK), -1):
                if piece.baseline - lines[i][0].baseline > WRAP * max(piece.size, 0.5):
                    break
                upper = next((p for p in lines[i] if not p.is_figure and _aligned(p, piece)), None)
                if upper is not None:
                    if id(upper) not in below and _continues(upper, piece):
                        below[id(upper)] = piece
                        continued.add(id(piece))
                    break
    stacks = []
    for line in lines:
        for piece in line:
            if id(piece) in below and id(piece) not in continued:
                stack = [piece]
                while id(stack[-1]) in below:
                    stack.append(below[id(stack[-1])])
                stacks.append(stack)
    return stacks


def join_wrapped(lines: list[list[Piece]]) -> list[list[Piece]]:
    """The lines with each wrapped cell's text joined into its first piece. The lines a cell spans
    become one line when at most one of them shows figures (they are then the cell's row: the
    figures stand on one of its lines or between two) and no two labels of the joined line share
    a column; otherwise (a cell spanning several rows) only the text is joined, the figures stay
    on their lines. Labels of which two stand on lines with figures are rows of their own (a
    wrapped cell's figures stand on one line): left as printed. Shortest cells first, so each
    row is joined before the cells spanning rows."""
    lines = [list(line) for line in lines if line]
    if len(lines) > MAX_LINES or any(len(line) > MAX_PIECES for line in lines):
        return lines  # not a report's page: left as printed (and the joining stays cheap)
    stacks = _stacks(lines)
    if len(stacks) > MAX_STACKS:
        return lines
    for stack in sorted(stacks, key=lambda s: s[-1].baseline - s[0].baseline):
        where = {id(p): i for i, line in enumerate(lines) for p in line}
        first, last = where[id(stack[0])], where[id(stack[-1])]
        members = {id(p) for p in stack}
        joined = Piece(
            "".join(p.text for p in stack),
            min(p.left for p in stack),
            max(p.right for p in stack),
            stack[0].baseline,
            stack[0].size,
        )
        rest = [p for line in lines[first : last + 1] for p in line if id(p) not in members]
        labels = [joined] + [p for p in rest if not p.is_figure]
        clash, reach = False, float("-inf")
        for label in sorted(labels, key=lambda p: p.left):  # two labels sharing a column?
            clash = clash or label.left < reach
            reach = max(reach, label.right)
        with_figures = sum(1 for line in lines[first : last + 1] if any(p.is_figure for p in line))
        if sum(1 for p in stack if any(q.is_figure for q in lines[where[id(p)]])) > 1:
            continue  # two of its lines show figures: labels of two rows, left as printed
        if with_figures <= 1 and not clash:
            lines[first : last + 1] = [sorted([joined, *rest], key=lambda p: p.left)]
            continue
        lines[first] = sorted([joined] + [p for p in lines[first] if id(p) not in members], key=lambda p: p.left)
        for i in range(first + 1, last + 1):
            lines[i] = [p for p in lines[i] if id(p) not in members]
    return [line for line in lines if line]


def _columns(rows: list[list[Piece]]) -> list[tuple[float, float]] | None:
    """The columns of a table region: groups of figures whose extents overlap, left to right;
    None when one row has two figures in one column (the groups are then not columns)."""
    spans = sorted((p.left, p.right) for row in rows for p in row if p.is_figure)
    columns: list[list[float]] = []
    for left, right in spans:
        if columns and left < columns[-1][1]:
            columns[-1][1] = max(columns[-1][1], right)
        else:
            columns.append([left, right])
    for row in rows:
        taken = [_column_of(p, columns) for p in row if p.is_figure]
        if len(set(taken)) != len(taken):
            return None
    return [(left, right) for left, right in columns]


def _column_of(piece: Piece, columns) -> int:
    return next(i for i, (left, right) in enumerate(columns) if left <= piece.left and piece.right <= right)


def _overlap(a: Piece, b: Piece) -> bool:
    return a.left < b.right and b.left < a.right


def _header_columns(headers: list[list[Piece]], rows: list[list[Piece]], columns) -> list | None:
    """Columns from the leaf headers above the region (so that a column printed wholly empty
    still counts): the header pieces not spanning a lower header piece, each owning the space up
    to halfway to its neighbours, less the label column's (the leftmost spaces holding the
    labels' left edges). None unless every column of figures lies in exactly one header's space, and
    no two in the same."""
    pieces = [(depth, p) for depth, line in enumerate(headers) for p in line]
    leaves = sorted(
        (p for depth, p in pieces if not any(d < depth and _overlap(p, q) for d, q in pieces)), key=lambda p: p.left
    )
    if any(_overlap(a, b) for a, b in zip(leaves, leaves[1:])):
        return None
    label_lefts = [p.left for row in rows for p in row if not p.is_figure]
    centres = [(p.left + p.right) / 2 for p in leaves]
    bounds = [float("-inf")] + [(a + b) / 2 for a, b in zip(centres, centres[1:])] + [float("inf")]
    spaces = list(zip(bounds, bounds[1:]))
    # The label column's header: the spaces holding a label's left edge, leftmost (each other
    # space keeps its bounds, the first one starting halfway from the label column's header).
    label_spaces = [i for i, (lo, hi) in enumerate(spaces) if any(lo <= x < hi for x in label_lefts)]
    if label_spaces != list(range(len(label_spaces))):
        return None
    leaves, spaces = leaves[len(label_spaces) :], spaces[len(label_spaces) :]
    if len(leaves) <= len(columns):
        return None
    owners = []
    for left, right in columns:
        found = [i for i, (lo, hi) in enumerate(spaces) if lo <= left and right <= hi]
        if len(found) != 1:
            return None
        owners.append(found[0])
    return spaces if len(set(owners)) == len(owners) else None


def _row_text(row: list[Piece], columns: list[tuple[float, float]] | None, first: float) -> str:
    text = " | ".join(p.text for p in row)
    if columns is not None and not any(p.is_figure or p.right > first for p in row) and not PAGE_NUMBER.match(text):
        # Labels only, left of the figures' columns: a row whose cells are all printed empty
        # (zeros left blank), marked so that its cells are read as blanks (`tokens.EMPTY_ROW`).
        return f"{text} | {EMPTY_ROW}"
    if columns is None or not any(p.is_figure for p in row):
        return text
    labels = [p.text for p in row if not p.is_figure]
    if any(not p.is_figure and p.right > first for p in row):
        return text  # text among the figures: not a plain table row
    cells = [EMPTY_CELL] * len(columns)
    for piece in row:
        if piece.is_figure:
            cells[_column_of(piece, columns)] = piece.text
    return " | ".join(labels + cells)


def _is_table_row(row: list[Piece]) -> bool:
    return any(p.is_figure for p in row) and not any(len(p.text) >= PROSE for p in row)


def _row_like(row: list[Piece]) -> bool:
    """A row of labels only (its cells printed empty, or a header inside the table): short
    pieces, and not a section heading."""
    if len(row) > 3 or any(len(p.text) >= PROSE for p in row):
        return False
    return heading_section(unicodedata.normalize("NFKC", " ".join(p.text for p in row))) is None


def _region_end(lines: list[list[Piece]], start: int) -> int:
    """The end of the table region starting at `start` (a table row): the next rows up to the
    last table row before a line that is neither a table row nor row-like, or up to the page's
    end (rows printed empty at the foot of a page, the table going on over the page)."""
    end = index = start + 1
    while index < len(lines):
        if _is_table_row(lines[index]):
            end = index + 1
        elif not _row_like(lines[index]):
            return end
        index += 1
    return index


def _opening_rows(lines: list[list[Piece]]) -> int:
    """The number of rows of labels only (printed empty) the page opens with, inside a table
    going on from the page before: lines up to the first table row, all row-like; else 0. A
    table that starts at the top of a page has a header line of four or more pieces (not
    row-like), which keeps its headers for `_header_columns`; short lines that are no rows (a
    running header) lose their mark in the aligner."""
    first = next((i for i, line in enumerate(lines) if _is_table_row(line)), 0)
    return first if all(_row_like(line) for line in lines[:first]) else 0


def positioned_lines(runs) -> list[str]:
    """The lines of one page, figures in table rows placed in their columns."""
    lines = join_wrapped(_lines(runs))
    out: list[str] = []
    index = 0
    while index < len(lines):
        opening = _opening_rows(lines) if index == 0 else 0
        if not opening and not _is_table_row(lines[index]):
            out.append(" | ".join(p.text for p in lines[index]))
            index += 1
            continue
        end = _region_end(lines, index + opening)
        region = lines[index:end]
        columns = _columns(region)
        first = columns[0][0] if columns else 0.0
        if columns:
            headers = []
            for above in reversed(lines[max(0, index - 3) : index]):
                if _is_table_row(above) or (len(above) <= 3 and not _row_like(above)):
                    break
                headers.append(above)
            columns = _header_columns(headers, region, columns) or columns
        out += [_row_text(row, columns, first) for row in region]
        index = end
    return out
