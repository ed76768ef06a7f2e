"""Reading a published report of any kind, chosen by its content rather than its file name.

Contract: `read_report(data, name)` never raises on bad input. Empty input, binary junk and
PDFs without a text layer give `report=None` with `input.unreadable`; documents that are not
annual reports give `report=None` with `input.not_a_report`. Report JSON files are read as
they are (e.g. last year's report for `--previous`).
"""

from __future__ import annotations

import json
import re
import zipfile
from io import BytesIO

from gongkai.core.report.model import Report, ReportShapeError, error
from gongkai.core.report.read_html import decode_html, read_html
from gongkai.core.report.read_lines import ReadResult
from gongkai.core.report.read_text import read_text

CONTROLS = re.compile(r"[\x00-\x08\x0b\x0e-\x1f]")
HTML_MARKERS = ("<html", "<!doctype html", "<table", "<body", "<p>", "<p ", "<div", "<br", "<td")

# A format recognised by its first bytes, in the order they are tried. A new input format adds its
# prefix here (or a test in `sniff` when the bytes need a closer look) and its reader to `READERS`.
MAGIC: tuple[tuple[bytes, str], ...] = (
    (b"%PDF-", "pdf"),
    (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1", "legacy_word"),  # OLE2: .doc, .wps
    (b"\x89PNG\r\n\x1a\n", "image"),
    (b"\xff\xd8\xff", "image"),
    (b"GIF87a", "image"),
    (b"GIF89a", "image"),
)


def sniff(data: bytes) -> str:
    """ "pdf", "image", "legacy_word", "docx", "ofd", "zip", "json", "html", "text" or "binary"."""
    head = data[:2048]
    for prefix, kind in MAGIC:
        if head.startswith(prefix):
            return kind
    if head.startswith(b"PK\x03\x04"):
        try:
            with zipfile.ZipFile(BytesIO(data)) as archive:
                names = archive.namelist()
        except zipfile.BadZipFile:
            return "binary"
        if "word/document.xml" in names:
            return "docx"
        # OFD (GB/T 33190): the container's entry point is OFD.xml at its root.
        return "ofd" if any(n.replace("\\", "/").lstrip("/").lower() == "ofd.xml" for n in names) else "zip"
    text = _decode_text(data[:65536])
    if text is None:
        return "binary"
    stripped = text.lstrip("\ufeff \r\n\t")
    if stripped.startswith("{") and '"gongkai.annual-report/' in text:
        return "json"
    lowered = text.lower()
    if any(marker in lowered for marker in HTML_MARKERS):
        return "html"
    return "text"


def _decode_text(data: bytes) -> str | None:
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        return data.decode("utf-16", "replace")
    for encoding in ("utf-8-sig", "gb18030"):
        try:
            text = data.decode(encoding)
        except UnicodeDecodeError as failure:
            if failure.start >= len(data) - 4:  # a character cut by the sample boundary
                text = data[: failure.start].decode(encoding, "ignore")
            else:
                continue
        controls = len(CONTROLS.findall(text, 0, 20000))
        return None if controls > max(8, len(text[:20000]) // 100) else text
    return None


def read_report(data: bytes, name: str = "", fetch=None) -> ReadResult:
    """`fetch(src) -> bytes | None`, when given, loads the pictures an HTML page refers to."""
    if not data.strip():
        return ReadResult(None, [error("input.unreadable", "document", "文件为空")])
    kind = sniff(data)
    if kind in ("zip", "binary") and name.split("?", 1)[0].lower().endswith(".ofd"):
        kind = "ofd"  # named .ofd: read as OFD, whose reader says what is missing
    reader = READERS.get(kind)
    if reader is not None:
        return reader(data, name, fetch)
    reason = "压缩包（不是 Word 或 OFD 文档）" if kind == "zip" else "二进制数据，不是文本、HTML、Word、PDF 或 OFD 文件"
    return ReadResult(None, [error("input.unreadable", "document", f"无法读取：{reason}")])


def _read_pdf(data: bytes, name: str, fetch) -> ReadResult:
    from gongkai.core.report.read_pdf import read_pdf

    return read_pdf(data)


def _read_docx(data: bytes, name: str, fetch) -> ReadResult:
    from gongkai.core.report.read_docx import read_docx

    return read_docx(data)


def _read_ofd(data: bytes, name: str, fetch) -> ReadResult:
    from gongkai.core.report.read_ofd import read_ofd

    return read_ofd(data, name)


def _read_legacy(data: bytes, name: str, fetch) -> ReadResult:
    from gongkai.core.report.read_legacy import read_legacy

    return read_legacy(data)


def _read_image(data: bytes, name: str, fetch) -> ReadResult:
    from gongkai.core.report.read_pictures import read_pictures

    return read_pictures([data], error("input.unreadable", "document", "图片中没有可识别的年度报告"))


def _read_html(data: bytes, name: str, fetch) -> ReadResult:
    return read_html(decode_html(data), fetch)


def _read_plain(data: bytes, name: str, fetch) -> ReadResult:
    return read_text(_decode_text(data) or "")


def _read_json(data: bytes, name: str = "", fetch=None) -> ReadResult:
    try:
        return ReadResult(Report.from_json(json.loads(data.decode("utf-8-sig"))))
    except (ValueError, UnicodeDecodeError) as failure:
        problems = failure.problems if isinstance(failure, ReportShapeError) else [str(failure)]
        return ReadResult(None, [error("input.unreadable", "document", "报告 JSON 无效：" + "；".join(problems[:5]))])


# kind (from `sniff`) -> reader(data, name, fetch) -> ReadResult; "zip" and "binary" have none.
READERS = {
    "pdf": _read_pdf,
    "docx": _read_docx,
    "ofd": _read_ofd,
    "json": _read_json,
    "html": _read_html,
    "legacy_word": _read_legacy,
    "image": _read_image,
    "text": _read_plain,
}
