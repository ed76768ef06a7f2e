"""A cell of a traced table grid cut to its ink, for reading.

Contract: `cell_crop(grey, box, paper, ink)` returns the grey picture of the cell inside `box`
(its ruling lines already whitened by `image_grid`), a 2-pixel inset, cut to its ink, or None
when the cell holds no ink. Cut so:
- ink is darker than halfway from paper to the cell's ink: the table's, or the cell's own
  darkest pixels when they are lighter (a blurred thin stroke) but still ink; a lone dark pixel (fewer than 3 inked pixels
  around it) is a speck, whitened, unless it touches the ink (the one-pixel arcs of a "0" a
  screenshot prints 9-11 pixels high);
- a group of ink standing apart from the cell's text — beside it by half the ink's height of
  paper, above or below it by two rows — and holding fewer than 8 pixels is a speck (a
  scanner's dark dot beside a figure made its cut too wide for its digits, one above a figure
  too tall for one);
- the cut keeps a pixel more each way and grows over the faint ink touching it (the thin arcs
  of a "0" at scan resolution), by up to 2 pixels.
Why: the readers and the ink measure (`digit_ink`) see only the crop: a speck read as a digit,
or an arc cut off, changes the figure.
"""

from __future__ import annotations

TRIM_INK = 0.5  # darkness (0 paper .. 1 ink) that counts as ink when trimming
FAINT_INK = 0.3  # darkness of the thin strokes a trimmed crop is grown over
FAINT_REACH = 2  # pixels a crop grows each way over faint ink
CELL_DARKEST = 5  # the cell's ink is its 6th darkest pixel when lighter than the table's
CELL_INK = 0.35  # darkness (0 paper .. 1 table ink) below which a cell's darkest pixels are paper
SPECK_PIXELS = 8  # inked pixels below which a group of ink standing apart is a speck
SPECK_ROWS = 2  # rows of paper that set a speck above or below the text apart from it


def _neighbours(mask):
    """For every pixel, how many of the 3 × 3 pixels around it (itself included) `mask` holds."""
    import numpy

    padded = numpy.pad(mask, 1).astype(numpy.uint8)
    height, width = mask.shape
    return sum(padded[1 + dy : 1 + dy + height, 1 + dx : 1 + dx + width] for dy in (-1, 0, 1) for dx in (-1, 0, 1))


def _ink(grey, paper: float, ink: float):
    """The ink of `grey`, without lone specks (a pixel with fewer than 3 inked neighbours)."""
    dark = grey < paper - TRIM_INK * (paper - ink)
    return dark & (_neighbours(dark) >= 3)


def _touching(mask):
    """`mask` grown by one pixel each way (8 neighbours): a dark pixel touching the ink is part
    of a stroke, not a speck. The thin arc of a "0" a screenshot prints 9-11 pixels high is a
    chain of pixels with one inked neighbour each; whitened as specks, they leave two strokes
    that read as "1" or nothing."""
    return _neighbours(mask) > 0


def cell_crop(grey, box, paper: float, ink: float):
    """The picture of the cell inside `box` cut to its ink (see the module's contract); None
    when the cell is empty."""
    import numpy

    x0, y0, x1, y1 = box
    inset = 2
    cut = grey[y0 + inset : y1 - inset, x0 + inset : x1 - inset]
    if cut.size == 0:
        return None
    ink = _cell_ink(cut, paper, ink)
    faint = cut < paper - FAINT_INK * (paper - ink)
    mask = _without_far_specks(_ink(cut, paper, ink), faint)
    rows, columns = numpy.flatnonzero(mask.any(axis=1)), numpy.flatnonzero(mask.any(axis=0))
    if len(rows) == 0 or mask.sum() < 6:
        return None
    specks = (cut < paper - TRIM_INK * (paper - ink)) & ~_touching(mask)
    cut = numpy.where(specks, paper, cut)  # a lone dark pixel inside a 0 makes it a 9
    top, bottom = max(0, rows[0] - 1), min(cut.shape[0], rows[-1] + 2)  # a pixel more: a "1" keeps its faint foot
    left, right = max(0, columns[0] - 1), min(cut.shape[1], columns[-1] + 2)
    reach = _reach(faint, rows[0], rows[-1] + 1, columns[0], columns[-1] + 1)
    top, bottom, left, right = min(top, reach[0]), max(bottom, reach[1]), min(left, reach[2]), max(right, reach[3])
    return cut[top:bottom, left:right]


def _cell_ink(cut, paper: float, ink: float) -> float:
    """The darkness of this cell's own ink: the table's (its darkest pixels, often the ruling
    lines), or, when the cell's strokes are lighter — a low-resolution scan blurs a thin "7" to
    half its darkness — the cell's `CELL_DARKEST`-th darkest pixel, if that is ink at all
    (`CELL_INK` of the table's darkness: paper noise is lighter)."""
    import numpy

    flat = cut.ravel()
    if flat.size <= CELL_DARKEST:
        return ink
    darkest = float(numpy.partition(flat, CELL_DARKEST)[CELL_DARKEST])
    return darkest if ink < darkest <= paper - CELL_INK * (paper - ink) else ink


def _without_far_specks(mask, faint):
    """`mask` without the specks standing apart from the cell's text (`_apart`): beside it, where
    less than half the ink's height of paper parts the columns of ink (a scanner's dark speck a
    line's height beside a "34" made its cut too wide for two digits; a decimal point stands
    between its digits, in their group), then above or below it, where `SPECK_ROWS` rows
    without even faint ink part them (a speck over a "10" made it too tall for a figure; the
    pale diagonal of a small screenshot's "2" still joins its bar to its arc)."""
    import numpy

    rows = numpy.flatnonzero(mask.any(axis=1))
    if len(rows) == 0:
        return mask
    mask = _apart(mask, mask, max(2, (rows[-1] - rows[0] + 1) // 2))
    return _apart(mask.T, (faint | mask).T, SPECK_ROWS - 1).T


def _apart(mask, joined, gap: int):
    """`mask` with each group of its columns of ink holding fewer than `SPECK_PIXELS` dropped,
    while another group holds more; the groups are the runs of `joined`'s inked columns parted
    by more than `gap` columns without."""
    import numpy

    columns = numpy.flatnonzero(joined.any(axis=0))
    groups = numpy.split(columns, numpy.flatnonzero(numpy.diff(columns) > gap) + 1)
    if len(groups) < 2:
        return mask
    inks = [int(mask[:, group[0] : group[-1] + 1].sum()) for group in groups]
    if max(inks) < SPECK_PIXELS:
        return mask
    out = mask.copy()
    for group, pixels in zip(groups, inks):
        if pixels < SPECK_PIXELS:
            out[:, group[0] : group[-1] + 1] = False
    return out


def _reach(faint, top: int, bottom: int, left: int, right: int) -> tuple[int, int, int, int]:
    """The box of the ink (end exclusive) grown, by up to `FAINT_REACH` pixels each way, over the
    faint ink touching it: the thin arcs of a "0" at scan resolution are lighter than its sides,
    and a crop cut at the sides leaves two strokes that read as nothing."""
    for _ in range(FAINT_REACH):
        grown = False
        if top > 0 and faint[top - 1, left:right].any():
            top, grown = top - 1, True
        if bottom < faint.shape[0] and faint[bottom, left:right].any():
            bottom, grown = bottom + 1, True
        if left > 0 and faint[top:bottom, left - 1].any():
            left, grown = left - 1, True
        if right < faint.shape[1] and faint[top:bottom, right].any():
            right, grown = right + 1, True
        if not grown:
            break
    return top, bottom, left, right
