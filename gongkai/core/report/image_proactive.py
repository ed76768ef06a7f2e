"""The 主动公开 table (section 二) published as a picture, read without any 勾稽关系 to prove it.

Contract: `proactive_lines(image_bytes)` returns the table as the lines an HTML table gives
(`label | figure | …`, with the national format's own headings and labels), each figure confirmed
as below and a cell printed empty left empty (the section's reader makes it null with
`cell.blank`), and {"row.column": each figure as printed}; or None with the reason (Chinese) when
the picture is not the table of the national format or any figure is not confirmed — the caller
then leaves the whole table null with `table.image`. Never raises on a bad picture.

Why: tables 三 and 四 are taken from a picture because their 勾稽关系 refuse a misread digit;
table 二 has none, and two readings of tesseract have been seen agreeing on a wrong figure (6338
for 638, where the ink held three digits). So nothing here settles by sums or outvotes a reader
that gives another figure of the same length; every check must pass on its own:
1. shape: the traced grid (`image_grid`) has exactly the rows and column spans of the national
   format's table 二 (`layout.proactive_grid`: 4 blocks, 14 rows, 4 columns), and the label of
   each row, read with chi_sim at two sizes, names that row of the format in one reading at least
   and another row in none. Each figure's place is then the format's, not a guess.
2. every reader gives the figure (`unanimous`, over `ocr_cells.every_reading`): chi_sim —
   another network than the Latin model, and the one that reads the fee's decimal point — gives
   it (a reading that is no figure at all, such as "刀1", says nothing; two different figures
   refuse); both readings of the first look (digits whitelist, two sizes) give exactly its
   digits; of the other Latin readings (two larger sizes, binarised, one word, raw text, single
   character) at least two give them and none of the same length gives another figure — one
   such when at least three give them (the binarised reading of a 12-pixel digit misreads now
   and then; the figure then still has six readings of two models against one).
   A reading of another length is no vote either way: the ink counts the digits (4).
3. the template reader (`read_glyphs.glyph_readings`), its templates made from the other cells
   of this table (the cell's own glyphs left out), does not give another figure where it has a
   template of every digit. With a table of ten figures it lacks a template more often than not,
   so requiring its confirmation would refuse nearly every table: it can only refuse here.
4. the ink (`Ink`): the cell's glyphs (columns of ink, `read_glyphs.glyph_boxes`), specks and
   remnants lower than ¾ of a digit left out, are no more than the figure's digits, and the ink
   is as wide as that many digits — (n − 1) advances plus half the first and half the last
   digit's glyph width (a digit's ink is centred on its advance), within 0.3 of an advance,
   while a digit more or less is a whole advance. The advance and each digit's width are
   measured on this table's cells whose glyphs stand apart (at least three steps from a digit to
   the next, else no figure of two digits or more is confirmed); a digit not measured there may
   be as narrow or as wide as any measured. The fee's point is the one short glyph on the
   baseline, and the digits either side of it are measured alike.
A figure failing any check refuses the whole table: a table is taken whole or not at all, as
tables 三 and 四 are. Not done: proving the picture's legibility by another pictured table of the
same document that passed its arithmetic (a table 二 picture is read before them, and an HTML
page pastes table 二 alone as a picture) — each table 二 stands on its own checks.
"""

from __future__ import annotations

import re
import unicodedata

from gongkai.core.report.format import FEE_ROW_ID, PROACTIVE_BLOCKS, PROACTIVE_ROWS
from gongkai.core.report.image_grid import find_grid, paper_and_ink
from gongkai.core.report.layout import proactive_grid
from gongkai.core.report.model import null_report
from gongkai.core.report.ocr_cells import LABEL_HEIGHT, LABELS, cell_crop, every_reading
from gongkai.core.report.ocr_pages import page, pages_text
from gongkai.core.report.read_glyphs import glyph_boxes, glyph_readings
from gongkai.core.report.tokens import label_matches, normalize_label

MIN_STEPS = 3  # measured steps from one digit to the next before the advance is trusted
INK_TOLERANCE = 0.3  # of a digit advance: a digit more or less is a whole one
DIGIT_HEIGHT = 0.75  # a digit's glyph is at least this share of the digits' height
POINT_HEIGHT = 0.4  # a decimal point is at most this share of it
LABEL_HEIGHTS = (LABEL_HEIGHT, 34)  # pixels of a line of label text, per reading
FEE = re.compile(r"^\d+(\.\d+)?$")
DIGITS = re.compile(r"^\d+$")
REMNANTS = re.compile(r"[|｜丨\[\]!'‘’\"“”:：\s]")  # ruling lines and specks at a cell's edge


def format_rows() -> list[list[tuple[int, str | None]]]:
    """The national format's table 二 as rows of (column span, what the cell holds): a row id for
    the label of a row, "row.column" for a figure, None for a heading."""
    grid = proactive_grid(null_report(None, None))
    ids = iter(row.id for row in PROACTIVE_ROWS)
    out = []
    for block in PROACTIVE_BLOCKS:
        out.append([(cell.colspan, None) for cell in grid[len(out)]])
        out.append([(cell.colspan, None) for cell in grid[len(out)]])
        for _ in block["rows"]:
            row_id = next(ids)
            row = grid[len(out)]
            columns = list(block["columns"])
            out.append([(row[0].colspan, row_id)] + [(c.colspan, f"{row_id}.{k}") for c, k in zip(row[1:], columns)])
    return out


def _labels_match(readings: list[list[str]], row_ids: list[str]) -> bool:
    """Whether every row's label, read at each height, names that row of the format in one
    reading at least and another row in none."""
    labels = {row.id: normalize_label(row.label) for row in PROACTIVE_ROWS}
    for texts, row_id in zip(zip(*readings), row_ids):
        named = [{o for o, label in labels.items() if label_matches(normalize_label(t), label)} for t in texts]
        if not any(row_id in n for n in named) or any(n - {row_id} for n in named):
            return False
    return True


class Ink:
    """The digits' measures in one table, from the cells whose glyphs stand apart (one glyph per
    digit of the figure the readings give): the advance from one digit to the next, each
    digit's glyph width, and the digits' height."""

    def __init__(self, boxes: list[list[tuple]], values: list[str]):
        import numpy

        heights = [box[3] - box[2] for cell in boxes for box in cell]
        self.height = float(numpy.median(heights)) if heights else None
        boxes = [self.digits_only(cell) for cell in boxes]
        apart = [(b, v) for b, v in zip(boxes, values) if v.isdigit() and len(b) == len(v)]
        steps = [(y[0] + y[1] - x[0] - x[1]) / 2 for b, _ in apart for x, y in zip(b, b[1:])]
        self.advance = float(numpy.median(steps)) if len(steps) >= MIN_STEPS else None
        widths: dict[str, list[int]] = {}
        for b, v in apart:
            for digit, box in zip(v, b):
                widths.setdefault(digit, []).append(box[1] - box[0])
        self.widths = {digit: float(numpy.median(w)) for digit, w in widths.items()}
        if self.advance is not None and not (0.3 * self.height <= self.advance <= self.height):
            self.advance = None  # not the advance of digits: nothing is measured by it

    def digits_only(self, boxes: list[tuple]) -> list[tuple]:
        """The boxes as tall as a digit: a speck, a point or a remnant of a line is no digit."""
        if self.height is None:
            return []
        return [box for box in boxes if box[3] - box[2] >= DIGIT_HEIGHT * self.height]

    def _width(self, digit: str) -> tuple[float, float]:
        """The width of a digit's glyph: measured, or between the narrowest and widest measured."""
        if digit in self.widths:
            return self.widths[digit], self.widths[digit]
        return min(self.widths.values()), max(self.widths.values())

    def fits(self, digits: str, boxes: list[tuple]) -> bool:
        """Whether `boxes` (one figure's glyphs, or the part of it either side of the point) hold
        `digits`: no more glyphs than digits, each as tall as a digit, and as wide as (n − 1)
        advances plus half the first and half the last digit's glyph (a digit's ink is centred
        on its advance), within `INK_TOLERANCE` of an advance."""
        boxes = self.digits_only(boxes)
        if not boxes or not self.widths or len(boxes) > len(digits):
            return False
        if len(digits) > 1 and self.advance is None:
            return False  # no two digits apart in the whole table: nothing to measure a figure by
        advance = self.advance or max(self.widths.values())
        first, last = self._width(digits[0]), self._width(digits[-1])
        middle = (len(digits) - 1) * advance
        low = middle + (first[0] + last[0]) / 2 - INK_TOLERANCE * advance
        high = middle + (first[1] + last[1]) / 2 + INK_TOLERANCE * advance
        return low <= boxes[-1][1] - boxes[0][0] <= high

    def fits_fee(self, fee: str, boxes: list[tuple]) -> bool:
        """The fee's ink: with a point when `fee` has one (one short glyph on the baseline,
        digits either side of it that fit), else as any figure."""
        if self.height is None:
            return False
        points = [i for i, box in enumerate(boxes) if box[3] - box[2] <= POINT_HEIGHT * self.height]
        if "." not in fee:
            return not points and self.fits(fee, boxes)
        whole, fraction = fee.split(".")
        if len(points) != 1:
            return False
        at = points[0]
        bottom = max(box[3] for box in boxes)
        on_baseline = boxes[at][3] >= bottom - 0.15 * self.height
        return on_baseline and self.fits(whole, boxes[:at]) and self.fits(fraction, boxes[at + 1 :])


def unanimous(readings: list[str], chinese: list[str], fee: bool) -> str | None:
    """The figure the readings give together (see the module's contract), or None. chi_sim gives
    the figure (its point kept for the fee; ruling-line remnants dropped): at least one of its
    readings, and none gives another figure (a reading that is no figure at all, "刀1", says
    nothing). Both readings of the first look give exactly its digits. Of the second look's, at
    least two give them and every one as long as the figure gives them too, but for one when
    three or more give them. A reading of another length is not taken against it: the ink
    decides the number of digits (`Ink.fits`, which the caller checks)."""
    pattern = FEE if fee else DIGITS
    figures = {
        text for text in (REMNANTS.sub("", unicodedata.normalize("NFKC", c)) for c in chinese) if pattern.match(text)
    }
    if len(figures) != 1:
        return None
    value = figures.pop()
    digits = value.replace(".", "")
    if readings[0] != digits or readings[1] != digits:
        return None
    others = [r for r in readings[2:] if r]
    given = sum(r == digits for r in others)
    against = sum(r != digits and len(r) == len(digits) for r in others)
    if given < 2 or against > (1 if given >= 3 else 0):
        return None
    return value


def _templates_against(crops: list, values: list[str], paper: float, ink: float) -> list[bool]:
    """For each crop, whether the template reader, its templates from the other cells only,
    gives another figure while knowing every digit of the cell's."""
    against = []
    for number, value in enumerate(values):
        others = ["" if i == number else v for i, v in enumerate(values)]
        readings, known = glyph_readings(crops, others, paper, ink)
        template = readings[number]
        against.append(bool(template) and template != value and set(value) <= known)
    return against


def proactive_lines(image_bytes: bytes) -> tuple[list[str] | None, dict[str, str], str]:
    """(the table's lines, {"row.column": each figure as printed}, "") or (None, {}, why it is
    refused) — see the module's contract."""
    found = find_grid(image_bytes)
    if found is None:
        return None, {}, "图片中没有可逐格识别的表格"
    grey, grid = found
    rows = [row for row in grid.rows if row]
    expected = format_rows()
    if [[c.right - c.left for c in row] for row in rows] != [[span for span, _ in row] for row in expected]:
        return None, {}, "表格的行列与全国统一格式不一致"
    paper, ink = paper_and_ink(grey)
    labels, figures = [], []  # (cell, row id), (cell, "row.column")
    for row, spec in zip(rows, expected):
        for cell, (_, what) in zip(row, spec):
            if what is not None:
                (figures if "." in what else labels).append((cell, what))
    label_crops = [cell_crop(grey, cell.box, paper, ink) for cell, _ in labels]
    if any(crop is None for crop in label_crops):
        return None, {}, "表格中有行名称缺失"
    crops = {what: cell_crop(grey, cell.box, paper, ink) for cell, what in figures}
    inked = [what for what, crop in crops.items() if crop is not None]
    line = max(crop.shape[0] for crop in label_crops)
    jobs = [
        ([page(c, max(8, round(c.shape[0] * height / line)), paper, height) for c in label_crops], LABELS)
        for height in LABEL_HEIGHTS
    ]
    read_labels = pages_text(jobs)
    if read_labels is None or not _labels_match(read_labels, [row_id for _, row_id in labels]):
        return None, {}, "表格各行名称与全国统一格式不一致或无法识别"
    values: dict[str, str] = {}
    if inked:
        read = every_reading([crops[w] for w in inked], paper, ink)
        if read is None:
            return None, {}, "无法识别图片中的文字"
        readings, chinese = read
        for what, mine, chinese_reading in zip(inked, readings, chinese):
            value = unanimous(mine, chinese_reading, what.startswith(FEE_ROW_ID + "."))
            if value is None:
                return None, {}, "有数据的各次识别结果不一致"
            values[what] = value
        boxes = {w: glyph_boxes(crops[w], paper, ink) for w in inked}
        counts = [w for w in inked if not w.startswith(FEE_ROW_ID + ".")]
        measure = Ink([boxes[w] for w in counts], [values[w] for w in counts])
        for what in inked:
            fee = what.startswith(FEE_ROW_ID + ".")
            if not (measure.fits_fee if fee else measure.fits)(values[what], boxes[what]):
                return None, {}, "有数据的数字个数与图中笔迹宽度不符"
        if any(_templates_against([crops[w] for w in counts], [values[w] for w in counts], paper, ink)):
            return None, {}, "有数据与按本表字形比对的结果不一致"
    return _lines(values, expected), values, ""


def _lines(values: dict[str, str], expected) -> list[str]:
    """The rows as `a | b | c` lines: the format's own headings and labels, the figures read."""
    lines = []
    for row, spec in zip(proactive_grid(null_report(None, None)), expected):
        cells = [values.get(what, "") if what and "." in what else cell.text for cell, (_, what) in zip(row, spec)]
        lines.append(" | ".join(cells))
    return lines
