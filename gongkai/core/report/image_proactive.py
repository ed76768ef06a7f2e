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
   and another row in none (one label may be unread, naming no row at all). Each figure's place
   is then the format's, not a guess.
2. every reader gives the figure (`unanimous`, over `ocr_cells.every_reading`): chi_sim —
   another network than the Latin model, and the one that reads the fee's decimal point — gives
   it exactly in one reading at least (a reading that is no figure at all, such as "刀1", says
   nothing; one whose ruling-line remnant may be a thin "1", "]47", says nothing when either of
   its figures is this one; one of another length says nothing, the ink counts the digits;
   another figure as long refuses); both readings of the first look (digits
   whitelist, two sizes) give exactly its digits; of the other Latin readings (two larger sizes,
   binarised, one word, raw text, single character, each glyph read alone) at least two give
   them, and those of the same length giving another figure are none, or, when three or more
   give it, at most a third of all the readings giving it (a 12-pixel digit's binarised or
   one-glyph reading misreads now and then; the figure then still has twice as many readings of
   two models for it as against it).
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
   be as narrow or as wide as any measured (`digit_ink`: a cell whose glyphs stand apart only at
   a darker level of ink, a clean screenshot's anti-aliased digits, is measured there). The
   fee's point is the one short glyph on the baseline, and the digits either side of it are
   measured alike; in a clean screenshot at about 100 dpi the point is too pale for a glyph: then
   the step from the digit before it to the next must be 1.3 to 1.8 advances (room for a point,
   not for a digit) and one pale mark, short and on the baseline, stand in that gap.
A figure failing any check refuses the whole table: a table is taken whole or not at all, as
tables 三 and 四 are. Not done: proving the picture's legibility by another pictured table of the
same document that passed its arithmetic (a table 二 picture is read before them, and an HTML
page pastes table 二 alone as a picture) — each table 二 stands on its own checks.
"""

from __future__ import annotations

import re
import unicodedata

from gongkai.core.report.cell_crop import cell_crop
from gongkai.core.report.digit_ink import FAINT_POINT_INK, measured
from gongkai.core.report.format import FEE_ROW_ID, PROACTIVE_BLOCKS, PROACTIVE_ROWS
from gongkai.core.report.image_grid import find_grid, paper_and_ink
from gongkai.core.report.layout import proactive_grid
from gongkai.core.report.model import null_report
from gongkai.core.report.ocr_cells import LABEL_HEIGHT, LABELS, every_reading
from gongkai.core.report.ocr_pages import page, pages_text
from gongkai.core.report.read_glyphs import glyph_boxes, glyph_readings
from gongkai.core.report.tokens import label_matches, normalize_label

MAX_UNREAD_LABELS = 1  # row labels that may name no row (never another) when all others name theirs
LABEL_HEIGHTS = (LABEL_HEIGHT, 34)  # pixels of a line of label text, per reading
FEE = re.compile(r"^\d+(\.\d+)?$")
DIGITS = re.compile(r"^\d+$")
REMNANTS = re.compile(r"[|｜丨\[\]!'‘’\"“”:：\s]")  # ruling lines and specks at a cell's edge
ONE_LIKE = re.compile(r"[|｜丨\[\]!]")  # remnants chi_sim also reads a thin "1" as
REMNANTS_BUT_ONE = re.compile(r"['‘’\"“”:：\s]")


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


def labels_match(readings: list[list[str]], row_ids: list[str]) -> bool:
    """Whether every row's label, read at each height, names that row of the format in one
    reading at least and another row in none — but for one row at most whose readings name no
    row at all (chi_sim reads the two characters of 规章 as 规划 now and then; the grid's shape
    and the other rows' labels already place it)."""
    labels = {row.id: normalize_label(row.label) for row in PROACTIVE_ROWS}
    unread = 0
    for texts, row_id in zip(zip(*readings), row_ids):
        named = [{o for o, label in labels.items() if label_matches(normalize_label(t), label)} for t in texts]
        if any(n - {row_id} for n in named):
            return False
        if not any(row_id in n for n in named):
            unread += 1
    return unread <= MAX_UNREAD_LABELS


def unanimous(readings: list[str], chinese: list[str], fee: bool) -> str | None:
    """The figure the readings give together (see the module's contract), or None. chi_sim gives
    the figure (its point kept for the fee; ruling-line remnants dropped): at least one of its
    readings exactly, and none another figure as long — a reading that is no figure at all
    ("刀1") says nothing, nor one whose remnant may be a "1" (chi_sim reads a thin 1 as "]":
    "]47" is 47 or 147) when one of its two figures is this one, nor one of another length (a
    digit dropped, "5" for 54: the ink counts the digits). Both readings of the first look give
    exactly its digits. Of the second look's, at least two give them; the readings as long as the figure
    that give another are at most a third of those giving it (all looks together) and none
    unless three or more give it. A reading of another length is not taken against it: the ink
    decides the number of digits (`Ink.fits`, which the caller checks)."""
    pattern = FEE if fee else DIGITS
    sure, either = set(), []
    for text in (unicodedata.normalize("NFKC", c) for c in chinese):
        figures = {
            f for f in (REMNANTS.sub("", text), ONE_LIKE.sub("1", REMNANTS_BUT_ONE.sub("", text))) if pattern.match(f)
        }
        if len(figures) == 1 and not ONE_LIKE.search(text):
            sure |= figures
        elif figures:
            either.append(figures)
    value = next((f for f in sure if f.replace(".", "") == readings[0]), None)
    if value is None or readings[1] != readings[0]:
        return None
    if any(len(f) == len(value) and f != value for f in sure) or any(
        value not in figures and any(len(f) == len(value) for f in figures) for figures in either
    ):
        return None
    digits = readings[0]
    others = [r for r in readings[2:] if r]
    given = sum(r == digits for r in others)
    against = sum(r != digits and len(r) == len(digits) for r in others)
    if given < 2 or against > ((given + 2) // 3 if given >= 3 else 0):
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
    if read_labels is None or not labels_match(read_labels, [row_id for _, row_id in labels]):
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
        measure = measured(
            [crops[w] for w in counts], [values[w] for w in counts], [boxes[w] for w in counts], paper, ink
        )
        for what in inked:
            fee = what.startswith(FEE_ROW_ID + ".")
            faint = glyph_boxes(crops[what], paper, ink, FAINT_POINT_INK) if fee else []
            if not (
                measure.fits_fee(values[what], boxes[what], faint) if fee else measure.fits(values[what], boxes[what])
            ):
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
