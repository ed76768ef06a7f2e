"""Reading a report published as a PDF.

Contract: `read_pdf(data)` extracts the text of every page in order with PDFium (pypdfium2, fast:
a table broken across pages simply continues; page numbers such as "-1-" are dropped by the line
cleaner). Only when that reading leaves table cells unplaced is the table extractor (pdfplumber)
called, which rebuilds each ruled table as `cell | cell` lines with multi-line cells joined; the
reading that places more figures is kept (each reading alone never gives a wrong number). A PDF
without a text layer (a scan) is OCR'd when its pages hold a table whose cross-checks all hold
(`read_image`); otherwise `input.unreadable` with the reason. A PDF that cannot be opened gives
`input.unreadable`.

A text PDF whose tables are pictures (a Word report with pasted table pictures, exported): when
the text reading leaves a table missing, the pages are read again with a marker line where each
wide picture stands (`pdf_picture_lines`: each page's text cut into the bands above, between and
below its pictures, top to bottom), the pictures going to the shared line reader as an HTML
page's (`read_image`: exact or null with `table.image`); at most `MAX_PICTURES` pictures, each
over `MAX_PIXELS` refused from its pixel size before decoding (`input.picture`). That reading is
kept when it read a picture as a table and places at least as many figures.
"""

from __future__ import annotations

import logging
from io import BytesIO

from gongkai.core.report.model import Finding, error
from gongkai.core.report.ofd_pictures import MAX_PICTURES
from gongkai.core.report.read_image import MARKER
from gongkai.core.report.read_lines import ReadResult, read_report_lines
from gongkai.core.report.read_pictures import over_scans, picture_warning, read_scanned_pdf, too_large

MAX_PAGES = 200
WIDE = 0.3  # share of the page's width a picture spans to be taken for a table
UNPLACED = (
    "table.misaligned",
    "table.rows_missing",
    "cell.ambiguous",
    "missing.table.proactive",
    "missing.table.applications",
    "missing.table.review_litigation",
)


def pdf_lines(data: bytes) -> list[str]:
    """The text lines of every page (PDFium)."""
    import pypdfium2 as pdfium

    document = pdfium.PdfDocument(data)
    try:
        lines: list[str] = []
        for index in range(min(len(document), MAX_PAGES)):
            page = document[index]
            text_page = page.get_textpage()
            lines += text_page.get_text_range().replace("\r\n", "\n").replace("\r", "\n").split("\n")
            text_page.close()
            page.close()
        return lines
    finally:
        document.close()


def _picture(image) -> tuple[bytes | None, str | None]:
    """(the picture as PNG, None) or (None, why it is left out); the size is checked first."""
    width, height = image.get_px_size()
    problem = too_large(width, height)
    if problem is not None:
        return None, problem
    try:
        out = BytesIO()
        image.get_bitmap(render=False).to_pil().save(out, "PNG")
    except Exception:
        return None, "已损坏或不是图片"
    return out.getvalue(), None


def pdf_picture_lines(data: bytes) -> tuple[list[str], dict[str, bytes], list[Finding]]:
    """(the text lines of every page with a marker line where each wide picture stands, {marker:
    picture}, an `input.picture` warning for each picture left out)."""
    import pypdfium2 as pdfium
    import pypdfium2.raw as raw

    document = pdfium.PdfDocument(data)
    lines: list[str] = []
    pictures: dict[str, bytes] = {}
    findings: list[Finding] = []
    number = 0
    try:
        for index in range(min(len(document), MAX_PAGES)):
            page = document[index]
            text_page = page.get_textpage()
            width, top = page.get_width(), page.get_height()
            images = page.get_objects(filter=[raw.FPDF_PAGEOBJ_IMAGE], max_depth=2)
            bands = sorted(((obj.get_bounds(), obj) for obj in images), key=lambda item: -item[0][3])
            for (left, bottom, right, image_top), image in bands:
                if right - left < WIDE * width or number >= MAX_PICTURES:
                    continue
                if image_top < top:
                    lines += text_page.get_text_bounded(bottom=image_top, top=top).replace("\r", "").split("\n")
                    top = bottom
                number += 1
                content, problem = _picture(image)
                lines.append(MARKER.format(number))
                if content is not None:
                    pictures[MARKER.format(number)] = content
                else:
                    findings.append(picture_warning(number, problem or ""))
            lines += text_page.get_text_bounded(bottom=0, top=top).replace("\r", "").split("\n")
            text_page.close()
            page.close()
    finally:
        document.close()
    return lines, pictures, findings


def _with_pictures(data: bytes, result: ReadResult) -> ReadResult:
    """The reading with the pages' pictures (`pdf_picture_lines`) when it read a picture as a
    table and places at least as many figures as `result`; else `result`."""
    try:
        lines, pictures, findings = pdf_picture_lines(data)
    except Exception:
        return result
    return kept_with_pictures(result, lines, pictures, findings)


def kept_with_pictures(result: ReadResult, lines: list[str], pictures: dict, findings: list) -> ReadResult:
    """The reading of `lines` with their marked `pictures` (and the pictures' `findings`) when it
    read a picture as a table (or left one out) and places at least as many figures as the
    text-only `result`; else `result`. Shared by the PDF and OFD readers."""
    if not pictures and not findings:
        return result
    pictured = read_report_lines(lines, pictures)
    if not any(f.code in ("table.ocr", "table.image") for f in pictured.findings) and not findings:
        return result
    if placed_figures(pictured) < placed_figures(result):
        return result
    return ReadResult(pictured.report, pictured.findings + findings, pictured.published_on)


def _joined(cell) -> str:
    """A cell's text with the lines of a wrapped (multi-line) cell joined."""
    parts = str(cell or "").split()
    return " ".join(parts) if all(p.replace(".", "").isdigit() for p in parts) else "".join(parts)


def table_lines(data: bytes) -> list[str]:
    """Each page's lines with its ruled tables rebuilt as `cell | cell` rows (pdfplumber)."""
    import pdfplumber

    logging.getLogger("pdfminer").setLevel(logging.ERROR)
    lines: list[str] = []
    with pdfplumber.open(BytesIO(data)) as pdf:
        for page in pdf.pages[:MAX_PAGES]:
            tables = page.find_tables()
            placed: list[tuple[float, str]] = []
            rest = page
            for table in tables:
                rows = table.extract()
                top = table.bbox[1]
                for number, row in enumerate(rows):
                    cells = [_joined(cell) for cell in row]
                    if any(cells):
                        placed.append((top + number * 0.001, " | ".join(cells)))
                rest = rest.outside_bbox(table.bbox)
            for line in rest.extract_text_lines():
                placed.append((line["top"], line["text"]))
            lines += [text for _, text in sorted(placed, key=lambda item: item[0])]
    return lines


def placed_figures(result: ReadResult) -> int:
    """The figures of the three tables a reading placed (-1 without a report)."""
    if result.report is None:
        return -1
    data = result.report.to_json()
    return sum(
        1
        for table in ("proactive", "applications", "review_litigation")
        for row in data[table].values()
        for value in row.values()
        if value is not None
    )


def read_pdf(data: bytes) -> ReadResult:
    try:
        lines = pdf_lines(data)
    except Exception as failure:
        return ReadResult(None, [error("input.unreadable", "document", f"无法打开 PDF：{type(failure).__name__}")])
    if not any(line.strip() for line in lines):
        return read_scanned_pdf(data)
    result = over_scans(read_report_lines(lines), lines, lambda: read_scanned_pdf(data))
    if any(f.code.startswith("missing.table.") for f in result.findings):
        result = _with_pictures(data, result)
    if result.report is not None and not any(f.code in UNPLACED for f in result.findings):
        return result
    try:
        other = read_report_lines(table_lines(data))
    except Exception:
        return result
    return other if placed_figures(other) > placed_figures(result) else result
