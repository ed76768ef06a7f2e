"""Attachment checks: size, and type by content (filetype), not by name; text extraction for
screening and search.

`extract_for_screening(name, mime, data)` reads the text under the limits of
`gongkai.core.archive_limits.KINDS["attachment"]` (archive checks before decompression, parsing
in a bounded child process, a page cap for PDFs) and OCRs pages without a text layer.
`check_upload(name, data, max_bytes)` returns (content_type, problem): problem is a Chinese
reason or None. A file whose content does not match its extension is refused (disguised).
"""

from __future__ import annotations

import io
import logging
from dataclasses import dataclass, field

import filetype

from gongkai.catalog import ocr
from gongkai.core.archive_limits import KINDS, UploadRefused, check_archive, parse_bounded
from gongkai.core.text import xml_safe

log = logging.getLogger(__name__)

ALLOWED = {
    # sniffed extension -> (accepted name extensions, mime)
    "pdf": ({"pdf"}, "application/pdf"),
    "docx": ({"docx"}, "application/vnd.openxmlformats-officedocument.wordprocessingml.document"),
    "xlsx": ({"xlsx"}, "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"),
    "png": ({"png"}, "image/png"),
    "jpg": ({"jpg", "jpeg"}, "image/jpeg"),
    "gif": ({"gif"}, "image/gif"),
    "webp": ({"webp"}, "image/webp"),
}
ACCEPT_LABEL = "PDF、DOCX、XLSX、PNG、JPG、GIF、WEBP"


def _human(size: int) -> str:
    return f"{size / 1024 / 1024:.0f}MB" if size >= 1024 * 1024 else f"{size // 1024}KB"


def check_upload(name: str, data: bytes, max_bytes: int) -> tuple[str | None, str | None]:
    if not data:
        return None, f"附件“{name}”是空文件"
    if len(data) > max_bytes:
        return None, f"附件“{name}”大小超过上限{_human(max_bytes)}"
    kind = filetype.guess(data)
    sniffed = kind.extension if kind else None
    if sniffed == "zip":  # some Office files are only recognised as zip: look inside
        sniffed = _office_kind(data)
    if sniffed not in ALLOWED:
        return None, f"附件“{name}”的文件内容不是允许的类型（{ACCEPT_LABEL}）"
    extension = name.rsplit(".", 1)[-1].lower() if "." in name else ""
    names, mime = ALLOWED[sniffed]
    if extension not in names:
        return None, f"附件“{name}”的扩展名与文件内容（{sniffed.upper()}）不符"
    return mime, None


def _office_kind(data: bytes) -> str | None:
    import zipfile

    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            names = set(archive.namelist())
    except zipfile.BadZipFile:
        return None
    if "word/document.xml" in names:
        return "docx"
    if "xl/workbook.xml" in names:
        return "xlsx"
    return None


@dataclass(frozen=True)
class Extracted:
    """The text of an attachment for screening and search, where it came from, and the pages
    (1-based) nobody could read — the reviewer confirms those by hand before approval."""

    text: str
    source: str  # Attachment.TextSource value: "layer", "ocr" or "none"
    pages_to_check: list[int] = field(default_factory=list)


def _pdf_pages(data: bytes, max_pages: int) -> list[str] | str:
    """The text of each page (in a bounded child); a Chinese reason when over the page cap."""
    import pdfplumber

    with pdfplumber.open(io.BytesIO(data)) as pdf:
        if len(pdf.pages) > max_pages:
            return f"超过{max_pages}页"
        return [(page.extract_text() or "") for page in pdf.pages]


def _docx_text(data: bytes) -> str:
    import docx

    document = docx.Document(io.BytesIO(data))
    lines = [p.text for p in document.paragraphs]
    for table in document.tables:
        for row in table.rows:
            lines.append(" ".join(cell.text for cell in row.cells))
    return "\n".join(lines)


def _xlsx_text(data: bytes, max_rows: int) -> str:
    import openpyxl

    book = openpyxl.load_workbook(io.BytesIO(data), read_only=True, data_only=True)
    lines = []
    for sheet in book.worksheets:
        for row in sheet.iter_rows(values_only=True, max_row=max_rows):
            lines.append(" ".join(str(v) for v in row if v is not None))
    return "\n".join(lines)


def extract_for_screening(name: str, mime: str, data: bytes) -> Extracted:
    """Text layer first (parsed in a bounded child after the archive checks of
    `KINDS["attachment"]`), OCR for pages without one (gongkai.catalog.ocr).
    Raises UploadRefused (Chinese) for a bomb, an over-long or unreadable document."""

    limits = KINDS["attachment"]
    if mime == "application/pdf":
        pages = parse_bounded("attachment", name, _pdf_pages, data, limits.max_pages)
        if isinstance(pages, str):
            raise UploadRefused(f"附件“{name}”{pages}，请拆分后上传")
        blank = [n for n, text in enumerate(pages, start=1) if not text.strip()]
        read = ocr.ocr_pdf_pages(data, blank) if blank else {}
        texts = [read.get(n, text) for n, text in enumerate(pages, start=1)]
        unread = [n for n in blank if n not in read]
        source = "none" if unread else ("ocr" if read else "layer")
        return Extracted(xml_safe("\n".join(texts)), source, unread)
    if mime.startswith("image/"):
        text = ocr.ocr_image(data, "." + mime.split("/")[1])
        return Extracted(xml_safe(text), "ocr", []) if text else Extracted("", "none", [1])
    check_archive("attachment", name, data)
    if mime.endswith("wordprocessingml.document"):
        text = parse_bounded("attachment", name, _docx_text, data)
    elif mime.endswith("spreadsheetml.sheet"):
        text = parse_bounded("attachment", name, _xlsx_text, data, limits.max_rows)
    else:
        return Extracted("", "none", [1])
    return Extracted(xml_safe(text), "layer", []) if text.strip() else Extracted("", "none", [1])
