"""Limits for every upload kind, checked before anything is decompressed or parsed (issue 11).

One table (`KINDS`) documents the cap of each upload kind; `check_upload_size` and
`check_archive` refuse with a Chinese reason (`UploadRefused`) before a byte is inflated:
- the upload's own size (per kind);
- for a ZIP container (DOCX, XLSX, ZIP of reports): member count, total uncompressed size (as
  declared in the central directory — Python's zipfile never inflates a member past its
  declared size, it fails the CRC instead), the size of the largest member and the
  compression ratio (uncompressed / compressed) of every member larger than 1 MB.
Parsing itself runs in `gongkai.core.bounded.run_bounded` (a child process with a memory and a
time cap), so even a file that passes these checks cannot hold a worker or its memory.
XML inside XLSX is parsed by openpyxl with defusedxml installed (no DTDs, no entities).
"""

from __future__ import annotations

import io
import zipfile
from dataclasses import dataclass

from gongkai.core.bounded import BoundExceeded, BoundFailed, run_bounded
from gongkai.core.refusal import Refused

MB = 1024 * 1024
RATIO_FLOOR_BYTES = 1 * MB  # ratios of smaller members are not checked (tiny XML compresses well)


@dataclass(frozen=True)
class Limits:
    label: str
    max_bytes: int  # the upload as sent
    max_uncompressed: int = 100 * MB  # sum of the archive's members
    max_member: int = 50 * MB  # one member, uncompressed
    max_members: int = 2000
    max_ratio: int = 100  # per member larger than RATIO_FLOOR_BYTES
    max_rows: int = 20_000  # spreadsheets: data rows of a sheet
    max_pages: int = 300  # PDFs: pages read
    seconds: float = 20.0  # wall-clock cap of the parse
    memory: int = 400 * MB  # address-space growth allowed to the parse


KINDS: dict[str, Limits] = {
    # Catalog attachments (PDF, DOCX, XLSX, images); text extracted for screening and search.
    "attachment": Limits("附件", max_bytes=20 * MB, max_uncompressed=80 * MB, max_member=40 * MB),
    # One report file given to the report checker (PDF, DOCX, HTML, JSON, text).
    "report_file": Limits("年报文件", max_bytes=10 * MB, max_uncompressed=60 * MB, max_member=30 * MB),
    # A ZIP of report files given to the report checker.
    "report_zip": Limits(
        "年报压缩包", max_bytes=50 * MB, max_uncompressed=200 * MB, max_member=10 * MB, max_members=200
    ),
    # Catalog import (XLSX or CSV): at most 20,000 items.
    "catalog_import": Limits(
        "目录文件", max_bytes=10 * MB, max_uncompressed=60 * MB, max_member=60 * MB, max_rows=20_000
    ),
    # Ledger import (XLSX): at most 20,000 applications (and 20,000 clock events).
    "ledger_import": Limits(
        "台账文件", max_bytes=10 * MB, max_uncompressed=80 * MB, max_member=60 * MB, max_rows=20_000
    ),
    # Yearly statistics import (XLSX): at most 1,000 rows.
    "statistics_import": Limits(
        "统计数据表", max_bytes=2 * MB, max_uncompressed=20 * MB, max_member=20 * MB, max_rows=1000
    ),
    # The sealed copy of an issued letter (scan of the sealed original, or the GB/T 38540 PDF).
    "sealed_letter": Limits("加盖印章的文书", max_bytes=20 * MB, max_pages=50),
}


# Several attachments in one request: together at most this much (each is read into memory).
MAX_ATTACHMENTS_PER_REQUEST = 20
MAX_ATTACHMENT_BYTES_PER_REQUEST = 100 * MB


class UploadRefused(Refused):
    """A Chinese reason why an upload is refused as a whole."""

    code = "upload"


def human(size: int) -> str:
    return f"{size / MB:.0f}MB" if size >= MB else f"{max(1, size // 1024)}KB"


def check_upload_size(kind: str, name: str, size: int) -> None:
    limits = KINDS[kind]
    if size <= 0:
        raise UploadRefused(f"{limits.label}“{name}”是空文件")
    if size > limits.max_bytes:
        raise UploadRefused(f"{limits.label}“{name}”大小超过上限{human(limits.max_bytes)}")


def is_zip(data: bytes) -> bool:
    return data[:4] == b"PK\x03\x04"


def check_archive(kind: str, name: str, data: bytes) -> list[zipfile.ZipInfo]:
    """The members of a ZIP container, or UploadRefused; a non-ZIP upload returns []."""
    if not is_zip(data):
        return []
    limits = KINDS[kind]
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            members = archive.infolist()
    except (zipfile.BadZipFile, ValueError, OSError):
        raise UploadRefused(f"{limits.label}“{name}”已损坏，无法读取") from None
    if len(members) > limits.max_members:
        raise UploadRefused(f"{limits.label}“{name}”内含文件超过{limits.max_members}个")
    total = 0
    for info in members:
        if info.file_size > limits.max_member:
            raise UploadRefused(
                f"{limits.label}“{name}”中的“{info.filename[:80]}”解压后超过"
                f"{human(limits.max_member)}，疑为压缩炸弹，已拒收"
            )
        if info.file_size > RATIO_FLOOR_BYTES and info.file_size > limits.max_ratio * max(1, info.compress_size):
            raise UploadRefused(f"{limits.label}“{name}”的压缩比异常（超过{limits.max_ratio}倍），疑为压缩炸弹，已拒收")
        total += info.file_size
    if total > limits.max_uncompressed:
        raise UploadRefused(f"{limits.label}“{name}”解压后超过{human(limits.max_uncompressed)}，已拒收")
    return members


def parse_bounded(kind: str, name: str, func, *args):
    """`func(*args)` under the time and memory cap of `kind`; UploadRefused when exceeded.

    UploadRefused raised by `func` itself passes through; any other failure of a parser on an
    untrusted file is refused as unreadable."""

    limits = KINDS[kind]
    try:
        return run_bounded(func, *args, seconds=limits.seconds, memory=limits.memory)
    except UploadRefused:
        raise
    except BoundExceeded as exceeded:
        if exceeded.reason == "time":
            raise UploadRefused(
                f"{limits.label}“{name}”处理超过{limits.seconds:.0f}秒仍未完成，已停止；请检查文件或拆分后重新上传"
            ) from None
        raise UploadRefused(f"{limits.label}“{name}”处理所需内存超过上限，疑为压缩炸弹或异常文件，已拒收") from None
    except (BoundFailed, Exception):
        raise UploadRefused(f"{limits.label}“{name}”无法读取（文件损坏或格式不符）") from None


MAX_COLUMNS = 60


def _xlsx_sheets(data: bytes, wanted, max_rows: int, label: str, name: str) -> dict[str, list[tuple]]:
    """{sheet title: rows (tuples of cell values)} — streaming (read_only), header + max_rows."""
    import openpyxl

    book = openpyxl.load_workbook(io.BytesIO(data), read_only=True, data_only=True)
    try:
        if wanted == 0:
            titles = book.sheetnames[:1]
        else:
            titles = book.sheetnames if wanted is None else [t for t in book.sheetnames if t in wanted]
        out = {}
        for title in titles:
            rows = []
            for row in book[title].iter_rows(values_only=True, max_col=MAX_COLUMNS):
                if len(rows) > max_rows:
                    raise UploadRefused(f"{label}“{name}”的工作表“{title}”超过{max_rows}行，请拆分后分批导入")
                row = list(row)
                while row and row[-1] is None:
                    row.pop()  # max_col pads every row to MAX_COLUMNS
                rows.append(tuple(row))
            while rows and all(v is None or (isinstance(v, str) and not v.strip()) for v in rows[-1]):
                rows.pop()  # trailing empty rows (formatting) do not count
            out[title] = rows
        return out
    finally:
        book.close()


def read_xlsx(kind: str, name: str, data: bytes, sheets=0) -> dict[str, list[tuple]]:
    """The rows of an uploaded XLSX: `sheets` 0 = the first sheet, None = all, or a set of titles.

    Size, archive and row caps of `kind`; parsed in a bounded child with defused XML."""
    check_upload_size(kind, name, len(data))
    if not is_zip(data):
        raise UploadRefused(f"{KINDS[kind].label}“{name}”不是有效的 XLSX 表格")
    check_archive(kind, name, data)
    limits = KINDS[kind]
    return parse_bounded(kind, name, _xlsx_sheets, data, sheets, limits.max_rows, limits.label, name)


def _pdf_pages(data: bytes) -> int:
    import pypdfium2 as pdfium

    document = pdfium.PdfDocument(data)
    try:
        return len(document)
    finally:
        document.close()


def check_pdf(kind: str, name: str, data: bytes) -> int:
    """The page count of an uploaded PDF, or UploadRefused (Chinese): size cap of `kind`, the PDF
    signature, and a real parse (PDFium, in a bounded child) with 1..max_pages pages."""
    limits = KINDS[kind]
    check_upload_size(kind, name, len(data))
    if not data.lstrip()[:5] == b"%PDF-":
        raise UploadRefused(f"{limits.label}“{name}”不是PDF文件，请上传PDF格式的文件")
    pages = parse_bounded(kind, name, _pdf_pages, data)
    if pages < 1:
        raise UploadRefused(f"{limits.label}“{name}”没有页面")
    if pages > limits.max_pages:
        raise UploadRefused(f"{limits.label}“{name}”超过{limits.max_pages}页")
    return pages
