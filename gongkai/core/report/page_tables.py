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
the next (nothing but margin between, or a page number or running head or foot: one short line,
`LINE_ROWS`, put after the joined table) is joined into one picture: the upper part to its last
ruling line, the lower one from below its header when the header is printed again (its rows
alike, block by block, `SAME_BLOCKS`), else from below its top line. Nothing here reads a character or a figure: the caller reads each table cell by cell
and keeps it only when it proves itself, so a band cut wrongly gives null, never a figure.
Never raises on a bad picture (it stays whole, as text).
"""

from __future__ import annotations

from io import BytesIO

from gongkai.core.report.image_grid import MAX_PIXELS, find_grid, paper_and_ink

TEXT = "text"  # the kind of a piece of text cut from a page (its tables left out)
TEXT_ROWS = 8  # rows of ink (each with `TEXT_ROW_INK` pixels not alone) a strip needs to hold text
TEXT_ROW_INK = 8
RULED = 0.6  # share of a table's width a horizontal ruling line crosses, for joining two parts
LINE_ROWS = 60  # rows (at about 200 dpi, 7.5 mm) a page number or running head or foot spans at most
SAME_BLOCKS = 0.08  # mean difference of ink in 8×8 blocks under which two header rows are alike


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


def _has_text(dark) -> bool:
    """Whether a strip of the page holds a line of text, not only a scanner's speckles: ink
    pixels with an ink neighbour, `TEXT_ROW_INK` or more on each of `TEXT_ROWS` rows."""
    if dark.shape[0] < 3 or dark.shape[1] < 3:
        return False
    inner = dark[1:-1, 1:-1]
    joined = inner & (dark[:-2, 1:-1] | dark[2:, 1:-1] | dark[1:-1, :-2] | dark[1:-1, 2:])
    return int((joined.sum(axis=1) >= TEXT_ROW_INK).sum()) >= TEXT_ROWS


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
        if _has_text(dark[top : max(top, y0 - edge)]):
            pieces.append(("text", grey[top : y0 - edge]))
        pieces.append(("table", grey[max(0, y0 - pad) : y1 + pad, max(0, x0 - pad) : x1 + pad], pad))
        top = y1 + edge
    if _has_text(dark[top:]):
        pieces.append(("text", grey[top:]))
    return pieces


def _dark(part):
    paper, ink = paper_and_ink(part)
    return part < paper - max(18.0, 0.22 * (paper - ink))


def _rulings(dark) -> list[tuple[int, int]]:
    """(first, last) row of every horizontal ruling line crossing most of the part's width."""
    import numpy

    groups: list[list[int]] = []
    for y in numpy.flatnonzero(dark.mean(axis=1) > RULED):
        if groups and y - groups[-1][-1] <= 2:
            groups[-1].append(int(y))
        else:
            groups.append([int(y)])
    return [(group[0], group[-1]) for group in groups]


def _same(one, other) -> bool:
    """Two bands of ink alike (a header row printed again), compared in blocks of 8 pixels."""
    width = min(one.shape[1], other.shape[1]) // 8 * 8
    height = one.shape[0] // 8 * 8
    if width == 0 or height == 0:
        return False

    def blocks(mask):
        return mask[:height, :width].reshape(height // 8, 8, width // 8, 8).mean(axis=(1, 3))

    return float(abs(blocks(one) - blocks(other)).mean()) < SAME_BLOCKS


def _resized(part, factor: float):
    """A part scaled by `factor` (two pages scanned at different sizes), unchanged within 1 %."""
    import numpy
    from PIL import Image

    if abs(factor - 1) <= 0.01:
        return part
    image = Image.fromarray(numpy.clip(part, 0, 255).astype(numpy.uint8))
    size = (round(part.shape[1] * factor), max(1, round(part.shape[0] * factor)))
    return numpy.asarray(image.resize(size, Image.LANCZOS), dtype=numpy.float32)


def _joined(upper, lower):
    """Two parts of one table (pieces with their margins, the lower scaled to the upper's width)
    as one picture: the upper to its last
    ruling line, the lower from below its header when the header is printed again (each row of
    it alike, from the top line) or from below its top line; on paper as wide as the wider.
    None when a part has no ruling line across it, or when the two hold more than `MAX_PIXELS`."""
    import numpy

    if upper[1].size + lower[1].size * (upper[1].shape[1] / lower[1].shape[1]) ** 2 > MAX_PIXELS:
        return None  # a table over many pages is not joined past the pixel cap
    upper, lower = upper[1], _resized(lower[1], upper[1].shape[1] / lower[1].shape[1])
    up_dark, low_dark = _dark(upper), _dark(lower)
    up_lines, low_lines = _rulings(up_dark), _rulings(low_dark)
    if not up_lines or not low_lines:
        return None
    start = low_lines[0][1] + 1
    for (u0, u1), (l0, l1) in zip(zip(up_lines, up_lines[1:]), zip(low_lines, low_lines[1:])):
        height = u1[0] - u0[1]
        if abs(height - (l1[0] - l0[1])) > 2 or not _same(up_dark[u0[1] : u1[0]], low_dark[l0[1] : l0[1] + height]):
            break
        start = l1[1] + 1
    upper, lower = upper[: up_lines[-1][1] + 1], lower[start:]
    width = max(upper.shape[1], lower.shape[1])
    paper = float(numpy.percentile(upper, 60))

    def widened(part):
        return numpy.pad(part, ((0, 0), (0, width - part.shape[1])), constant_values=paper)

    return numpy.concatenate([widened(upper), widened(lower)])


def _encoded(piece: tuple) -> tuple[bytes, str]:
    picture = _png(piece[1])
    return (picture, TEXT) if piece[0] == "text" else (picture, _kind(picture))


def _one_line(piece: tuple) -> bool:
    """Whether a text piece is one short line: a page number or a running head or foot, no
    more than `LINE_ROWS` rows from its first ink to its last."""
    import numpy

    if piece[0] != TEXT:
        return False
    rows = numpy.flatnonzero(_dark(piece[1]).sum(axis=1) >= TEXT_ROW_INK)
    return len(rows) > 0 and rows[-1] - rows[0] < LINE_ROWS


def page_pieces(pictures: list[bytes]) -> list[tuple[bytes, str | None]]:
    out: list[tuple[bytes, str | None]] = []
    pending = None  # the table ending the previous page, which this page may continue
    foot: list[tuple] = []  # the page number or running foot printed under it
    for picture in pictures:
        cut = _cut(picture)
        head = [cut.pop(0)] if cut is not None and len(cut) > 1 and _one_line(cut[0]) and cut[1][0] == "table" else []
        if cut is not None and pending is not None and cut[0][0] == "table":
            joined = _joined(pending, cut[0])
            if joined is not None:  # one table over two pages
                cut[0], pending = ("table", joined, 0), None
                cut[1:1] = foot + head  # the page's foot and the next one's head after the table
                foot, head = [], []
        if pending is not None:
            out.append(_encoded(pending))
            pending = None
        out += [_encoded(piece) for piece in foot]
        foot = []
        if cut is None:
            out += [_encoded(piece) for piece in head] + [(picture, None)]
            continue
        cut[:0] = head
        if cut[-1][0] == "table":
            pending = cut.pop()
        elif len(cut) > 1 and cut[-2][0] == "table" and _one_line(cut[-1]):
            foot, pending = [cut.pop()], cut.pop()
        out += [_encoded(piece) for piece in cut]  # each page's pixels let go as soon as it is cut
    return out + ([_encoded(pending)] if pending is not None else []) + [_encoded(piece) for piece in foot]
