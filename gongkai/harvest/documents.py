"""Reading a harvested document: the report reader, plus the formats it needs help with.

Contract: `read_document(content, name, fetch=None)` → `(ReadResult, findings)`; never raises.
Legacy Word (.doc) and WPS (.wps) files are converted to .docx by LibreOffice headless first;
OFD (the national fixed-layout format) has no well-kept PyPI reader, so it is reported as
unsupported (`input.unsupported`) rather than guessed at.
"""

from __future__ import annotations

import shutil
import subprocess
import tempfile
from pathlib import Path

from gongkai.core.report.audit import findings_of
from gongkai.core.report.model import error
from gongkai.core.report.read import read_report
from gongkai.core.report.read_lines import ReadResult

OLE_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
CONVERT_TIMEOUT = 120


def _suffix(name: str) -> str:
    return Path(name.split("?", 1)[0].split("#", 1)[0]).suffix.lower()


def is_ofd(content: bytes, name: str) -> bool:
    return _suffix(name) == ".ofd" or (content[:4] == b"PK\x03\x04" and b"OFD.xml" in content[:4096])


def convert_legacy_word(content: bytes, suffix: str) -> bytes | None:
    """A .doc/.wps file as .docx (LibreOffice headless); None when it cannot be converted."""
    if shutil.which("soffice") is None:
        return None
    with tempfile.TemporaryDirectory() as temporary:
        folder = Path(temporary)
        source = folder / f"document{suffix if suffix in ('.doc', '.wps') else '.doc'}"
        source.write_bytes(content)
        try:
            subprocess.run(["soffice", f"-env:UserInstallation=file://{folder / 'profile'}", "--headless",
                            "--convert-to", "docx", "--outdir", str(folder), str(source)],
                           capture_output=True, timeout=CONVERT_TIMEOUT, check=False)
        except (OSError, subprocess.TimeoutExpired):
            return None
        converted = folder / "document.docx"
        return converted.read_bytes() if converted.is_file() else None


def read_document(content: bytes, name: str, fetch=None) -> tuple[ReadResult, list]:
    """(the reading, every finding: reading and checks) of one harvested document."""
    if is_ofd(content, name):
        result = ReadResult(None, [error("input.unsupported", "document",
                                         "OFD 版式文件暂不支持读取，请改用网页、PDF 或 Word 版本核对")])
        return result, list(result.findings)
    if content.startswith(OLE_MAGIC) or _suffix(name) in (".doc", ".wps"):
        converted = convert_legacy_word(content, _suffix(name))
        if converted is None:
            result = ReadResult(None, [error("input.unreadable", "document", "无法转换 .doc/.wps 文件（LibreOffice 转换失败）")])
            return result, list(result.findings)
        content = converted
    try:
        result = read_report(content, name, fetch=fetch)
    except Exception as failure:  # noqa: BLE001 - a parser bug must not stop a harvest
        result = ReadResult(None, [error("input.unreadable", "document", f"读取失败：{type(failure).__name__}")])
    return result, findings_of(result)
