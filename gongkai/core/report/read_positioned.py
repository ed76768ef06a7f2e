"""Lines of text from positioned text runs (a fixed-layout page: OFD), tables as `cell | cell` rows.

Contract: `positioned_lines(runs)` takes one page's runs (objects with `text`, `x`, `y` (the
baseline), `size` and `width`, in one unit, y growing downwards) and returns the page's lines
in reading order, each line's pieces (runs closer than a character apart) joined by " | ".

Figures printed in table columns are placed by position: within a table region (lines holding
figures and the rows of labels only between them, up to a section heading or prose), the columns are the groups of figures whose horizontal extents overlap
(a column's figures overlap whatever their alignment: left, centred or right). A row that
shows fewer figures than the region has columns gets an empty cell (`| |`) in each column
where it shows none, so that a zero printed empty is read as a blank (null, or 0 only when a
勾稽关系 proves it, `read_blanks`) and never shifts the other figures into the wrong column.
When the columns cannot be told apart (two figures of one row in the same column, or a
figure overlapping two columns), the row is given as printed and the aligner decides (it never
guesses). Nothing here reads a figure's value.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass

from gongkai.core.report.read_headings import heading_section

FIGURE = re.compile(r"^[+-]?\d+(?:\.\d+)?$")
SAME_LINE = 0.5  # baselines closer than this share of the font size are one line
PIECE_GAP = 0.9  # a gap wider than this share of the font size separates two cells
PROSE = 40  # a piece this long (characters) is prose: it ends a table region


@dataclass
class Piece:
    text: str
    left: float
    right: float

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
                pieces.append(Piece(run.text, run.x, run.x + run.width))
            last_size = run.size
        for piece in pieces:
            piece.text = piece.text.strip()
        lines.append(pieces)
    return lines


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
    still counts): the header pieces not spanning a lower header piece, less the header of the
    label column (the one over the labels' left edges), each owning the space up to halfway to
    its neighbours. None unless every column of figures lies in exactly one header's space, and
    no two in the same."""
    pieces = [(depth, p) for depth, line in enumerate(headers) for p in line]
    leaves = sorted(
        (p for depth, p in pieces if not any(d < depth and _overlap(p, q) for d, q in pieces)), key=lambda p: p.left
    )
    if any(_overlap(a, b) for a, b in zip(leaves, leaves[1:])):
        return None
    label_lefts = [p.left for row in rows for p in row if not p.is_figure]
    for _ in range(2):
        centres = [(p.left + p.right) / 2 for p in leaves]
        bounds = [float("-inf")] + [(a + b) / 2 for a, b in zip(centres, centres[1:])] + [float("inf")]
        spaces = list(zip(bounds, bounds[1:]))
        keep = [i for i, (lo, hi) in enumerate(spaces) if not any(lo <= x < hi for x in label_lefts)]
        if len(keep) == len(leaves):
            break
        leaves = [leaves[i] for i in keep]
    else:
        return None
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
    if columns is None or not any(p.is_figure for p in row):
        return " | ".join(p.text for p in row)
    labels = [p.text for p in row if not p.is_figure]
    if any(not p.is_figure and p.right > first for p in row):
        return " | ".join(p.text for p in row)  # text among the figures: not a plain table row
    cells = [""] * len(columns)
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
    last table row before a line that is neither a table row nor row-like."""
    end = index = start + 1
    while index < len(lines):
        if _is_table_row(lines[index]):
            end = index + 1
        elif not _row_like(lines[index]):
            break
        index += 1
    return end


def positioned_lines(runs) -> list[str]:
    """The lines of one page, figures in table rows placed in their columns."""
    lines = _lines(runs)
    out: list[str] = []
    index = 0
    while index < len(lines):
        if not _is_table_row(lines[index]):
            out.append(" | ".join(p.text for p in lines[index]))
            index += 1
            continue
        end = _region_end(lines, index)
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
