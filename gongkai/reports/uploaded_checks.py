"""Checking reports that a 政务公开办 or an evaluator uploads or pastes: one file, several, or a zip.

Bounded by `gongkai.core.archive_limits.KINDS` ("report_file" for one document, "report_zip"
for a ZIP of them): at most MAX_FILES documents; sizes, member counts and compression ratios
are checked before anything is unpacked; every document (DOCX and XLSX included) is checked for
bombs the same way, and then read in a bounded child process (memory and time cap), so one
upload cannot hold a worker or its memory.
"""

from __future__ import annotations

import io
import zipfile

from gongkai.core.archive_limits import (
    KINDS,
    UploadRefused,
    check_archive,
    check_upload_size,
    human,
    is_zip,
    parse_bounded,
)
from gongkai.core.report.examine import check_bytes

MAX_FILES = KINDS["report_zip"].max_members
MAX_FILE_BYTES = KINDS["report_file"].max_bytes
MAX_ZIP_TOTAL_BYTES = KINDS["report_zip"].max_uncompressed


def documents_of_upload(name: str, data: bytes) -> list[tuple[str, bytes]]:
    """[(name, bytes)] — the upload itself, or the entries of a zip archive; `UploadRefused` otherwise."""
    if not data:
        raise UploadRefused(f"{name}：文件为空")
    if not (is_zip(data) and name.lower().endswith(".zip")):
        check_upload_size("report_file", name, len(data))
        check_archive("report_file", name, data)  # a DOCX is a ZIP too
        return [(name, data)]
    check_upload_size("report_zip", name, len(data))
    members = check_archive("report_zip", name, data)
    entries = [info for info in members if not info.is_dir() and not info.filename.startswith("__MACOSX/")]
    documents = []
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        for info in entries:
            if info.file_size > MAX_FILE_BYTES:
                raise UploadRefused(f"{name}/{info.filename}：文件超过 {human(MAX_FILE_BYTES)}")
            try:
                with archive.open(info) as member:
                    documents.append((f"{name}/{info.filename}", member.read(MAX_FILE_BYTES + 1)[:MAX_FILE_BYTES]))
            except (zipfile.BadZipFile, RuntimeError, NotImplementedError, ValueError, OSError):
                raise UploadRefused(f"{name}/{info.filename}：无法解压（可能已加密或损坏）") from None
    for inner, document in documents:
        check_archive("report_file", inner, document)
    return documents


def _refused(name: str, reason: str) -> dict:
    """The result object of a document that could not be read (same shape as check_bytes)."""
    return {
        "source": name,
        "report": None,
        "errors": 1,
        "warnings": 0,
        "findings": [{"severity": "error", "code": "input.unreadable", "where": "文件", "message": reason}],
    }


def check_documents(documents: list[tuple[str, bytes]]) -> list[dict]:
    """The `gongkai report check --json` object of each document, with error/warning counts."""
    results = []
    for name, data in documents:
        try:
            checked = parse_bounded("report_file", name, check_bytes, data, name)
        except UploadRefused as refused:
            results.append(_refused(name, str(refused)))
            continue
        checked["errors"] = sum(f["severity"] == "error" for f in checked["findings"])
        checked["warnings"] = len(checked["findings"]) - checked["errors"]
        results.append(checked)
    return results
