"""Reading the cells of a traced table grid with tesseract, one process per pass.

Contract: `cell_texts(grey, grid)` returns the text of every cell of `grid` (`image_grid`):
"" for an empty cell; for a figure cell its digits when two independent readings agree, else
"?"; for a label cell the chi_sim reading ("?" when that reading is a bare number: a figure is
never taken from it). None when tesseract is missing, fails or times out.

How: each cell is cut out (its ruling lines already whitened), trimmed to its ink and scaled
to a fixed text height; the cells of one pass are the pages of one multi-page TIFF, so one
tesseract process reads them all, each page on its own (`--psm 7`, one line, for figures),
and the page separators give every cell its text back. A quick reading with the Latin model
sorts the figures from the labels; the figures are then read twice, at two sizes, with the
digits whitelist; the labels once with chi_sim, all three passes at once.
"""

from __future__ import annotations

import os
import re
import shutil
import subprocess

from gongkai.core.report.image_grid import paper_and_ink
from gongkai.core.report.read_glyphs import agreed, glyph_count, glyph_readings, spaced

OCR_TIMEOUT = 60
SORT_HEIGHT = 18  # pixels of a line of text on the sorting pass
LABEL_HEIGHT = 26  # pixels of a line of label text
FIGURE_HEIGHTS = (24, 20)  # pixels of a figure's digits, per reading
MAX_PASS_PIXELS = 20_000_000  # all pages of one pass
FIGURE_LIKE = re.compile(r"^[0-9OoQDIil|!\[\]丨〇\s]{1,12}$")  # digits as the Latin model may see them
DIGITS = re.compile(r"^\d{1,9}$")
PAGE_BREAK = "\f"

SORT = ["-l", "eng", "--psm", "7"]
LABELS = ["-l", "chi_sim", "--psm", "6"]
# Digits, and the letters a "1" or a "0" is taken for: without them tesseract drops the glyph.
FIGURES = ["-l", "eng", "--psm", "7", "-c", "tessedit_char_whitelist=0123456789IlO|"]
SINGLE = ["-l", "eng", "--psm", "10", "-c", "tessedit_char_whitelist=0123456789IlO|"]
LOOKALIKES = str.maketrans("IlO|", "1101")


TRIM_INK = 0.5  # darkness (0 paper .. 1 ink) that counts as ink when trimming


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
    specks = (cut < paper - TRIM_INK * (paper - ink)) & ~mask
    cut = numpy.where(specks, paper, cut)  # a lone dark pixel inside a 0 makes it a 9
    top, bottom = max(0, rows[0] - 1), min(cut.shape[0], rows[-1] + 2)  # a pixel more: a "1" keeps its faint foot
    left, right = max(0, columns[0] - 1), min(cut.shape[1], columns[-1] + 2)
    return cut[top:bottom, left:right]


def _page(array, height: int, paper: float, margin: int | None = None):
    """The piece scaled to `height` pixels, ink black on white, with a margin (one line of text
    by default) all round: tesseract reads a tight crop badly."""
    import numpy
    from PIL import Image

    factor = height / array.shape[0]
    size = (max(1, round(array.shape[1] * factor)), height)
    low = float(array.min())
    stretched = numpy.clip((array - low) * (255 / max(1.0, paper - low)), 0, 255).astype(numpy.uint8)
    scaled = Image.fromarray(stretched).resize(size, Image.LANCZOS)
    margin = height if margin is None else margin
    page = Image.new("L", (size[0] + 2 * margin, height + 2 * margin), 255)
    page.paste(scaled, (margin, margin))
    return page


def _pages_text(jobs: list[tuple[list, list[str]]]) -> list[list[str]] | None:
    """For each (pages, tesseract arguments): the text of every page. The passes run as
    concurrent processes, each reading one multi-page TIFF; None when any fails, times out,
    or gives back another number of pages."""
    from io import BytesIO

    processes = []
    try:
        for pages, arguments in jobs:
            if sum(p.width * p.height for p in pages) > MAX_PASS_PIXELS:
                return None
            out = BytesIO()
            pages[0].save(out, "TIFF", save_all=True, append_images=pages[1:], compression="tiff_deflate")
            process = subprocess.Popen(
                ["tesseract", "stdin", "stdout", *arguments],
                stdin=subprocess.PIPE,
                stdout=subprocess.PIPE,
                stderr=subprocess.DEVNULL,
                env=dict(os.environ, OMP_THREAD_LIMIT="1"),
            )
            processes.append((process, out.getvalue(), len(pages)))
        outputs = []
        for process, data, count in processes:
            stdout, _ = process.communicate(data, timeout=OCR_TIMEOUT)
            texts = stdout.decode("utf-8", "replace").split(PAGE_BREAK)
            if texts and not texts[-1].strip() and len(texts) == count + 1:
                texts.pop()
            if process.returncode != 0 or len(texts) != count:
                return None
            outputs.append([" ".join(text.split()) for text in texts])
    except (OSError, subprocess.TimeoutExpired):
        return None
    finally:
        for process, _, _ in processes:
            if process.poll() is None:
                process.kill()
                process.wait()
    return outputs


def _figure_passes(crops: list, paper: float, ink: float) -> list:
    """The jobs reading the figures: twice with the digits set apart (two sizes), and once more
    as a single character where the crop holds one glyph (`--psm 7` drops a lone "1")."""
    jobs = [([_page(spaced(c, paper, ink), height, paper) for c in crops], FIGURES) for height in FIGURE_HEIGHTS]
    single = [i for i, c in enumerate(crops) if glyph_count(c, paper, ink) == 1]
    if single:
        jobs.append(([_page(crops[i], FIGURE_HEIGHTS[0], paper) for i in single], SINGLE))
    return jobs, single


def _figures(crops: list, found: list[list[str]], single: list[int], paper: float, ink: float) -> list[str]:
    """Every figure crop's confirmed digits, or "?"."""
    passes = [[text.translate(LOOKALIKES).replace(" ", "") for text in texts] for texts in found]
    lone = [""] * len(crops)
    if single:
        for index, text in zip(single, passes.pop()):
            lone[index] = text
    templates = glyph_readings(crops, passes[0], paper, ink)
    out = []
    for number, crop in enumerate(crops):
        value = agreed([p[number] for p in passes] + [lone[number]], templates[number])
        plausible = value is not None and crop.shape[1] <= crop.shape[0] * (0.9 * len(value) + 0.6)
        out.append(value if plausible else "?")
    return out


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


def cell_texts(grey, grid) -> dict | None:
    """{cell: text} for every cell of the grid (see the module's contract)."""
    import numpy

    if shutil.which("tesseract") is None:
        return None
    paper, ink = paper_and_ink(grey)
    trimmed = {cell: _trimmed(grey, cell.box, paper, ink) for cell in grid.cells}
    texts = {cell: "" for cell, array in trimmed.items() if array is None}
    inked = [cell for cell, array in trimmed.items() if array is not None]
    if not inked:
        return texts
    line = float(numpy.median([trimmed[c].shape[0] for c in inked]))  # most cells hold one line
    single = [c for c in inked if trimmed[c].shape[0] <= 1.5 * line]
    found = _pages_text([([_page(trimmed[c], SORT_HEIGHT, paper) for c in single], SORT)]) if single else [[]]
    if found is None:
        return None
    figures = _sorted_figures(single, found[0], trimmed)
    labels = [c for c in inked if c not in set(figures)]
    jobs = []
    if labels:
        scale = LABEL_HEIGHT / line
        pages = [_page(trimmed[c], max(8, round(trimmed[c].shape[0] * scale)), paper, LABEL_HEIGHT) for c in labels]
        jobs.append((pages, LABELS))
    crops = [trimmed[c] for c in figures]
    figure_jobs, lone = _figure_passes(crops, paper, ink) if figures else ([], [])
    found = _pages_text(jobs + figure_jobs)
    if found is None:
        return None
    if labels:
        for cell, text in zip(labels, found.pop(0)):
            texts[cell] = "?" if re.fullmatch(r"[\d\s]+", text) else text  # never a figure from chi_sim
    if figures:
        texts.update(zip(figures, _figures(crops, found, lone, paper, ink)))
    return texts
