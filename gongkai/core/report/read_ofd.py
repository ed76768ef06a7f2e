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
only when it proves itself, else null with `table.image`). A file that cannot be opened, holds
too much text, or neither text nor a readable picture gives `input.unreadable` with the reason.
"""

from __future__ import annotations

from gongkai.core.archive_limits import UploadRefused, check_archive
from gongkai.core.report.model import error
from gongkai.core.report.ofd_pictures import page_pictures
from gongkai.core.report.read_lines import ReadResult, read_report_lines
from gongkai.core.report.read_pictures import read_pictures
from gongkai.core.report.read_positioned import positioned_lines

MAX_PAGES = 200
MAX_RUNS = 200_000  # text runs over all pages (a report has a few thousand)


class TooMuchText(ValueError):
    pass


def _unreadable(reason: str) -> ReadResult:
    return ReadResult(None, [error("input.unreadable", "document", reason)])


def ofd_lines(data: bytes) -> list[str]:
    """The lines of every page in order; raises ofdkit's `OFDError` or `ValueError`."""
    import ofdkit

    lines: list[str] = []
    runs_seen = 0
    with ofdkit.open(data) as document:
        for page in document.pages[:MAX_PAGES]:
            x0, y0, width, height = page.box
            runs = [r for r in page.runs if x0 - 2 <= r.x <= x0 + width + 2 and y0 - 2 <= r.y <= y0 + height + 2]
            runs_seen += len(runs)
            if runs_seen > MAX_RUNS:
                raise TooMuchText
            lines += positioned_lines(runs)
    return lines


def read_ofd(data: bytes, name: str = "") -> ReadResult:
    import ofdkit

    try:
        check_archive("report_file", name.replace("\\", "/").rsplit("/", 1)[-1] or "OFD", data)
    except UploadRefused as refused:
        return _unreadable(str(refused))
    try:
        lines = ofd_lines(data)
    except TooMuchText:
        return _unreadable(f"无法读取 OFD：文字对象超过{MAX_RUNS}个，不像年度报告")
    except ofdkit.OFDLimitError:
        return _unreadable("无法打开 OFD：文件超出安全限制（含有 DTD/实体声明，或部件过大、嵌套过深）")
    except (ofdkit.OFDError, ValueError, OSError, RecursionError):
        return _unreadable("无法打开 OFD：文件已损坏或格式不符（缺少 OFD.xml、Document.xml 或页面内容）")
    if not any(line.strip() for line in lines):
        return _read_scanned(data)
    return read_report_lines(lines)


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
