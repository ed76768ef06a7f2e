"""A report published as pictures without any text (a scanned OFD, a scanned PDF's rendered
pages, an image file): ruled tables read cell by cell, the rest OCR'd.

Contract: `read_pictures(pictures, unreadable)` never raises and never gives a figure that has
not proved itself. A picture over `read_image.MAX_PIXELS` (checked from its header, before
decoding) or one that cannot be decoded is left out with an `input.picture` warning; when none is
left, `report=None` with `unreadable` and the reason. A picture whose traced ruling grid
(`image_grid`) holds all of its ink is a table picture; a page picture holding tables among its
text is cut into its tables and the text between them (`page_tables.page_pieces`, a table over a
page break joined). A marker line stands in each table's place (after the heading of the
table's section when OCR did not give it, the table known by its grid's shape, `table_kind`) and
its table is read cell by cell (`read_image.read_image_table`: kept only when every figure is
given by two readings and every 勾稽关系 of the table holds, else null with `table.image`; the
主动公开 table, having no 勾稽关系, only when it has the national format's shape and every reader
gives every figure, whose digits the ink holds, `image_proactive`). The text pictures are OCR'd at two scales for the
headings and narrative; a table read from them (pictures without any grid) is kept only when
both readings give the very same table and it proves itself (`read_image.passes_checked`).
Pictures without a report give `report=None` with `input.unreadable`.
"""

from __future__ import annotations

import unicodedata
from io import BytesIO

from gongkai.core.report.format import SECTIONS
from gongkai.core.report.image_grid import find_grid, paper_and_ink
from gongkai.core.report.model import Finding, error, warning
from gongkai.core.report.ofd_pictures import MAX_PICTURES
from gongkai.core.report.page_tables import TEXT, page_pieces, table_kind
from gongkai.core.report.read_headings import heading_section
from gongkai.core.report.read_image import (
    MARKER,
    MAX_PIXELS,
    SCALES,
    TABLE_NAMES,
    ocr_lines,
    page_images,
    passes_checked,
    read_images,
)
from gongkai.core.report.read_lines import ReadResult, read_report_lines

THIN_TEXT = 200  # characters: a text layer this thin (page numbers, a stamp) is no report's text
OUTSIDE_INK = 0.005  # share of a picture's ink outside its grid that still makes it a table picture


def too_large(width: int, height: int) -> str | None:
    """ "过大…" when a picture of that many pixels is over `MAX_PIXELS`, else None."""
    if width * height > MAX_PIXELS:
        return f"过大（{width}×{height} 像素，超过 {MAX_PIXELS // 10_000} 万像素）"
    return None


def picture_warning(number: int, problem: str) -> Finding:
    return warning("input.picture", "document", f"第{number}张图片{problem}，未识别")


def picture_problem(picture: bytes) -> str | None:
    """Why a picture cannot be read ("过大…", "已损坏…"), or None. The size is read from the
    header before any pixel is decoded."""
    from PIL import Image, UnidentifiedImageError

    try:
        with Image.open(BytesIO(picture)) as image:
            if too_large(image.width, image.height):
                return too_large(image.width, image.height)
            image.load()
    except Image.DecompressionBombError:
        return f"过大（超过 {MAX_PIXELS // 10_000} 万像素）"
    except (UnidentifiedImageError, OSError, ValueError, SyntaxError):
        return "已损坏或不是图片"
    return None


def marked_pictures(contents: list[bytes | None]) -> tuple[dict[str, bytes], list[Finding]]:
    """The pictures of a text document in order, the n-th standing at `MARKER.format(n)` (n from
    1) among its lines: {marker: bytes} of the first `MAX_PICTURES` that can be read, and an
    `input.picture` warning for each picture left out (`picture_problem`: over `MAX_PIXELS`,
    checked before decoding, or broken); an unloaded picture (None) is left out silently."""
    pictures: dict[str, bytes] = {}
    findings: list[Finding] = []
    for number, content in enumerate(contents, 1):
        if not content:
            continue
        problem = picture_problem(content) if len(pictures) < MAX_PICTURES else f"超出 {MAX_PICTURES} 张的上限"
        if problem is None:
            pictures[MARKER.format(number)] = content
        else:
            findings.append(picture_warning(number, problem))
    return pictures, findings


def table_picture(picture: bytes) -> str | None:
    """The table a picture is, when it is one ruled table: a grid is traced and (its lines
    removed) at most `OUTSIDE_INK` of the ink lies outside the grid (widened by a row). Which
    table, by the grid's shape (`table_kind`): "proactive", "applications", "review_litigation",
    or "" when the shape is none of them. None when the picture is not one ruled table."""
    found = find_grid(picture)
    if found is None:
        return None
    grey, grid = found
    paper, ink = paper_and_ink(grey)
    dark = grey < paper - max(18.0, 0.22 * (paper - ink))
    boxes = [cell.box for cell in grid.cells]
    pad = int(grid.row_pitch)
    x0, y0 = max(0, min(b[0] for b in boxes) - pad), max(0, min(b[1] for b in boxes) - pad)
    x1, y1 = max(b[2] for b in boxes) + pad, max(b[3] for b in boxes) + pad
    total = int(dark.sum())
    inside = int(dark[y0:y1, x0:x1].sum())
    if total == 0 or total - inside > OUTSIDE_INK * total:
        return None
    return table_kind(grid)


def _with_heading(lines: list[str], table: str) -> list[str]:
    """`lines` (those since the previous table picture) ending with the heading of the section of
    `table` when OCR did not give it: the table's picture then stands in its own section."""
    if not table or any((heading_section(unicodedata.normalize("NFKC", line)) or ("",))[0] == table for line in lines):
        return lines
    return [*lines, next(spec.heading for spec in SECTIONS if spec.id == table)]


def _pieces(pictures: list[bytes]) -> list[tuple[bytes, str | None]]:
    """The pictures as pieces to read in order, (bytes, table kind or None for text): a table
    picture whole, a page holding tables among text cut (`page_tables.page_pieces`)."""
    pieces: list[tuple[bytes, str | None]] = []
    pages: list[bytes] = []
    for picture in pictures:
        kind = table_picture(picture)
        if kind is None:
            pages.append(picture)
            continue
        pieces += page_pieces(pages)
        pages = []
        pieces.append((picture, kind))
    return pieces + page_pieces(pages)


def thin_text(lines: list[str]) -> bool:
    """Whether a text layer holds fewer than `THIN_TEXT` characters: page numbers or a stamp laid
    over page scans, as scanning software leaves them, no report's text."""
    return sum(len("".join(line.split())) for line in lines) < THIN_TEXT


def over_scans(result: ReadResult, lines: list[str], scanned) -> ReadResult:
    """The reading of a document whose text layer `lines` gave no report: when that layer is thin
    (`thin_text`), the pages read as a scan (`scanned()`) if that gives a report; else `result`."""
    if result.report is not None or not thin_text(lines):
        return result
    pictured = scanned()
    return pictured if pictured.report is not None else result


def read_scanned_pdf(data: bytes) -> ReadResult:
    """A PDF without a text layer: its first 20 pages, rendered at 200 dpi, read as pictures
    (`read_pictures`)."""
    no_text = error("input.unreadable", "document", "PDF 没有文字层（可能是扫描件），无法读取")
    try:
        images = page_images(data)
    except Exception:
        return ReadResult(None, [no_text])
    return read_pictures(images, no_text)


def read_pictures(pictures: list[bytes], unreadable: Finding) -> ReadResult:
    findings: list[Finding] = []
    usable = []
    for number, picture in enumerate(pictures, 1):
        problem = picture_problem(picture)
        if problem is None:
            usable.append(picture)
        else:
            findings.append(picture_warning(number, problem))
    if not usable:
        reason = "没有可识别的图片（图片过大或已损坏）" if pictures else "没有图片"
        return ReadResult(None, [unreadable, error("input.unreadable", "document", reason), *findings])
    pieces = _pieces(usable)
    if all(kind in (None, TEXT) for _, kind in pieces):
        result = read_images(usable, unreadable)
        return ReadResult(result.report, result.findings + findings, result.published_on)
    passes = []
    for scale in SCALES:
        lines: list[str] = []
        since = 0  # where the lines since the previous table start
        images: dict[str, bytes] = {}
        for index, (piece, kind) in enumerate(pieces):
            if kind not in (None, TEXT):
                marker = MARKER.format(index + 1)
                lines[since:] = _with_heading(lines[since:], kind)
                lines.append(marker)
                since = len(lines)
                if not passes:  # each table is read once, cell by cell
                    images[marker] = piece
                continue
            found = ocr_lines(piece, scale, rulings=kind is None)
            if found is None:
                return ReadResult(None, [unreadable, *findings])
            lines += found
        passes.append(read_report_lines(lines, images))
        if passes[0].report is None:
            no_report = error("input.unreadable", "document", "图片中没有可识别的年度报告")
            return ReadResult(None, [unreadable, no_report, *findings])
    first = passes[0]
    pictured = frozenset(
        f.where for f in first.findings if f.code in ("table.ocr", "table.image") and f.where in TABLE_NAMES
    )
    result = passes_checked(first, passes[1], pictured)
    return ReadResult(result.report, result.findings + findings, result.published_on)
