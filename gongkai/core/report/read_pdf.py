"""Reading a report published as a PDF.

Contract: `read_pdf(data)` extracts the text of every page in order with PDFium (pypdfium2, fast:
a table broken across pages simply continues; page numbers such as "-1-" are dropped by the line
cleaner). Only when that reading leaves table cells unplaced is the table extractor (pdfplumber)
called, which rebuilds each ruled table as `cell | cell` lines with multi-line cells joined; the
reading that places more figures is kept (each reading alone never gives a wrong number). A PDF
without a text layer (a scan) is OCR'd when its pages hold a table whose cross-checks all hold
(`read_image`); otherwise `input.unreadable` with the reason. A PDF that cannot be opened gives
`input.unreadable`.
"""

from __future__ import annotations

import logging
from io import BytesIO

from gongkai.core.report.model import error
from gongkai.core.report.read_lines import ReadResult, read_report_lines
from gongkai.core.report.read_pictures import read_scanned_pdf

MAX_PAGES = 200
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


def _placed(result: ReadResult) -> int:
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
    result = read_report_lines(lines)
    if result.report is not None and not any(f.code in UNPLACED for f in result.findings):
        return result
    try:
        other = read_report_lines(table_lines(data))
    except Exception:
        return result
    return other if _placed(other) > _placed(result) else result
