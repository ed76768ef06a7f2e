"""Reading a report published as a PDF with a text layer (pdfplumber).

Contract: `read_pdf(data)` extracts the text of every page in order (a table broken across pages
simply continues; page numbers such as "-1-" are dropped by the line cleaner). A PDF without a
text layer (a scan) or one pdfplumber cannot open gives `input.unreadable` with the reason.
"""

from __future__ import annotations

import logging
from io import BytesIO

from gongkai.core.report.model import error
from gongkai.core.report.read_lines import ReadResult, read_report_lines

MAX_PAGES = 200


def pdf_lines(data: bytes) -> list[str]:
    import pdfplumber

    logging.getLogger("pdfminer").setLevel(logging.ERROR)
    lines: list[str] = []
    with pdfplumber.open(BytesIO(data)) as pdf:
        for page in pdf.pages[:MAX_PAGES]:
            lines += (page.extract_text() or "").splitlines()
    return lines


def read_pdf(data: bytes) -> ReadResult:
    try:
        lines = pdf_lines(data)
    except Exception as failure:  # noqa: BLE001 - pdfminer raises many kinds on a broken file
        return ReadResult(None, [error("input.unreadable", "document", f"无法打开 PDF：{type(failure).__name__}")])
    if not any(line.strip() for line in lines):
        return ReadResult(None, [error("input.unreadable", "document", "PDF 没有文字层（可能是扫描件），无法读取")])
    return read_report_lines(lines)
