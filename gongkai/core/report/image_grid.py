"""The ruled grid of a table published as a picture: its cells, with their spans, as boxes.

Contract: `find_grid(image_bytes)` returns the deskewed grey picture and its `Grid` (the
cells as an HTML table would list them: row by row, each cell in the row where it starts,
left to right), or None when the picture holds no ruled table that can be traced for certain
(too large, unreadable, no lines, a merged region that is not a rectangle). Nothing here reads
a character; `ocr_cells` does. numpy and Pillow only.

How: the ink's horizontal projection is sharpest at the picture's tilt (scans lean by up to a
degree or two), so the picture is turned back first; ruling lines are then the long runs of
ink along each axis, measured on a copy smoothed along that axis (grey and thin lines survive
noise and JPEG); two neighbouring elementary cells belong to one cell when no line separates
them.
"""

from __future__ import annotations

from dataclasses import dataclass
from io import BytesIO

MAX_PIXELS = 40_000_000
MIN_SIDE = 60
MAX_TILT = 2.0  # degrees searched either way
MIN_COVER = 0.6  # share of a cell side a line must cover to separate two cells


@dataclass(frozen=True)
class Cell:
    top: int  # elementary row and column indexes, end exclusive
    bottom: int
    left: int
    right: int
    box: tuple[int, int, int, int]  # pixel box inside the lines: (x0, y0, x1, y1)


@dataclass(frozen=True)
class Grid:
    rows: list[list[Cell]]  # the cells starting in each elementary row, left to right
    row_pitch: float  # the median height of an elementary row, in pixels

    @property
    def cells(self) -> list[Cell]:
        return [cell for row in self.rows for cell in row]


def load_grey(image_bytes: bytes):
    """The picture as a float32 array (0 black .. 255 white); None when it is not a picture we
    read (unreadable, over `MAX_PIXELS` — checked before decoding — or tiny)."""
    import numpy
    from PIL import Image, UnidentifiedImageError

    try:
        image = Image.open(BytesIO(image_bytes))
        if image.width * image.height > MAX_PIXELS or min(image.size) < MIN_SIDE:
            return None
        if image.mode in ("RGBA", "LA", "PA") or "transparency" in image.info:
            white = Image.new("RGBA", image.size, (255, 255, 255, 255))
            image = Image.alpha_composite(white, image.convert("RGBA"))
        return numpy.asarray(image.convert("L"), dtype=numpy.float32)
    except (UnidentifiedImageError, OSError, ValueError, Image.DecompressionBombError):
        return None


def paper_and_ink(grey) -> tuple[float, float]:
    import numpy

    return float(numpy.percentile(grey, 60)), float(numpy.percentile(grey, 0.05))


def _tilt(grey, paper: float, ink: float) -> float:
    """The angle (degrees) by which the picture must be turned counter-clockwise to level it."""
    import numpy

    ys, xs = numpy.nonzero(grey < (paper + ink) / 2)
    if len(ys) < 100:
        return 0.0
    if len(ys) > 400_000:
        pick = numpy.random.default_rng(0).choice(len(ys), 400_000, replace=False)
        ys, xs = ys[pick], xs[pick]
    xs = xs - grey.shape[1] / 2
    height = grey.shape[0] + grey.shape[1]

    def sharpness(angle: float) -> float:
        shifted = numpy.rint(ys - xs * numpy.tan(numpy.radians(angle))).astype(numpy.int64) + grey.shape[1] // 2
        counts = numpy.bincount(numpy.clip(shifted, 0, height), minlength=height + 1).astype(numpy.float64)
        return float((counts**2).sum())

    best = max(numpy.arange(-MAX_TILT, MAX_TILT + 1e-9, 0.1), key=sharpness)
    return float(max(numpy.arange(best - 0.1, best + 0.1 + 1e-9, 0.01), key=sharpness))


def level(grey, paper: float, ink: float):
    """The picture turned back by its tilt (unchanged when it is level)."""
    import numpy
    from PIL import Image

    angle = _tilt(grey, paper, ink)
    if abs(angle) < 0.02:
        return grey
    image = Image.fromarray(grey.astype(numpy.uint8))
    turned = image.rotate(angle, resample=Image.BICUBIC, expand=False, fillcolor=int(paper))
    return numpy.asarray(turned, dtype=numpy.float32)


def _runs(mask, length: int, axis: int):
    """The pixels of `mask` that lie in a run of at least `length` along `axis`."""
    import numpy

    mask = numpy.moveaxis(mask, axis, -1)
    padded = numpy.concatenate([numpy.zeros(mask.shape[:-1] + (1,), numpy.int32), mask.astype(numpy.int32)], -1)
    total = numpy.cumsum(padded, axis=-1)
    full = (total[..., length:] - total[..., :-length]) == length  # window starting at i is all ink
    starts = numpy.concatenate([full, numpy.zeros(mask.shape[:-1] + (length - 1,), bool)], -1)
    padded = numpy.concatenate([numpy.zeros(mask.shape[:-1] + (1,), numpy.int32), starts.astype(numpy.int32)], -1)
    total = numpy.cumsum(padded, axis=-1)
    covered = numpy.concatenate(
        [total[..., 1 : length + 1], total[..., length + 1 :] - total[..., 1:-length]], -1
    )  # any window covering the pixel
    return numpy.moveaxis(covered > 0, -1, axis)


def _smooth(grey, width: int, axis: int):
    """The mean over a window of `width` (odd) along `axis` (edges padded with their value)."""
    import numpy

    half = width // 2
    moved = numpy.moveaxis(grey, axis, -1)
    padded = numpy.concatenate(
        [numpy.repeat(moved[..., :1], half + 1, -1), moved, numpy.repeat(moved[..., -1:], half, -1)], -1
    )
    total = numpy.cumsum(padded, axis=-1, dtype=numpy.float64)
    mean = (total[..., width:] - total[..., :-width]) / width
    return numpy.moveaxis(mean.astype(numpy.float32), -1, axis)


@dataclass
class _Line:
    position: float
    cover: object  # boolean array along the line


def _lines(grey, paper: float, ink: float, length: int, axis: int):
    """The ruling lines along `axis` (1: horizontal lines, 0: vertical), each with where it runs,
    and the mask of their pixels."""

    contrast = max(18.0, 0.18 * (paper - ink))
    dark = _smooth(grey, 3, axis) < paper - contrast
    # A ruling line is thin: paper a few pixels either side of it (runs of text are not).
    away = max(3, length // 10)
    across = 1 - axis
    thin = dark & ~_shifted(dark, away, across) & ~_shifted(dark, -away, across)
    gaps = thin.copy()
    for step in (1, 2, 3):  # a speckle or a JPEG block beside the line breaks it for a pixel or two
        gaps |= _shifted(thin, step, axis) & _shifted(thin, -step, axis)
    runs = _runs(gaps, length, axis)
    counts = runs.sum(axis=axis)  # per row (axis 1) or per column (axis 0)
    found: list[_Line] = []
    index = 0
    while index < len(counts):
        if counts[index] < length:
            index += 1
            continue
        end = index
        while end + 1 < len(counts) and counts[end + 1] >= length:
            end += 1
        band = runs[index : end + 1, :] if axis == 1 else runs[:, index : end + 1]
        cover = band.any(axis=0 if axis == 1 else 1)
        found.append(_Line((index + end) / 2, _close(cover, max(4, length // 6))))
        index = end + 1
    near = runs.copy()
    for step in range(1, away):
        near |= _shifted(runs, step, across) | _shifted(runs, -step, across)
    return _merge_close(found, tolerance=3), near & dark


def _close(cover, gap: int):
    """Small breaks in a line (noise, JPEG, a crossing stroke) closed."""
    import numpy

    filled = cover.copy()
    positions = numpy.flatnonzero(cover)
    if len(positions) < 2:
        return filled
    breaks = numpy.flatnonzero(numpy.diff(positions) <= gap + 1)
    for b in breaks:
        filled[positions[b] : positions[b + 1]] = True
    return filled


def _merge_close(lines: list[_Line], tolerance: float) -> list[_Line]:
    merged: list[_Line] = []
    for line in lines:
        if merged and line.position - merged[-1].position <= tolerance:
            merged[-1] = _Line((merged[-1].position + line.position) / 2, merged[-1].cover | line.cover)
        else:
            merged.append(line)
    return merged


def _shifted(mask, step: int, axis: int):
    """`mask` moved by `step` pixels along `axis`, paper (False) shifted in."""
    import numpy

    out = numpy.zeros_like(mask)
    if axis == 0:
        out[max(step, 0) : mask.shape[0] + min(step, 0)] = mask[max(-step, 0) : mask.shape[0] - max(step, 0)]
    else:
        out[:, max(step, 0) : mask.shape[1] + min(step, 0)] = mask[:, max(-step, 0) : mask.shape[1] - max(step, 0)]
    return out


def _grow(mask):
    """The mask grown by a pixel each way (the soft edges of a ruling line)."""
    grown = mask.copy()
    grown[1:] |= mask[:-1]
    grown[:-1] |= mask[1:]
    grown[:, 1:] |= mask[:, :-1]
    grown[:, :-1] |= mask[:, 1:]
    return grown


def _covers(line: _Line, start: float, end: float) -> bool:
    margin = max(2, int((end - start) * 0.1))
    segment = line.cover[int(start) + margin : int(end) - margin + 1]
    return len(segment) > 0 and segment.mean() >= MIN_COVER


def find_grid(image_bytes: bytes, whiten: bool = True):
    """(the levelled grey picture with its ruling lines whitened — kept when not `whiten` —, its
    Grid), or None (see the module's contract)."""
    import numpy

    grey = load_grey(image_bytes)
    if grey is None:
        return None
    paper, ink = paper_and_ink(grey)
    if paper - ink < 40:
        return None
    grey = level(grey, paper, ink)
    dark = grey < paper - max(18.0, 0.22 * (paper - ink))
    ys, xs = numpy.nonzero(dark)
    if len(xs) == 0:
        return None
    width = int(numpy.percentile(xs, 99.5) - numpy.percentile(xs, 0.5))
    length = max(20, width // 35)
    horizontal, horizontal_ink = _lines(grey, paper, ink, length, axis=1)
    horizontal = [h for h in horizontal if h.cover.sum() >= 2 * length]  # a stroke is no line
    gaps = sorted(b.position - a.position for a, b in zip(horizontal, horizontal[1:]))
    if len(horizontal) < 3 or gaps[0] < 8:
        return None
    pitch = float(numpy.median(gaps))
    vertical, vertical_ink = _lines(grey, paper, ink, max(12, int(0.75 * gaps[0])), axis=0)
    vertical = [v for v in vertical if v.cover.sum() >= 0.9 * gaps[0]]
    if len(vertical) < 2:
        return None
    grid = _cells(horizontal, vertical, pitch)
    if grid is None:
        return None
    if not whiten:
        return grey, grid
    lines = _grow(horizontal_ink | vertical_ink)
    return numpy.where(lines, paper, grey), grid


def _cells(horizontal: list[_Line], vertical: list[_Line], pitch: float) -> Grid | None:
    ys = [h.position for h in horizontal]
    xs = [v.position for v in vertical]
    rows, columns = len(ys) - 1, len(xs) - 1
    parent = list(range(rows * columns))

    def root(i: int) -> int:
        while parent[i] != i:
            parent[i] = parent[parent[i]]
            i = parent[i]
        return i

    for i in range(rows):
        for j in range(columns):
            if j + 1 < columns and not _covers(vertical[j + 1], ys[i], ys[i + 1]):
                parent[root(i * columns + j + 1)] = root(i * columns + j)
            if i + 1 < rows and not _covers(horizontal[i + 1], xs[j], xs[j + 1]):
                parent[root((i + 1) * columns + j)] = root(i * columns + j)
    regions: dict[int, list[tuple[int, int]]] = {}
    for i in range(rows):
        for j in range(columns):
            regions.setdefault(root(i * columns + j), []).append((i, j))
    by_row: list[list[Cell]] = [[] for _ in range(rows)]
    for members in regions.values():
        top, bottom = min(m[0] for m in members), max(m[0] for m in members) + 1
        left, right = min(m[1] for m in members), max(m[1] for m in members) + 1
        if len(members) != (bottom - top) * (right - left):
            return None  # not a rectangle: the lines were not traced for certain
        box = (int(xs[left]) + 1, int(ys[top]) + 1, int(xs[right]), int(ys[bottom]))
        by_row[top].append(Cell(top, bottom, left, right, box))
    for row in by_row:
        row.sort(key=lambda cell: cell.left)
    return Grid(by_row, pitch)
