"""Tables published as images, and scanned PDFs: OCR with tesseract (chi_sim), trusted only when
the table proves itself.

Contract: a table read by OCR is accepted only when (1) every cell was read, (2) every
勾稽关系 of 国办公开办函〔2021〕30号 within that table holds (row 总计, （七）总计 column sums,
一 + 二 = （七） + 四, the 总计 of each review group), and (3) the reading is confirmed: on a ruled
table, read cell by cell (`image_grid` traces the grid, `ocr_cells` reads the cells), every
figure is given by two independent readings and contradicted by none (`read_glyphs.agreed`),
or by a second look at the cell (`read_glyphs.agreed_again`), or — when no reading confirms
it — proven by two 勾稽关系 of the table that agree with one of its readings
(`settle_sums`, a `cell.settled_by_sums` finding);
a picture without a traceable grid is OCR'd whole twice, at two scales, and both passes must
give the very same cells. The 主动公开 table has no 勾稽关系: it is taken from a ruled picture
only when the picture is the national format's table 二 and every reader gives every figure,
whose digits the ink holds (`image_proactive`, its own contract; never from a picture without a
grid, nor settled by anything). Otherwise every cell of that table is null with a
`table.image` warning — a misread digit never becomes a figure. Without tesseract,
or when it fails or times out, the table is null with `table.image` too.
"""

from __future__ import annotations

import os
import re
import shutil
import subprocess
from io import BytesIO

from gongkai.core.report.image_grid import find_grid
from gongkai.core.report.image_proactive import proactive_lines
from gongkai.core.report.model import Finding, Report, error, null_report, warning
from gongkai.core.report.ocr_cells import cell_texts
from gongkai.core.report.read_blanks import identities
from gongkai.core.report.settle_sums import settle_by_sums

MARKER = "〔图片{}〕"
STRAY = re.compile(r"[|｜”“‘’\[\]]")  # remnants of ruling lines and quotes misread between cells
SCALES = (1.0, 0.8)
OCR_TIMEOUT = 60
MAX_PIXELS = 40_000_000
TABLE_NAMES = {"proactive": "第二部分", "applications": "第三部分", "review_litigation": "第四部分"}
CHECKABLE = ("applications", "review_litigation")  # the tables that have 勾稽关系
UNSURE_BASE = 987_650_000  # placeholders of unconfirmed figures, far above any printed count


def _prepared(image_bytes: bytes, scale: float, rulings: bool = True) -> bytes | None:
    """The image as a grayscale PNG, scaled, with long ruling lines whitened (tesseract reads
    the figures of a ruled table far better without its grid) unless it holds no `rulings` (a
    bold heading's strokes would be taken for one)."""
    from PIL import Image, UnidentifiedImageError

    try:
        image = Image.open(BytesIO(image_bytes))
        if image.width * image.height > MAX_PIXELS:
            return None
        image = image.convert("L")
    except (UnidentifiedImageError, OSError, ValueError, Image.DecompressionBombError):
        return None
    from PIL import ImageFilter, ImageOps

    image = image.filter(ImageFilter.MedianFilter(3))  # scanner speckles
    box = ImageOps.invert(image).point(lambda value: 255 if value > 90 else 0).getbbox()
    if box:  # the ruling lines' share is measured on the table, not the whole picture
        image = image.crop(
            (max(0, box[0] - 8), max(0, box[1] - 8), min(image.width, box[2] + 8), min(image.height, box[3] + 8))
        )
    if scale != 1.0:
        image = image.resize((int(image.width * scale), int(image.height * scale)))
    width, height = image.size
    if not rulings:
        out = BytesIO()
        image.save(out, "PNG")
        return out.getvalue()
    data = bytearray(image.tobytes())
    dark = bytes(1 if value < 170 else 0 for value in range(256))
    mask = bytes(data).translate(dark)
    white_row = b"\xff" * width
    for y in range(height):
        if mask[y * width : (y + 1) * width].count(1) > width * 0.35:
            for yy in range(max(0, y - 1), min(height, y + 2)):
                data[yy * width : (yy + 1) * width] = white_row
    mask = bytes(data).translate(dark)
    for x in range(width):
        if mask[x::width].count(1) > height * 0.25:
            for xx in range(max(0, x - 1), min(width, x + 2)):
                data[xx::width] = b"\xff" * len(data[xx::width])
    out = BytesIO()
    Image.frombytes("L", (width, height), bytes(data)).save(out, "PNG")
    return out.getvalue()


def ocr_lines(image_bytes: bytes, scale: float = 1.0, rulings: bool = True) -> list[str] | None:
    """The text lines tesseract reads in the image (`rulings`: see `_prepared`); None when OCR
    is unavailable or fails."""
    if shutil.which("tesseract") is None:
        return None
    prepared = _prepared(image_bytes, scale, rulings)
    if prepared is None:
        return None
    try:
        done = subprocess.run(
            ["tesseract", "stdin", "stdout", "-l", "chi_sim", "--psm", "6"],
            input=prepared,
            capture_output=True,
            timeout=OCR_TIMEOUT,
            env=dict(os.environ, OMP_THREAD_LIMIT="1"),
            check=False,
        )
    except (OSError, subprocess.TimeoutExpired):
        return None
    if done.returncode != 0:
        return None
    text = done.stdout.decode("utf-8", "replace")
    return [STRAY.sub(" ", line) for line in text.splitlines()]


def table_proves_itself(report: Report, table: str) -> bool:
    """Every cell read and every identity of the table holds. A table without any identity (the
    主动公开 table) can never prove itself so: two OCR passes agreeing on a misread digit is not
    proof (its pictures are read by `proactive_table` instead)."""
    if table not in CHECKABLE:
        return False
    cells = getattr(report, table)
    if any(value is None for row in cells.values() for value in row.values()):
        return False
    for left, right in identities(report):
        if left[0][0] != table:
            continue
        values = [getattr(report, r[0])[r[1]][r[2]] for r in left + right]
        if sum(values[: len(left)]) != sum(values[len(left) :]):
            return False
    return True


def image_finding(table: str, reason: str) -> Finding:
    return warning("table.image", table, f"{TABLE_NAMES[table]}的表格是图片：{reason}，数据按缺失处理")


def grid_lines(image_bytes: bytes) -> tuple[list[str], dict[str, set[str]]] | None:
    """The table in the picture as the lines an HTML table gives (`a | b | c` per row), read
    cell by cell on its ruling lines (`image_grid`, `ocr_cells`), with each unconfirmed figure
    in a row holding confirmed figures written as a placeholder number of its own
    (`UNSURE_BASE` + k) so that the section's reader places it (elsewhere "?"); and {placeholder: the figures any reading of that cell saw}. None when
    no ruled grid is found or OCR is unavailable."""
    found = find_grid(image_bytes)
    if found is None:
        return None
    grey, grid = found
    read = cell_texts(grey, grid)
    if read is None:
        return None
    texts, seen = read
    if any(len(text) >= len(str(UNSURE_BASE)) and text.isdigit() for text in texts.values()):
        seen = {}  # a printed figure as long as a placeholder: unconfirmed cells stay "?"
    data = {cell for row in grid.rows if any(texts[c].isdigit() for c in row) for cell in row}
    seen = {cell: readings for cell, readings in seen.items() if cell in data}  # a header stays "?"
    placeholders = {cell: str(UNSURE_BASE + number) for number, cell in enumerate(seen)}
    lines = [" | ".join(placeholders.get(cell, texts[cell]) for cell in row) for row in grid.rows if row]
    return lines, {placeholders[cell]: readings for cell, readings in seen.items()}


def _unsure_cells(report: Report, table: str, placeholders: dict[str, set[str]]) -> dict:
    """Every placeholder the reader placed made null again; {(table, row, column): readings}."""
    found = {}
    for row_id, row in getattr(report, table).items():
        for column_id, value in row.items():
            if value is not None and value >= UNSURE_BASE:
                row[column_id] = None
                if str(value) in placeholders:
                    found[(table, row_id, column_id)] = placeholders[str(value)]
    return found


def read_image_table(report: Report, table: str, image_bytes: bytes, read_table) -> list[Finding]:
    """Read one table picture cell by cell on its ruling lines (every figure confirmed by two
    readings, or settled by the table's arithmetic, `settle_sums`); failing a grid, OCR the
    whole picture twice. Fill `report`'s table only when the table proves itself; the 主动公开
    table, which has no arithmetic, by `proactive_table`.
    `read_table(report, lines)` is the section's table reader."""

    if table not in CHECKABLE:
        return proactive_table(report, table, image_bytes, read_table)
    read = grid_lines(image_bytes)
    if read is not None:
        lines, placeholders = read
        trial = null_report(report.agency_name, report.year)
        read_table(trial, lines)
        settled = settle_by_sums(trial, table, _unsure_cells(trial, table, placeholders))
        if not table_proves_itself(trial, table):
            return [image_finding(table, "逐格识别的数据不完整或不符合表内勾稽关系")]
        setattr(report, table, getattr(trial, table))
        return [
            warning(
                "table.ocr",
                table,
                f"{TABLE_NAMES[table]}的表格是图片，已逐格识别，每个数据经两种识别和表内勾稽关系核对",
            ),
            *settled,
        ]
    readings = []
    for scale in SCALES:
        lines = ocr_lines(image_bytes, scale)
        if lines is None:
            return [image_finding(table, "无法识别图片中的文字")]
        trial = null_report(report.agency_name, report.year)
        read_table(trial, lines)
        if not table_proves_itself(trial, table):
            return [image_finding(table, "识别出的数据不完整或不符合表内勾稽关系")]
        readings.append(getattr(trial, table))
    if readings[0] != readings[1]:
        return [image_finding(table, "两次识别结果不一致")]
    setattr(report, table, readings[0])
    return [
        warning("table.ocr", table, f"{TABLE_NAMES[table]}的表格是图片，已识别，全部数据经表内勾稽关系和两次识别核对")
    ]


def proactive_table(report: Report, table: str, image_bytes: bytes, read_table) -> list[Finding]:
    """The 主动公开 table from its picture, only when every figure is read unanimously and fits
    the ink, and the picture is the national format's table (`image_proactive`); else null."""
    lines, figures, reason = proactive_lines(image_bytes)
    if lines is None:
        return [image_finding(table, reason)]
    trial = null_report(report.agency_name, report.year)
    findings = read_table(trial, lines)
    placed = {
        f"{row_id}.{column_id}": str(value)
        for row_id, row in getattr(trial, table).items()
        for column_id, value in row.items()
        if value is not None
    }
    if placed != figures:  # each figure in the very cell the format gives it
        return [image_finding(table, "逐格识别的数据未能按统一格式逐项对应")]
    setattr(report, table, getattr(trial, table))
    return [
        warning(
            "table.ocr",
            table,
            f"{TABLE_NAMES[table]}的表格是图片，已逐格识别；该表没有勾稽关系，每个数据均经两种识别模型、"
            "多种尺寸的多次识别确认且与本表字形比对不矛盾，数字个数与图中笔迹宽度相符，表格行列和各行名称与统一格式一致",
        ),
        *(f for f in findings if f.code == "cell.blank"),
    ]


def page_images(data: bytes, limit: int = 20) -> list[bytes]:
    """The pages of a PDF rendered as PNG images (about 200 dpi)."""
    import pypdfium2 as pdfium

    document = pdfium.PdfDocument(data)
    images = []
    try:
        for index in range(min(len(document), limit)):
            page = document[index]
            bitmap = page.render(scale=200 / 72)
            out = BytesIO()
            bitmap.to_pil().save(out, "PNG")
            images.append(out.getvalue())
            page.close()
    finally:
        document.close()
    return images


def read_images(images: list[bytes], unreadable: Finding):
    """A report published as page images: OCR'd text for the headings and narrative; tables
    only when they prove themselves (two OCR passes, every cross-check)."""
    from gongkai.core.report.read_lines import ReadResult, read_report_lines

    passes = []
    for scale in SCALES:
        lines: list[str] = []
        for image in images:
            found = ocr_lines(image, scale)
            if found is None:
                return ReadResult(None, [unreadable])
            lines += found
        passes.append(read_report_lines(lines))
        if passes[0].report is None:  # no report in the pictures: no second pass
            return ReadResult(
                None, [unreadable, error("input.unreadable", "document", "扫描件中没有可识别的年度报告表格")]
            )
    return passes_checked(*passes)


def passes_checked(first, second, pictured: frozenset[str] = frozenset()):
    """The first of two OCR readings of the same pages, each of its tables kept only when the
    second reading gives the very same table and it proves itself (else null, `table.image`);
    the tables in `pictured` were read from their own pictures (`read_image_table`, which
    gated them) and are kept as read."""
    from gongkai.core.report.read_lines import ReadResult

    findings = [
        f
        for f in first.findings
        if f.code
        not in (
            "table.misaligned",
            "table.rows_missing",
            "cell.blank",
            "cell.ambiguous",
            "cell.invalid",
            "cell.blank_zero",
        )
    ]
    for table in TABLE_NAMES:
        if table in pictured:
            continue
        own = getattr(first.report, table)
        other = getattr(second.report, table) if second.report else None
        if own == other and table_proves_itself(first.report, table):
            findings.append(warning("table.ocr", table, f"{TABLE_NAMES[table]}的表格来自扫描件，已识别并核对"))
            continue
        empty = null_table(first.report, table)
        setattr(first.report, table, empty)
        findings.append(image_finding(table, "扫描件中的数据未能通过两次识别和表内勾稽关系核对"))
    findings.append(warning("input.scanned", "document", "报告是扫描件，文字经 OCR 识别"))
    return ReadResult(first.report, findings, first.published_on)


def null_table(report: Report, table: str) -> dict:
    return {row: dict.fromkeys(cells) for row, cells in getattr(report, table).items()}
