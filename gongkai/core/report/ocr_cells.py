"""Reading the cells of a traced table grid with tesseract, one process per pass.

Contract: `cell_texts(grey, grid)` returns the text of every cell of `grid` (`image_grid`):
"" for an empty cell; for a figure cell its digits when two independent readings agree, else
"?"; for a label cell the chi_sim reading ("?" when that reading is a bare number: a figure is
never taken from it); and for each figure cell left "?", the figures any of its readings saw
(for `settle_sums`, which may take one of them only when the table's arithmetic proves it):
only those the ink does not refute. None when tesseract is missing, fails or times out.

How: each cell is cut to its ink (`cell_crop`) and scaled to a fixed text height; the
cells of one pass are the pages of one multi-page TIFF, so one tesseract process reads them
all, each page on its own (`--psm 7`, one line, for figures), and the page separators give
every cell its text back. A quick reading with the Latin model
sorts the figures from the labels; the figures are then read twice, at two sizes, with the
digits whitelist; the labels once with chi_sim, all three passes at once. A figure stands only
when its ink holds exactly its digits, measured on the table's own digits (`digit_ink`): a
dropped "1" or two digits run together and read as one stay unconfirmed, and a reading the ink
refutes says nothing for or against a figure. A figure the first readings do not confirm gets a
second look (`_second_look`: larger, binarised, other page modes, chi_sim at two sizes — another
model, which reads "43" where the Latin one reads "8" — and each glyph read alone where the ink
parts into glyphs at a darker level, so a thin "1" a blur joined to the next digit is not
dropped), which must confirm it on its own (`read_glyphs.agreed_again`).
"""

from __future__ import annotations

import re
import shutil

from gongkai.core.report.cell_crop import cell_crop
from gongkai.core.report.digit_ink import COUNT_TOLERANCE, PART_INK, Ink, measured
from gongkai.core.report.image_grid import paper_and_ink
from gongkai.core.report.ocr_pages import page, pages_text
from gongkai.core.report.read_glyphs import agreed, agreed_again, glyph_boxes, glyph_count, glyph_readings, spaced

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
DIGIT = re.compile(r"\d")


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


def _second_look(crops: list, paper: float, ink: float) -> tuple[list[list[str]], list[list[str]]]:
    """More readings of the figure crops that the first look left unconfirmed: larger (the
    glyphs of a low-resolution scan are a dozen pixels high), binarised, and as one word
    (`--psm 8`) and as raw text (`--psm 13`); a lone glyph once more as a single character,
    binarised; and each crop read with chi_sim at two sizes (another model, which reads two
    touching digits the Latin model reads as one; and a short label such as 总计 sorted among
    the figures). One process per pass; no readings when tesseract fails."""
    line = [[page(spaced(c, paper, ink), h, paper) for c in crops] for h in AGAIN_HEIGHTS]
    line.append([page(spaced(_binarised(c, paper, ink), paper, ink), AGAIN_HEIGHTS[0], paper) for c in crops])
    word = [page(spaced(c, paper, ink), AGAIN_HEIGHTS[0], paper) for c in crops]
    raw = [page(c, AGAIN_HEIGHTS[-1], paper) for c in crops]
    chinese = [page(c, height, paper) for height in (LABEL_HEIGHT, CHINESE_HEIGHT) for c in crops]
    lone = [i for i, c in enumerate(crops) if glyph_count(c, paper, ink) == 1]
    pieces = [_pieces(c, paper, ink) for c in crops]
    one_by_one = [page(piece, AGAIN_HEIGHTS[0], paper) for parts in pieces for piece in parts]
    jobs = [([p for pages in line for p in pages], FIGURES), (word, WORD), (raw, RAW), (chinese, LABELS)]
    if one_by_one:
        binarised = [
            page(_binarised(piece, paper, ink), AGAIN_HEIGHTS[0], paper) for parts in pieces for piece in parts
        ]
        jobs.append((one_by_one + binarised, SINGLE))
    if lone:
        jobs.append(([page(_binarised(crops[i], paper, ink), AGAIN_HEIGHTS[-1], paper) for i in lone], SINGLE))
    found = pages_text(jobs)
    if found is None:
        return [[] for _ in crops], [["", ""] for _ in crops]
    both = [text.replace(" ", "") for text in found.pop(3)]
    labels = [[both[i], both[len(crops) + i]] for i in range(len(crops))]
    glyphwise = _joined(pieces, found.pop(3)) if one_by_one else []
    found = [[text.translate(LOOKALIKES).replace(" ", "") for text in texts] for texts in found]
    count = len(crops)
    out = [[found[0][k * count + i] for k in range(len(line))] + [found[1][i], found[2][i]] for i in range(count)]
    if lone:
        for index, text in zip(lone, found[3]):
            out[index].append(text)
    for readings, glyph_readings_of in zip(out, glyphwise):
        readings += glyph_readings_of
    return out, labels


def _pieces(crop, paper: float, ink: float) -> list:
    """The crop's glyphs, each the crop's full height and a pixel either side, where the ink
    parts into two glyphs or more at a darker level (`digit_ink.PART_INK`): a blur joins a thin "1" to
    the next digit, and the Latin model reads the pair as one digit ("14" as "4"); read one
    by one, no glyph is dropped. None but a single piece: [] (nothing to read apart)."""
    boxes = glyph_boxes(crop, paper, ink, PART_INK)
    if len(boxes) < 2:
        return []
    return [crop[:, max(0, left - 1) : right + 1] for left, right, _, _ in boxes]


def _joined(pieces: list[list], texts: list[str]) -> list[list[str]]:
    """Per crop, its glyphs' single-character readings joined, grey and binarised: a figure,
    or "" when a glyph read as no single digit."""
    texts = [text.translate(LOOKALIKES).replace(" ", "") for text in texts]
    half, out, at = len(texts) // 2, [], 0
    for parts in pieces:
        count = len(parts)
        out.append(
            [
                "".join(run) if all(DIGIT.fullmatch(t) for t in run) else ""
                for run in (texts[at : at + count], texts[half + at : half + at + count])
            ]
        )
        at += count
    return out


def _plausible(value: str | None, crop) -> bool:
    """Whether the crop is no wider than `value`'s digits could be: at most 0.9 of its height
    per digit (plus 0.6) — before the table's own digits are measured (`_fits`)."""
    return value is not None and crop.shape[1] <= crop.shape[0] * (0.9 * len(value) + 0.6)


def _fits(value: str | None, crop, boxes: list, measure: Ink) -> bool:
    """Whether `value` is plausible and, where the table's digits measure it, its glyphs hold
    exactly its digits (`digit_ink`): "14" or "44" read "4", "56" read "6", stay unconfirmed."""
    if not _plausible(value, crop):
        return False
    return not measure.measures(value) or measure.fits(value, boxes, COUNT_TOLERANCE)


def _figures(crops: list, found: list[list[str]], single: list[int], paper: float, ink: float):
    """Every figure crop's confirmed digits, or "?"; and for each "?", every reading of it."""
    passes = [[text.translate(LOOKALIKES).replace(" ", "") for text in texts] for texts in found]
    lone = [""] * len(crops)
    if single:
        for index, text in zip(single, passes.pop()):
            lone[index] = text
    templates, known = glyph_readings(crops, passes[0], paper, ink)
    first = [[p[number] for p in passes] + [lone[number], templates[number]] for number in range(len(crops))]
    out = [agreed(readings[:-1], readings[-1], known) for readings in first]
    out = [value if _plausible(value, crop) else "?" for value, crop in zip(out, crops)]
    boxes = [glyph_boxes(crop, paper, ink) for crop in crops]
    read = [number for number, value in enumerate(out) if value.isdigit()]
    measure = measured([crops[n] for n in read], [out[n] for n in read], [boxes[n] for n in read], paper, ink)
    for number, crop in enumerate(crops):
        if out[number] == "?" or not _fits(out[number], crop, boxes[number], measure):
            # the readings the ink refutes (a digit dropped, two run together) say nothing
            first[number] = _inked(first[number], boxes[number], measure)
            value = agreed(first[number][:-1], first[number][-1], known)
            out[number] = value if _fits(value, crop, boxes[number], measure) else "?"
    unsure = [number for number, value in enumerate(out) if value == "?"]
    seen = {}
    again, labels = _second_look([crops[i] for i in unsure], paper, ink) if unsure else ([], [])
    for number, more, chinese in zip(unsure, again, labels):
        figures = [text for text in chinese if DIGITS.match(text)]  # chi_sim: only a plain figure is a reading
        more = _inked(more + figures, boxes[number], measure)
        value = agreed_again(first[number][:-1], more, first[number][-1], known)
        if _fits(value, crops[number], boxes[number], measure):
            out[number] = value
        elif CHINESE_LABEL.search(chinese[0]):
            out[number] = chinese[0]  # a label: in a figure's place the table is refused, never misread
        else:
            seen[number] = {r for r in first[number] + more if r.isdigit()}
    return out, seen


def _inked(readings: list[str], boxes: list, measure: Ink) -> list[str]:
    """`readings` with each figure the ink refutes (measured, and not holding that many digits)
    made "" — kept in place, so a list's last item stays its template reading."""
    return [
        "" if r.isdigit() and measure.measures(r) and not measure.fits(r, boxes, COUNT_TOLERANCE) else r
        for r in readings
    ]


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
    trimmed = {cell: cell_crop(grey, cell.box, paper, ink) for cell in grid.cells}
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


def every_reading(crops: list, paper: float, ink: float) -> tuple[list[list[str]], list[list[str]]] | None:
    """Every reading of each figure crop, for a table that must be read by all its readers: the
    first look's two sizes, then the second look's (two larger sizes, binarised, one word, raw
    text, a lone glyph as a single character), then the first look's single character where the
    crop holds one glyph; and the crop read twice with chi_sim (another model, which also reads
    a decimal point), at the labels' height and larger. None when tesseract fails."""
    jobs, single = _figure_passes(crops, paper, ink)
    found = pages_text(jobs)
    if found is None:
        return None
    first = [[text.translate(LOOKALIKES).replace(" ", "") for text in texts] for texts in found]
    again, chinese = _second_look(crops, paper, ink)
    if any(not more for more in again):
        return None
    out = [[first[0][i], first[1][i], *again[i]] for i in range(len(crops))]
    for index, text in zip(single, first[2] if single else []):
        out[index].append(text)
    return out, chinese
