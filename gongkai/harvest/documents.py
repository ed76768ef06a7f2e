"""Reading a harvested document: the report reader, plus the formats it needs help with.

Contract: `read_document(content, name, fetch=None)` → `(ReadResult, findings)`; never raises.
Legacy Word (.doc) and WPS (.wps) files are read by the core (LibreOffice headless converts them);
OFD (the national fixed-layout format) has no well-kept PyPI reader, so it is reported as
unsupported (`input.unsupported`) rather than guessed at.
"""

from __future__ import annotations

from pathlib import Path

from gongkai.core.report.examine import findings_of
from gongkai.core.report.model import error
from gongkai.core.report.read import read_report
from gongkai.core.report.read_lines import ReadResult


def _suffix(name: str) -> str:
    return Path(name.split("?", 1)[0].split("#", 1)[0]).suffix.lower()


def is_ofd(content: bytes, name: str) -> bool:
    return _suffix(name) == ".ofd" or (content[:4] == b"PK\x03\x04" and b"OFD.xml" in content[:4096])


def read_document(content: bytes, name: str, fetch=None) -> tuple[ReadResult, list]:
    """(the reading, every finding: reading and checks) of one harvested document."""
    if is_ofd(content, name):
        result = ReadResult(
            None, [error("input.unsupported", "document", "OFD 版式文件暂不支持读取，请改用网页、PDF 或 Word 版本核对")]
        )
        return result, list(result.findings)
    try:
        result = read_report(content, name, fetch=fetch)
    except Exception as failure:
        result = ReadResult(None, [error("input.unreadable", "document", f"读取失败：{type(failure).__name__}")])
    return result, findings_of(result)
