"""Reading the cells of a traced table grid with tesseract, one process per pass.

Contract: `cell_texts(grey, grid)` returns the text of every cell of `grid` (`image_grid`):
"" for an empty cell; for a figure cell its digits when two independent readings agree, else
"?"; for a label cell the chi_sim reading ("?" when that reading is a bare number: a figure is
never taken from it); and for each figure cell left "?", the figures any of its readings saw
(for `settle_sums`, which may take one of them only when the table's arithmetic proves it).
None when tesseract is missing, fails or times out.

How: each cell is cut out (its ruling lines already whitened), trimmed to its ink (grown over
the faint ink touching it: the thin arcs of a "0"; lone specks whitened, but no dark pixel
touching the ink: the one-pixel arcs of a "0" 9-11 pixels high) and scaled to a fixed text height; the
cells of one pass are the pages of one multi-page TIFF, so one tesseract process reads them
all, each page on its own (`--psm 7`, one line, for figures), and the page separators give
every cell its text back. A quick reading with the Latin model
sorts the figures from the labels; the figures are then read twice, at two sizes, with the
digits whitelist; the labels once with chi_sim, all three passes at once. A figure the two
readings do not confirm gets a second look (`_second_look`: larger, binarised, other page
modes), which must confirm it on its own (`read_glyphs.agreed_again`). A figure stands only
when its crop is no wider than its digits: half a digit more at most, by the table's own digit
width (two digits run together, read as one, stay unconfirmed).
"""

from __future__ import annotations

import re
import shutil

from gongkai.core.report.image_grid import paper_and_ink
from gongkai.core.report.ocr_pages import page, pages_text
from gongkai.core.report.read_glyphs import agreed, agreed_again, glyph_count, glyph_readings, spaced

SORT_HEIGHT = 18  # pixels of a line of text on the sorting pass
LABEL_HEIGHT = 26  # pixels of a line of label text
FIGURE_HEIGHTS = (24, 20)  # pixels of a figure's digits, per reading
FIGURE_LIKE = re.compile(r"^[0-9OoQDIil|!\[\]丨〇\s]{1,12}$")  # digits as the Latin model may see them
DIGITS = re.compile(r"^\d{1,9}$")
# A speck of the scan beside a label, read as a digit after its last character: no label of
# the national format ends in a number (their numbers lead: "1.属于国家秘密").
TRAILING_SPECK = re.compile(r"(?<=[\u4e00-\u9fff）)])\s+\d{1,2}$")
CHINESE_LABEL = re.compile(r"[\u4e00-\u9fff]{2}")  # two Chinese characters in a row: a label

SORT = ["-l", "eng", "--psm", "7"]
LABELS = ["-l", "chi_sim", "--psm", "6"]
# Digits, and the letters a "1" or a "0" is taken for: without them tesseract drops the glyph.
FIGURES = ["-l", "eng", "--psm", "7", "-c", "tessedit_char_whitelist=0123456789IlO|"]
SINGLE = ["-l", "eng", "--psm", "10", "-c", "tessedit_char_whitelist=0123456789IlO|"]
WORD = ["-l", "eng", "--psm", "8", "-c", "tessedit_char_whitelist=0123456789IlO|"]
RAW = ["-l", "eng", "--psm", "13", "-c", "tessedit_char_whitelist=0123456789IlO|"]
AGAIN_HEIGHTS = (32, 40)  # pixels of a figure's digits on the second look
LOOKALIKES = str.maketrans("IlO|", "1101")
CHINESE_HEIGHT = 20  # pixels of a figure read once more with chi_sim (`every_reading`)
MIN_WIDTHS = 5  # confirmed figures needed before the table's digit width is trusted
DIGIT_SLACK = 0.5  # digits' worth of width a figure's crop may have beyond its own digits


TRIM_INK = 0.5  # darkness (0 paper .. 1 ink) that counts as ink when trimming
FAINT_INK = 0.3  # darkness of the thin strokes a trimmed crop is grown over
FAINT_REACH = 2  # pixels a crop grows each way over faint ink


def _ink(grey, paper: float, ink: float):
    """The ink of `grey`, without lone specks (a pixel with fewer than 3 inked neighbours)."""
    import numpy

    dark = grey < paper - TRIM_INK * (paper - ink)
    padded = numpy.pad(dark, 1).astype(numpy.uint8)
    neighbours = sum(
        padded[1 + dy : padded.shape[0] - 1 + dy, 1 + dx : padded.shape[1] - 1 + dx]
        for dy in (-1, 0, 1)
        for dx in (-1, 0, 1)
    )
    return dark & (neighbours >= 3)


def _touching(mask):
    """`mask` grown by one pixel each way (8 neighbours): a dark pixel touching the ink is part
    of a stroke, not a speck. The thin arc of a "0" a screenshot prints 9-11 pixels high is a
    chain of pixels with one inked neighbour each; whitened as specks, they leave two strokes
    that read as "1" or nothing."""
    import numpy

    padded = numpy.pad(mask, 1)
    height, width = mask.shape
    return numpy.logical_or.reduce(
        [padded[1 + dy : 1 + dy + height, 1 + dx : 1 + dx + width] for dy in (-1, 0, 1) for dx in (-1, 0, 1)]
    )


def _trimmed(grey, box, paper: float, ink: float):
    """The cell's picture cut to its ink (None when the cell is empty)."""
    import numpy

    x0, y0, x1, y1 = box
    inset = 2
    cut = grey[y0 + inset : y1 - inset, x0 + inset : x1 - inset]
    if cut.size == 0:
        return None
    mask = _ink(cut, paper, ink)
    rows, columns = numpy.flatnonzero(mask.any(axis=1)), numpy.flatnonzero(mask.any(axis=0))
    if len(rows) == 0 or mask.sum() < 6:
        return None
    specks = (cut < paper - TRIM_INK * (paper - ink)) & ~_touching(mask)
    faint = cut < paper - FAINT_INK * (paper - ink)
    cut = numpy.where(specks, paper, cut)  # a lone dark pixel inside a 0 makes it a 9
    top, bottom = max(0, rows[0] - 1), min(cut.shape[0], rows[-1] + 2)  # a pixel more: a "1" keeps its faint foot
    left, right = max(0, columns[0] - 1), min(cut.shape[1], columns[-1] + 2)
    reach = _reach(faint, rows[0], rows[-1] + 1, columns[0], columns[-1] + 1)
    top, bottom, left, right = min(top, reach[0]), max(bottom, reach[1]), min(left, reach[2]), max(right, reach[3])
    return cut[top:bottom, left:right]


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


def _figure_passes(crops: list, paper: float, ink: float) -> list:
    """The jobs reading the figures: twice with the digits set apart (two sizes), and once more
    as a single character where the crop holds one glyph (`--psm 7` drops a lone "1")."""
    jobs = [([page(spaced(c, paper, ink), height, paper) for c in crops], FIGURES) for height in FIGURE_HEIGHTS]
    single = [i for i, c in enumerate(crops) if glyph_count(c, paper, ink) == 1]
    if single:
        jobs.append(([page(crops[i], FIGURE_HEIGHTS[0], paper) for i in single], SINGLE))
    return jobs, single


def _binarised(crop, paper: float, ink: float):
    """The crop as paper and ink only, cut halfway between them."""
    import numpy

    return numpy.where(crop < (paper + ink) / 2, ink, paper).astype(numpy.float32)


def _second_look(crops: list, paper: float, ink: float) -> tuple[list[list[str]], list[str]]:
    """More readings of the figure crops that the first look left unconfirmed: larger (the
    glyphs of a low-resolution scan are a dozen pixels high), binarised, and as one word
    (`--psm 8`) and as raw text (`--psm 13`); a lone glyph once more as a single character,
    binarised; and each crop read as Chinese (a short label such as 总计 sorted among the
    figures). One process per pass; no readings when tesseract fails."""
    line = [[page(spaced(c, paper, ink), h, paper) for c in crops] for h in AGAIN_HEIGHTS]
    line.append([page(spaced(_binarised(c, paper, ink), paper, ink), AGAIN_HEIGHTS[0], paper) for c in crops])
    word = [page(spaced(c, paper, ink), AGAIN_HEIGHTS[0], paper) for c in crops]
    raw = [page(c, AGAIN_HEIGHTS[-1], paper) for c in crops]
    chinese = [page(c, LABEL_HEIGHT, paper) for c in crops]
    lone = [i for i, c in enumerate(crops) if glyph_count(c, paper, ink) == 1]
    jobs = [([p for pages in line for p in pages], FIGURES), (word, WORD), (raw, RAW), (chinese, LABELS)]
    if lone:
        jobs.append(([page(_binarised(crops[i], paper, ink), AGAIN_HEIGHTS[-1], paper) for i in lone], SINGLE))
    found = pages_text(jobs)
    if found is None:
        return [[] for _ in crops], [""] * len(crops)
    labels = found.pop(3)
    found = [[text.translate(LOOKALIKES).replace(" ", "") for text in texts] for texts in found]
    count = len(crops)
    out = [[found[0][k * count + i] for k in range(len(line))] + [found[1][i], found[2][i]] for i in range(count)]
    if lone:
        for index, text in zip(lone, found[3]):
            out[index].append(text)
    return out, labels


def _digit_width(crops: list, values: list[str]) -> float | None:
    """The width one digit takes in this table (its figures are printed in one font at one size):
    the median, over the figures the first look confirmed, of their crop's width per digit; None
    with fewer than `MIN_WIDTHS` of them."""
    import numpy

    widths = [crop.shape[1] / len(value) for crop, value in zip(crops, values) if value.isdigit()]
    return float(numpy.median(widths)) if len(widths) >= MIN_WIDTHS else None


def _plausible(value: str | None, crop, digit: float | None = None) -> bool:
    """Whether the crop is as wide as `value`'s digits: at most 0.9 of its height per digit
    (plus 0.6), and, given the table's `digit` width, at most half a digit more than its digits
    (two digits run together read as one, "56" as "6", are too wide for one)."""
    if value is None or crop.shape[1] > crop.shape[0] * (0.9 * len(value) + 0.6):
        return False
    return digit is None or crop.shape[1] <= (len(value) + DIGIT_SLACK) * digit + 2


def _figures(crops: list, found: list[list[str]], single: list[int], paper: float, ink: float):
    """Every figure crop's confirmed digits, or "?"; and for each "?", every reading of it."""
    passes = [[text.translate(LOOKALIKES).replace(" ", "") for text in texts] for texts in found]
    lone = [""] * len(crops)
    if single:
        for index, text in zip(single, passes.pop()):
            lone[index] = text
    templates, known = glyph_readings(crops, passes[0], paper, ink)
    out, first = [], {}
    for number, crop in enumerate(crops):
        readings = [p[number] for p in passes] + [lone[number]]
        value = agreed(readings, templates[number], known)
        out.append(value if _plausible(value, crop) else "?")
        first[number] = readings
    digit = _digit_width(crops, out)
    out = [value if _plausible(value, crop, digit) else "?" for value, crop in zip(out, crops)]
    first = {number: readings for number, readings in first.items() if out[number] == "?"}
    unsure = list(first)
    seen = {}
    again, labels = _second_look([crops[i] for i in unsure], paper, ink) if unsure else ([], [])
    for number, more, label in zip(unsure, again, labels):
        value = agreed_again(first[number], more, templates[number], known)
        if _plausible(value, crops[number], digit):
            out[number] = value
        elif CHINESE_LABEL.search(label.replace(" ", "")):
            out[number] = label  # a label: in a figure's place the table is refused, never misread
        else:
            seen[number] = {r for r in first[number] + more + [templates[number]] if r.isdigit()}
    return out, seen


def _sorted_figures(cells: list, readings: list[str], trimmed: dict) -> list:
    """The cells holding a figure. Digits are shorter than Chinese characters (about 0.7 of
    the character height): a cell is a figure when its ink is as tall as the figures the
    Latin model read plainly, and that model read it as digits, or as at most three other
    characters (a "7" read as "T")."""
    import numpy

    plain = [trimmed[c].shape[0] for c, text in zip(cells, readings) if DIGITS.match(text)]
    if not plain:
        return []
    height = float(numpy.median(plain))
    return [
        c
        for c, text in zip(cells, readings)
        if abs(trimmed[c].shape[0] - height) <= 0.1 * height + 1
        and (
            FIGURE_LIKE.match(text)
            or (len(text.replace(" ", "")) <= 3 and trimmed[c].shape[1] <= 2.2 * trimmed[c].shape[0])
        )
    ]


def _strays(labels: list, texts: dict, trimmed: dict, figures: list) -> list:
    """The cells sorted as labels that look like a figure after all: as tall as the figures,
    and read by chi_sim as no label (no two Chinese characters: a "0" read as "人")."""
    import numpy

    if not figures:
        return []
    height = float(numpy.median([trimmed[c].shape[0] for c in figures]))
    return [
        c
        for c in labels
        if abs(trimmed[c].shape[0] - height) <= 0.15 * height + 1 and not re.search(r"[\u4e00-\u9fff]{2}", texts[c])
    ]


def cell_texts(grey, grid) -> tuple[dict, dict] | None:
    """({cell: text} for every cell of the grid, {cell: the figures any reading saw} for each
    figure cell left "?") — see the module's contract."""
    import numpy

    if shutil.which("tesseract") is None:
        return None
    paper, ink = paper_and_ink(grey)
    trimmed = {cell: _trimmed(grey, cell.box, paper, ink) for cell in grid.cells}
    texts = {cell: "" for cell, array in trimmed.items() if array is None}
    inked = [cell for cell, array in trimmed.items() if array is not None]
    if not inked:
        return texts, {}
    line = float(numpy.median([trimmed[c].shape[0] for c in inked]))  # most cells hold one line
    single = [c for c in inked if trimmed[c].shape[0] <= 1.5 * line]
    found = pages_text([([page(trimmed[c], SORT_HEIGHT, paper) for c in single], SORT)]) if single else [[]]
    if found is None:
        return None
    figures = _sorted_figures(single, found[0], trimmed)
    labels = [c for c in inked if c not in set(figures)]
    jobs = []
    if labels:
        scale = LABEL_HEIGHT / line
        pages = [page(trimmed[c], max(8, round(trimmed[c].shape[0] * scale)), paper, LABEL_HEIGHT) for c in labels]
        jobs.append((pages, LABELS))
    crops = [trimmed[c] for c in figures]
    figure_jobs, lone = _figure_passes(crops, paper, ink) if figures else ([], [])
    found = pages_text(jobs + figure_jobs)
    if found is None:
        return None
    if labels:
        for cell, text in zip(labels, found.pop(0)):
            text = TRAILING_SPECK.sub("", text)
            texts[cell] = "?" if re.fullmatch(r"[\d\s]+", text) else text  # never a figure from chi_sim
    strays = _strays(labels, texts, trimmed, figures)
    if strays:  # read as figures from the second look on, with no first readings
        figures, crops = figures + strays, crops + [trimmed[c] for c in strays]
        found = [texts + [""] * len(strays) for texts in found[: len(FIGURE_HEIGHTS)]] + found[len(FIGURE_HEIGHTS) :]
    seen = {}
    if figures:
        values, unsure = _figures(crops, found, lone, paper, ink)
        texts.update(zip(figures, values))
        seen = {figures[number]: readings for number, readings in unsure.items()}
    return texts, seen


def cell_crop(grey, box, paper: float, ink: float):
    """The picture of the cell inside `box` cut to its ink (lone specks whitened); None when the
    cell is empty."""
    return _trimmed(grey, box, paper, ink)


def every_reading(crops: list, paper: float, ink: float) -> tuple[list[list[str]], list[list[str]]] | None:
    """Every reading of each figure crop, for a table that must be read by all its readers: the
    first look's two sizes, then the second look's (two larger sizes, binarised, one word, raw
    text, a lone glyph as a single character), then the first look's single character where the
    crop holds one glyph; and the crop read twice with chi_sim (another model, which also reads
    a decimal point), at the labels' height and larger. None when tesseract fails."""
    jobs, single = _figure_passes(crops, paper, ink)
    jobs.append(([page(c, CHINESE_HEIGHT, paper) for c in crops], LABELS))
    found = pages_text(jobs)
    if found is None:
        return None
    chinese_large = found.pop()
    first = [[text.translate(LOOKALIKES).replace(" ", "") for text in texts] for texts in found]
    again, chinese = _second_look(crops, paper, ink)
    if any(not more for more in again):
        return None
    out = [[first[0][i], first[1][i], *again[i]] for i in range(len(crops))]
    for index, text in zip(single, first[2] if single else []):
        out[index].append(text)
    return out, [[one.replace(" ", ""), two.replace(" ", "")] for one, two in zip(chinese, chinese_large)]
