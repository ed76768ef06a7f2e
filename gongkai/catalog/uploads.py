"""Attachment checks: size, and type by content (filetype), not by name; text extraction for
screening and search.

`check_upload(name, data, max_bytes)` returns (content_type, problem): problem is a Chinese
reason or None. A file whose content does not match its extension is refused (disguised).
"""

from __future__ import annotations

import io
import logging

import filetype

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


def extract_text(mime: str, data: bytes) -> str | None:
    """The text layer of a document: '' for images, None when a document cannot be read
    (the caller refuses it: what cannot be screened cannot be published)."""
    try:
        if mime == "application/pdf":
            import pdfplumber

            with pdfplumber.open(io.BytesIO(data)) as pdf:
                return "\n".join((page.extract_text() or "") for page in pdf.pages[:200])
        if mime.endswith("wordprocessingml.document"):
            import docx

            document = docx.Document(io.BytesIO(data))
            lines = [p.text for p in document.paragraphs]
            for table in document.tables:
                for row in table.rows:
                    lines.append(" ".join(cell.text for cell in row.cells))
            return "\n".join(lines)
        if mime.endswith("spreadsheetml.sheet"):
            import openpyxl

            book = openpyxl.load_workbook(io.BytesIO(data), read_only=True, data_only=True)
            lines = []
            for sheet in book.worksheets:
                for row in sheet.iter_rows(values_only=True):
                    lines.append(" ".join(str(v) for v in row if v is not None))
            return "\n".join(lines)
    except Exception:  # a corrupt or encrypted document
        log.info("could not extract text from an attachment", exc_info=True)
        return None
    return ""
