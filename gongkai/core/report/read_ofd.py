"""Reading a report published as OFD (GB/T 33190, the national fixed-layout format).

Contract: `read_ofd(data, name)` never raises. An OFD file is a ZIP of XML parts: before a byte
is inflated the container is held to the limits of one report file (`archive_limits.KINDS
["report_file"]`: member count, sizes, compression ratio; a zip bomb is refused). The parts are
parsed by ofdkit, which refuses any DTD or entity declaration before parsing (no entity
expansion) and caps part sizes and nesting. Each page's text runs keep their positions:
`read_positioned.positioned_lines` rebuilds the table rows (figures placed in their columns,
zero cells printed empty kept as blanks), and the lines go through the same reading as PDF
text (`read_lines.read_report_lines`). A file without a text layer whose pages are pictures (a
scan) is read as a scan (`read_pictures`: a table picture cell by cell, the rest by OCR; a table
only when it proves itself, else null with `table.image`); so is one whose text layer is thin
(page numbers or a stamp over page scans, `read_pictures.over_scans`) when that text gives no
report. A file that cannot be opened, holds
too much text, or neither text nor a readable picture gives `input.unreadable` with the reason.

A text OFD with its tables as pictures (a Word report with pasted table pictures, exported: the
narrative and headings are text runs, the tables `ImageObject`s): when the text reading leaves
a table missing, the pages are read again with a marker line (`read_image.MARKER`) where each
picture at least `WIDE` of the page wide stands among the text lines (each page's runs cut into
the bands above, between and below its pictures by their positions, `banded_lines`), and the
pictures go to the shared line reader as a Word document's (`read_pictures.marked_pictures`: a
table section holding only a picture read cell by cell, exact or null with `table.image`; at
most `MAX_PICTURES`, each over `MAX_PIXELS` refused from its header before decoding, a broken
one left out, with `input.picture`). That reading is kept when it read a picture as a table (or
left one out) and places at least as many figures.
"""

from __future__ import annotations

from gongkai.core.archive_limits import UploadRefused, check_archive
from gongkai.core.report.model import error
from gongkai.core.report.ofd_pictures import MAX_PICTURES, page_pictures, placed_pictures
from gongkai.core.report.read_image import MARKER
from gongkai.core.report.read_lines import ReadResult, read_report_lines
from gongkai.core.report.read_pdf import kept_with_pictures
from gongkai.core.report.read_pictures import marked_pictures, over_scans, picture_warning, read_pictures
from gongkai.core.report.read_positioned import positioned_lines

MAX_PAGES = 200
MAX_RUNS = 200_000  # text runs over all pages (a report has a few thousand)
WIDE = 0.3  # share of the page's width a picture spans to be taken for a table (as in a PDF)


class TooMuchText(ValueError):
    pass


def _unreadable(reason: str) -> ReadResult:
    return ReadResult(None, [error("input.unreadable", "document", reason)])


def ofd_pages(data: bytes) -> list[tuple[float, list]]:
    """(width, the text runs within the page's box) of every page in order; raises ofdkit's
    `OFDError`, `ValueError` or `TooMuchText`."""
    import ofdkit

    pages = []
    runs_seen = 0
    with ofdkit.open(data) as document:
        for page in document.pages[:MAX_PAGES]:
            x0, y0, width, height = page.box
            runs = [r for r in page.runs if x0 - 2 <= r.x <= x0 + width + 2 and y0 - 2 <= r.y <= y0 + height + 2]
            runs_seen += len(runs)
            if runs_seen > MAX_RUNS:
                raise TooMuchText
            pages.append((width, runs))
    return pages


def banded_lines(pages: list[tuple[float, list]], placed: list[list]) -> tuple[list[str], list[bytes | None]]:
    """(the lines of every page with a marker line where each of its pictures stands, the
    pictures in marker order). `placed[i]`: page i's pictures as (top, bottom, bytes or None),
    top to bottom; a run whose baseline lies above a picture's middle stands before it."""
    lines: list[str] = []
    contents: list[bytes | None] = []
    for index, (_, runs) in enumerate(pages):
        rest = list(runs)
        for top, bottom, content in placed[index] if index < len(placed) else []:
            lines += positioned_lines([r for r in rest if r.y < (top + bottom) / 2])
            rest = [r for r in rest if r.y >= (top + bottom) / 2]
            contents.append(content)
            lines.append(MARKER.format(len(contents)))
        lines += positioned_lines(rest)
    return lines, contents


def read_ofd(data: bytes, name: str = "") -> ReadResult:
    import ofdkit

    try:
        check_archive("report_file", name.replace("\\", "/").rsplit("/", 1)[-1] or "OFD", data)
    except UploadRefused as refused:
        return _unreadable(str(refused))
    try:
        pages = ofd_pages(data)
    except TooMuchText:
        return _unreadable(f"无法读取 OFD：文字对象超过{MAX_RUNS}个，不像年度报告")
    except ofdkit.OFDLimitError:
        return _unreadable("无法打开 OFD：文件超出安全限制（含有 DTD/实体声明，或部件过大、嵌套过深）")
    except (ofdkit.OFDError, ValueError, OSError, RecursionError):
        return _unreadable("无法打开 OFD：文件已损坏或格式不符（缺少 OFD.xml、Document.xml 或页面内容）")
    lines = [line for _, runs in pages for line in positioned_lines(runs)]
    if not any(line.strip() for line in lines):
        return _read_scanned(data)
    result = over_scans(read_report_lines(lines), lines, lambda: _read_scanned(data))
    if result.report is not None and any(f.code.startswith("missing.table.") for f in result.findings):
        result = _with_pictures(data, pages, result)
    return result


def _with_pictures(data: bytes, pages: list[tuple[float, list]], result: ReadResult) -> ReadResult:
    """The reading with the pages' wide pictures where they stand (`banded_lines`) when it read a
    picture as a table, or left one out, and places at least as many figures as `result`."""
    import ofdkit

    try:
        placed = placed_pictures(data, WIDE * min((width for width, _ in pages), default=0.0))
    except (ofdkit.OFDError, ValueError, OSError, RecursionError):
        return result
    lines, contents = banded_lines(pages, placed)
    pictures, findings = marked_pictures(contents)
    findings += [
        picture_warning(number, f"超出 {MAX_PICTURES} 张的上限")
        for number, content in enumerate(contents, 1)
        if content is None
    ]
    return kept_with_pictures(result, lines, pictures, findings)


def _read_scanned(data: bytes) -> ReadResult:
    """An OFD without a text layer: its pages' pictures go the way of a scan (`read_pictures`)."""
    import ofdkit

    try:
        pictures = page_pictures(data)
    except ofdkit.OFDLimitError:
        return _unreadable("无法打开 OFD：文件超出安全限制（含有 DTD/实体声明，或部件过大）")
    except (ofdkit.OFDError, ValueError, OSError, RecursionError):
        return _unreadable("无法打开 OFD：文件已损坏或格式不符（图片资源无法读取）")
    if not pictures:
        return _unreadable("OFD 中没有文字层，也没有图片，无法读取")
    return read_pictures(pictures, error("input.unreadable", "document", "OFD 中没有文字层（页面是扫描图片）"))
