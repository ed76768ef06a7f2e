"""A second, independent reader of a table's figures: the table's own digits as templates.

Contract: `glyph_readings(crops, first_readings, paper, ink)` reads each figure crop by cutting
it into glyphs (columns of ink with paper between them) and matching every glyph against
templates of the ten digits made from this very table: the glyphs of the cells that tesseract
read with as many digits as the cell has glyphs. It returns one reading per crop: the digits,
or "" when a glyph matches no template clearly (two glyphs run together, a smudge), and the
digits it has templates of. A digit the table never showed plainly has no template, so this
reader cannot give it: it reads such a glyph as "" or as the nearest digit it knows, and that
reading says nothing against a figure holding an unknown digit (`agreed`). `glyph_count(crop)`
is the number of glyphs a crop holds.

Why: every figure of a table is printed in one font at one size, so its own glyphs are the
best model of how it prints; tesseract drops a thin "1" or a lone "0" at scan resolution now
and then, and this reader, made in another way, confirms or refuses each of its readings.
"""

from __future__ import annotations

TEMPLATE_SIZE = (12, 16)  # width, height of a normalised glyph
MIN_SAMPLES = 2  # glyphs needed before a digit's template is trusted
MAX_DISTANCE = 0.16  # mean absolute difference (0..1) of a glyph to its template
MIN_MARGIN = 0.05  # how much nearer the best template must be than the second best


GLYPH_INK = 0.3  # darkness (0 paper .. 1 ink) that counts as part of a glyph: thin arcs are light


def _mask(crop, paper: float, ink: float):
    return crop < paper - GLYPH_INK * (paper - ink)


def glyphs(crop, paper: float, ink: float) -> list:
    """The crop cut at the columns without ink, each glyph trimmed to its own rows."""
    return [crop[top:bottom, left:right] for left, right, top, bottom in glyph_boxes(crop, paper, ink)]


def spaced(crop, paper: float, ink: float):
    """The crop with its glyphs set apart by a quarter of its height: tesseract drops a "1"
    that stands close to the next digit."""
    import numpy

    mask = _mask(crop, paper, ink)
    columns = mask.any(axis=0)
    gap = numpy.full((crop.shape[0], max(1, crop.shape[0] // 4)), paper, numpy.float32)
    parts, start = [], 0
    for x in range(1, crop.shape[1]):
        if columns[x - 1] and not columns[x]:
            parts += [crop[:, start:x], gap]
            start = x
    parts.append(crop[:, start:])
    return numpy.concatenate(parts, axis=1)


def glyph_count(crop, paper: float, ink: float) -> int:
    return len(glyphs(crop, paper, ink))


def _normalised(glyph, paper: float, ink: float, height: int):
    """The glyph as darkness 0..1 on a fixed box, placed by its own height and width relative
    to the cell's line height (a "1" stays narrow, a "0" round)."""
    import numpy
    from PIL import Image

    width, box_height = TEMPLATE_SIZE
    darkness = numpy.clip((paper - glyph) / max(1.0, paper - ink), 0, 1)
    scale = box_height / max(1, height)
    size = (max(1, min(width, round(glyph.shape[1] * scale))), max(1, min(box_height, round(glyph.shape[0] * scale))))
    image = Image.fromarray((darkness * 255).astype(numpy.uint8)).resize(size, Image.BILINEAR)
    out = numpy.zeros((box_height, width), numpy.float32)
    left, top = (width - size[0]) // 2, box_height - size[1]  # digits stand on the baseline
    out[top : top + size[1], left : left + size[0]] = numpy.asarray(image, numpy.float32) / 255
    return out


def glyph_readings(
    crops: list, first_readings: list[str], paper: float, ink: float
) -> tuple[list[str], frozenset[str]]:
    import numpy

    cut = [glyphs(crop, paper, ink) for crop in crops]
    heights = [g.shape[0] for pieces in cut for g in pieces]
    if not heights:
        return [""] * len(crops), frozenset()
    height = int(numpy.median(heights))
    normalised = [[_normalised(g, paper, ink, height) for g in pieces] for pieces in cut]
    samples: dict[str, list] = {}
    sample_widths: dict[str, list] = {}
    for pieces, raw, reading in zip(normalised, cut, first_readings):
        if reading.isdigit() and len(reading) == len(pieces):
            for digit, glyph, original in zip(reading, pieces, raw):
                samples.setdefault(digit, []).append(glyph)
                sample_widths.setdefault(digit, []).append(original.shape[1])
    templates = {d: numpy.mean(g, axis=0) for d, g in samples.items() if len(g) >= MIN_SAMPLES}
    widths = {d: float(numpy.median(w)) for d, w in sample_widths.items()}
    if not templates:
        return [""] * len(crops), frozenset()
    digits = list(templates)
    stack = numpy.stack([templates[d] for d in digits])
    out = []
    for pieces, raw in zip(normalised, cut):
        reading = ""
        for glyph, original in zip(pieces, raw):
            distances = numpy.abs(stack - glyph).mean(axis=(1, 2))
            order = numpy.argsort(distances)
            best = distances[order[0]]
            second = distances[order[1]] if len(order) > 1 else 1.0
            width = widths[digits[order[0]]]
            if best > MAX_DISTANCE or second - best < MIN_MARGIN or abs(original.shape[1] - width) > max(2, width / 4):
                reading = ""  # no clear match, or two glyphs run together
                break
            reading += digits[order[0]]
        out.append(reading if pieces else "")
    return out, frozenset(digits)


def _against(template: str, value: str, known: frozenset[str] | None) -> bool:
    """Whether the template reading stands against `value`: it gives another figure, and it
    could have given `value` (it has a template of each of its digits)."""
    return bool(template) and template != value and (known is None or set(value) <= known)


def agreed(readings: list[str], template: str, known: frozenset[str] | None = None) -> str | None:
    """The figure that the readings confirm, or None. `readings` are tesseract's, `template`
    the template reading ("" when a reader read nothing), `known` the digits the template
    reader has templates of (None: all). A figure stands when at least two readings give it
    and no reading gives another figure, except a tesseract reading with another number of
    digits when the template reading agrees with the figure (tesseract drops a thin glyph now
    and then; the template reader, cutting glyphs, does not), and a template reading that could
    not have given the figure (a digit it has no template of)."""
    candidates = [r for r in readings + [template] if r]
    for value in dict.fromkeys(candidates):
        if not value.isdigit() or candidates.count(value) < 2 or _against(template, value, known):
            continue
        others = [r for r in readings if r and r != value]
        if not others or (template == value and all(len(r) != len(value) for r in others)):
            return value
    return None


def agreed_again(first: list[str], again: list[str], template: str, known: frozenset[str] | None = None) -> str | None:
    """The figure a second look confirms, or None. `first` are the readings that did not agree
    (`agreed`), `again` the second look's (other sizes, binarised, other page modes). A figure
    stands when at least two readings of the second look give it, at least three readings in
    all (both looks and the template reading), at least twice as many as give any other
    figure together, and the template reading does not stand against it."""
    every = [r for r in first + again if r] + ([template] if template else [])
    for value in dict.fromkeys(r for r in again if r):
        if not value.isdigit() or _against(template, value, known):
            continue
        fresh, votes = [r for r in again if r == value], every.count(value)
        if len(fresh) >= 2 and votes >= 3 and votes >= 2 * (len(every) - votes):
            return value
    return None


def glyph_boxes(crop, paper: float, ink: float, level: float = GLYPH_INK) -> list[tuple[int, int, int, int]]:
    """(left, right, top, bottom) of every glyph of `glyphs`, ends exclusive, in the crop's pixels:
    where each stands, for measuring a figure against the ink (`digit_ink`). `level`: the
    darkness that counts as ink (a darker one parts two digits a blur has joined)."""
    import numpy

    mask = crop < paper - level * (paper - ink)
    columns = mask.any(axis=0)
    boxes, start = [], None
    for x, inked in enumerate(list(columns) + [False]):
        if inked and start is None:
            start = x
        elif not inked and start is not None:
            part = mask[:, start:x]
            rows = numpy.flatnonzero(part.any(axis=1))
            if part.sum() >= 3:
                boxes.append((start, x, int(rows[0]), int(rows[-1]) + 1))
            start = None
    return boxes
