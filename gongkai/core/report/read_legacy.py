"""Reading legacy Word (.doc) and WPS (.wps) files: LibreOffice headless converts them to .docx,
which `read_docx` reads.

Contract: `read_legacy(data)` → `ReadResult`; when LibreOffice is missing, fails or times out,
`input.unreadable` with the reason. Never raises.
"""

from __future__ import annotations

import shutil
import subprocess
import tempfile
from pathlib import Path

from gongkai.core.report.model import error
from gongkai.core.report.read_docx import read_docx
from gongkai.core.report.read_lines import ReadResult

OLE_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
CONVERT_TIMEOUT = 120


def convert_to_docx(data: bytes) -> bytes | None:
    if shutil.which("soffice") is None:
        return None
    with tempfile.TemporaryDirectory() as temporary:
        folder = Path(temporary)
        source = folder / "document.doc"
        source.write_bytes(data)
        try:
            subprocess.run(
                [
                    "soffice",
                    f"-env:UserInstallation=file://{folder / 'profile'}",
                    "--headless",
                    "--convert-to",
                    "docx",
                    "--outdir",
                    str(folder),
                    str(source),
                ],
                capture_output=True,
                timeout=CONVERT_TIMEOUT,
                check=False,
            )
        except (OSError, subprocess.TimeoutExpired):
            return None
        converted = folder / "document.docx"
        return converted.read_bytes() if converted.is_file() else None


def read_legacy(data: bytes) -> ReadResult:
    converted = convert_to_docx(data)
    if converted is None:
        return ReadResult(
            None, [error("input.unreadable", "document", "无法读取 .doc/.wps 文件（LibreOffice 转换失败）")]
        )

    return read_docx(converted)
