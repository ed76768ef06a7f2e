"""How many digits a figure's ink holds, measured on the table's own digits.

Contract: `Ink(boxes, values)` measures one table from its figure cells' glyphs
(`read_glyphs.glyph_boxes`, one list per cell) and the figures read there: the advance from one
digit to the next, each digit's glyph width and the digits' height, from the cells whose glyphs
stand apart (one glyph per digit). `fits(digits, boxes)` says whether a cell's glyphs hold
exactly `digits`; `fits_fee(fee, boxes)` the same for a fee with its decimal point;
`measures(digits)` whether the table gave what `fits` needs to decide.

Why: every figure of a table is printed in one font at one size, so a digit more or less is a
whole advance of ink, while the readers drop a thin "1" or read two touching digits as one now
and then ("14" read "4", "44" read "4", "56" read "6", "6338" for "638"). Two readings agreeing
on such a figure are refused by the ink they were read from. Used by `ocr_cells` (tables 三 and
四, before their arithmetic) and `image_proactive` (table 二, which has none).
"""

from __future__ import annotations

from gongkai.core.report.read_glyphs import glyph_boxes

MIN_STEPS = 3  # measured steps from one digit to the next before the advance is trusted
INK_TOLERANCE = 0.3  # of a digit advance: a digit more or less is a whole one
COUNT_TOLERANCE = 0.45  # of an advance: the ink is nearer this many digits than one more or less
DIGIT_HEIGHT = 0.75  # a digit's glyph is at least this share of the digits' height
POINT_HEIGHT = 0.4  # a decimal point is at most this share of it
POINT_STEP = (1.3, 1.8)  # advances from a point's digit to the next: more than a digit's, less than two
PART_INK = 0.5  # darkness at which two digits an anti-aliased edge joins stand apart
FAINT_POINT_INK = 0.12  # darkness (0 paper .. 1 ink) of a screenshot's pale decimal point


class Ink:
    """The digits' measures in one table, from the cells whose glyphs stand apart (one glyph per
    digit of the figure the readings give): the advance from one digit to the next, each
    digit's glyph width, and the digits' height. `darker`: the same cells' glyphs at a darker
    level of ink (`read_glyphs.glyph_boxes` at `PART_INK`), where the anti-aliased edges of a
    clean screenshot's digits no longer touch: a cell whose glyphs stand apart only there gives
    its steps where the lighter level gives too few (a serif "1"'s ink is not centred on its
    advance, and the steps of the two levels differ by a little), and the width of a digit no
    cell shows apart at the lighter level."""

    def __init__(self, boxes: list[list[tuple]], values: list[str], darker: list[list[tuple]] | None = None):
        import numpy

        heights = [box[3] - box[2] for cell in boxes for box in cell]
        self.height = float(numpy.median(heights)) if heights else None
        boxes = [self.digits_only(cell) for cell in boxes]
        darker = [self.digits_only(cell) for cell in darker] if darker is not None else [[] for _ in boxes]
        apart = [(b, v) for b, v in zip(boxes, values) if v.isdigit() and len(b) == len(v)]
        apart_darker = [
            (d, v) for b, d, v in zip(boxes, darker, values) if v.isdigit() and len(b) != len(v) and len(d) == len(v)
        ]
        steps = [(y[0] + y[1] - x[0] - x[1]) / 2 for b, _ in apart for x, y in zip(b, b[1:])]
        if len(steps) < MIN_STEPS:  # too few apart at the lighter level: the darker one's too
            steps += [(y[0] + y[1] - x[0] - x[1]) / 2 for b, _ in apart_darker for x, y in zip(b, b[1:])]
        self.advance = float(numpy.median(steps)) if len(steps) >= MIN_STEPS else None
        self.widths = {}
        for cells in (apart_darker, apart):  # the lighter level's width wherever it has one
            widths: dict[str, list[int]] = {}
            for b, v in cells:
                for digit, box in zip(v, b):
                    widths.setdefault(digit, []).append(box[1] - box[0])
            self.widths.update({digit: float(numpy.median(w)) for digit, w in widths.items()})
        if self.advance is not None and not (0.3 * self.height <= self.advance <= self.height):
            self.advance = None  # not the advance of digits: nothing is measured by it

    def digits_only(self, boxes: list[tuple]) -> list[tuple]:
        """The boxes as tall as a digit: a speck, a point or a remnant of a line is no digit."""
        if self.height is None:
            return []
        return [box for box in boxes if box[3] - box[2] >= DIGIT_HEIGHT * self.height]

    def measures(self, digits: str) -> bool:
        """Whether the table gave what `fits` needs to decide on `digits`: the digits' height,
        a digit's width, and for two digits or more the advance."""
        return self.height is not None and bool(self.widths) and (len(digits) == 1 or self.advance is not None)

    def _width(self, digit: str) -> tuple[float, float]:
        """The width of a digit's glyph: measured, or between the narrowest and widest measured."""
        if digit in self.widths:
            return self.widths[digit], self.widths[digit]
        return min(self.widths.values()), max(self.widths.values())

    def fits(self, digits: str, boxes: list[tuple], tolerance: float = INK_TOLERANCE) -> bool:
        """Whether `boxes` (one figure's glyphs, or the part of it either side of the point) hold
        `digits`: no more glyphs than digits, each as tall as a digit, and as wide as (n − 1)
        advances plus half the first and half the last digit's glyph (a digit's ink is centred
        on its advance), within `tolerance` of an advance (`COUNT_TOLERANCE`: nearer this many
        digits than one more or less; a serif "1"'s ink is not centred on its advance)."""
        boxes = self.digits_only(boxes)
        if not boxes or not self.widths or len(boxes) > len(digits):
            return False
        if len(digits) > 1 and self.advance is None:
            return False  # no two digits apart in the whole table: nothing to measure a figure by
        advance = self.advance or max(self.widths.values())
        first, last = self._width(digits[0]), self._width(digits[-1])
        middle = (len(digits) - 1) * advance
        low = middle + (first[0] + last[0]) / 2 - tolerance * advance
        high = middle + (first[1] + last[1]) / 2 + tolerance * advance
        return low <= boxes[-1][1] - boxes[0][0] <= high

    def fits_fee(self, fee: str, boxes: list[tuple], faint: list[tuple] = ()) -> bool:
        """The fee's ink: with a point when `fee` has one (one short glyph on the baseline,
        digits either side of it that fit), else as any figure. `faint`: the glyphs at a lighter
        level of ink (`FAINT_POINT_INK`), where a clean screenshot's point at about 100 dpi is a
        pale grey dot (`_faint_point`)."""
        if self.height is None:
            return False
        points = [i for i, box in enumerate(boxes) if box[3] - box[2] <= POINT_HEIGHT * self.height]
        if "." not in fee:
            return not points and self.fits(fee, boxes)
        whole, fraction = fee.split(".")
        if not points and self._faint_point(len(whole), boxes, faint):
            return self.fits(whole, boxes[: len(whole)]) and self.fits(fraction, boxes[len(whole) :])
        if len(points) != 1:
            return False
        at = points[0]
        bottom = max(box[3] for box in boxes)
        on_baseline = boxes[at][3] >= bottom - 0.15 * self.height
        return on_baseline and self.fits(whole, boxes[:at]) and self.fits(fraction, boxes[at + 1 :])

    def _faint_point(self, whole: int, boxes: list[tuple], faint: list[tuple]) -> bool:
        """Whether a point too pale to be a glyph stands after the `whole`-th digit: every digit
        a glyph of its own, the step from that digit to the next more than a digit's
        (`POINT_STEP`: room for a point) and less than two (no digit missing), and in that gap
        one pale mark, short and on the baseline."""
        digits = self.digits_only(boxes)
        if self.advance is None or len(digits) != len(boxes) or not 0 < whole < len(boxes):
            return False
        before, after = boxes[whole - 1], boxes[whole]
        step = (after[0] + after[1] - before[0] - before[1]) / 2
        if not POINT_STEP[0] * self.advance <= step <= POINT_STEP[1] * self.advance:
            return False
        bottom = max(box[3] for box in boxes)
        marks = [box for box in faint if before[1] <= box[0] and box[1] <= after[0]]
        return (
            len(marks) == 1
            and marks[0][3] - marks[0][2] <= POINT_HEIGHT * self.height
            and marks[0][3] >= bottom - 0.15 * self.height
        )


def measured(crops: list, values: list[str], boxes: list[list[tuple]], paper: float, ink: float) -> Ink:
    """The `Ink` of a table from its figure crops, the figures read there and each crop's glyphs
    (`boxes`, at the lighter level), the darker level's glyphs cut here."""
    return Ink(boxes, values, [glyph_boxes(crop, paper, ink, PART_INK) for crop in crops])
