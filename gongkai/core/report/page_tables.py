"""Ruled tables among the text of a scanned page: each table cut out as a picture of its own, the
text above, between and below them kept as pictures of text, in reading order.

Contract: `page_pieces(pictures)` gives, for the page pictures in order, the pieces to read in
order as (picture bytes, kind): a table cut out of a page has the kind its grid's shape gives
(`table_kind`: "proactive", "applications", "review_litigation", or ""), a piece of text cut
from between the tables `TEXT` (no ruling left in it), a page on which `image_grid.find_grid`
traces no grid None (it stays whole, as text). Where the tables stand is taken from the ruling: a table is a band of the levelled page
crossed from top to bottom by the grid's vertical lines (a vertical stroke of a character is
shorter than a row), cut with a margin of half a row; the text pieces are the page's full width
between the bands, so the grid's area is left out of them. A table that ends one page and starts
the next (nothing but margin between) is joined into one picture, its repeated header rows
included. Nothing here reads a character or a figure: the caller reads each table cell by cell
and keeps it only when it proves itself, so a band cut wrongly gives null, never a figure.
Never raises on a bad picture (it stays whole, as text).
"""

from __future__ import annotations

from io import BytesIO

from gongkai.core.report.image_grid import find_grid, paper_and_ink

TEXT = "text"  # the kind of a piece of text cut from a page (its tables left out)
MIN_TEXT_INK = 30  # dark pixels a strip between tables needs to be worth OCR


def _runs(mask, length: int):
    """The positions of `mask` (1-D) in a run of True at least `length` long."""
    import numpy

    padded = numpy.concatenate([[False], mask, [False]])
    edges = numpy.flatnonzero(padded[1:] != padded[:-1])
    out = numpy.zeros_like(mask)
    for start, end in zip(edges[::2], edges[1::2]):
        if end - start >= length:
            out[start:end] = True
    return out


def _bands(dark, grid) -> list[tuple[int, int, int, int]]:
    """(x0, y0, x1, y1) of every table on the page: the spans of rows crossed by a long run of a
    vertical ruling line of the grid, each as wide as its lines."""
    import numpy

    pitch = max(8, int(grid.row_pitch))
    xs = sorted({cell.box[0] - 1 for cell in grid.cells} | {cell.box[2] for cell in grid.cells})
    height, width = dark.shape
    ruled = {}
    for x in xs:
        column = dark[:, max(0, x - 2) : min(width, x + 3)].any(axis=1)
        # a speckle-free line may break for a pixel or two: close those breaks first
        closed = column.copy()
        for step in (1, 2, 3):
            closed[step:] |= column[:-step] & numpy.roll(column, -step)[step:]
        ruled[x] = _runs(closed, pitch)
    crossed = numpy.zeros(height, bool)
    for runs in ruled.values():
        crossed |= runs
    bands = []
    for y0, y1 in zip(*[iter(numpy.flatnonzero(numpy.diff(numpy.concatenate([[0], crossed, [0]]).astype(int))))] * 2):
        if y1 - y0 < 2 * pitch:
            continue
        lines = [x for x, runs in ruled.items() if runs[y0:y1].any()]
        bands.append((min(lines), int(y0), max(lines) + 1, int(y1)))
    return bands


def _png(array) -> bytes:
    import numpy
    from PIL import Image

    out = BytesIO()
    Image.fromarray(numpy.clip(array, 0, 255).astype(numpy.uint8)).save(out, "PNG")
    return out.getvalue()


def table_kind(grid) -> str:
    """The table of the national format (国办公开办函〔2021〕30号) a traced grid has the shape of:
    table 四 one row of 15 figures under three header rows, table 三 about 28 rows of 10
    columns (three of labels), table 二 four columns (labels and three figures) in 4 blocks;
    "" for any other shape. Only where a table stands is taken from this: its figures are read
    and proved as always."""
    columns = max(cell.right for cell in grid.cells)
    rows = len(grid.rows)
    if columns == 15 and rows <= 6:
        return "review_litigation"
    if columns == 10 and rows >= 20:
        return "applications"
    if columns == 4 and rows >= 8:
        return "proactive"
    return ""


def _kind(table: bytes) -> str:
    found = find_grid(table)
    return "" if found is None else table_kind(found[1])


def _cut(picture: bytes) -> list[tuple] | None:
    """The page as ("text", array) and ("table", array, margin) pieces top to bottom; None
    without a grid."""
    found = find_grid(picture, whiten=False)
    if found is None:
        return None
    grey, grid = found
    paper, ink = paper_and_ink(grey)
    dark = grey < paper - max(18.0, 0.22 * (paper - ink))
    bands = _bands(dark, grid)
    if not bands:
        return None
    pad = max(4, int(grid.row_pitch) // 2)
    edge = max(3, int(grid.row_pitch) // 8)  # a ruling line's thickness and blur
    pieces: list[tuple] = []
    top = 0
    for x0, y0, x1, y1 in bands:
        if dark[top : max(top, y0 - edge)].sum() >= MIN_TEXT_INK:
            pieces.append(("text", grey[top : y0 - edge]))
        pieces.append(("table", grey[max(0, y0 - pad) : y1 + pad, max(0, x0 - pad) : x1 + pad], pad))
        top = y1 + edge
    if dark[top:].sum() >= MIN_TEXT_INK:
        pieces.append(("text", grey[top:]))
    return pieces


def _joined(upper, lower):
    """Two parts of one table (pieces with their margins), one under the other, the page break's
    margins left out, on paper as wide as the wider."""
    import numpy

    upper = upper[1][: upper[1].shape[0] - upper[2]]
    lower = lower[1][lower[2] :]
    width = max(upper.shape[1], lower.shape[1])
    paper = float(numpy.percentile(upper, 60))

    def widened(part):
        return numpy.pad(part, ((0, 0), (0, width - part.shape[1])), constant_values=paper)

    return numpy.concatenate([widened(upper), widened(lower)])


def page_pieces(pictures: list[bytes]) -> list[tuple[bytes, str | None]]:
    pieces: list[tuple] = []
    for picture in pictures:
        cut = _cut(picture)
        if cut is None:
            pieces.append(("whole", picture))
            continue
        if pieces and pieces[-1][0] == "table" and cut[0][0] == "table":
            pieces[-1] = ("table", _joined(pieces[-1], cut[0]), 0)  # one table over two pages
            cut = cut[1:]
        pieces += cut
    out: list[tuple[bytes, str | None]] = []
    for what, piece, *_ in pieces:
        if what == "whole":
            out.append((piece, None))
        elif what == "text":
            out.append((_png(piece), TEXT))
        else:
            table = _png(piece)
            out.append((table, _kind(table)))
    return out
