"""Checking reports that a 政务公开办 or an evaluator uploads or pastes: one file, several, or a zip.

Bounded: at most MAX_FILES documents, each at most MAX_FILE_BYTES, a zip at most
MAX_ZIP_TOTAL_BYTES once unpacked (sizes are checked before anything is unpacked).
"""

from __future__ import annotations

import io
import zipfile

from gongkai.core.report.examine import check_bytes

MAX_FILES = 200
MAX_FILE_BYTES = 10 * 1024 * 1024
MAX_ZIP_TOTAL_BYTES = 200 * 1024 * 1024


class UploadProblem(ValueError):
    """A Chinese reason why the upload as a whole is refused."""


def documents_of_upload(name: str, data: bytes) -> list[tuple[str, bytes]]:
    """[(name, bytes)] — the upload itself, or the entries of a zip archive."""
    if not data:
        raise UploadProblem(f"{name}：文件为空")
    if not (data[:4] == b"PK\x03\x04" and name.lower().endswith(".zip")):
        if len(data) > MAX_FILE_BYTES:
            raise UploadProblem(f"{name}：文件超过 {MAX_FILE_BYTES // 1024 // 1024}MB")
        return [(name, data)]
    try:
        archive = zipfile.ZipFile(io.BytesIO(data))
        entries = [info for info in archive.infolist() if not info.is_dir() and not info.filename.startswith("__MACOSX/")]
    except zipfile.BadZipFile:
        raise UploadProblem(f"{name}：压缩包已损坏") from None
    if len(entries) > MAX_FILES:
        raise UploadProblem(f"{name}：压缩包内文件超过 {MAX_FILES} 个")
    if sum(info.file_size for info in entries) > MAX_ZIP_TOTAL_BYTES:
        raise UploadProblem(f"{name}：压缩包解压后超过 {MAX_ZIP_TOTAL_BYTES // 1024 // 1024}MB")
    documents = []
    for info in entries:
        if info.file_size > MAX_FILE_BYTES:
            raise UploadProblem(f"{name}/{info.filename}：文件超过 {MAX_FILE_BYTES // 1024 // 1024}MB")
        try:
            with archive.open(info) as member:
                documents.append((f"{name}/{info.filename}", member.read(MAX_FILE_BYTES + 1)[:MAX_FILE_BYTES]))
        except (zipfile.BadZipFile, RuntimeError, NotImplementedError):
            raise UploadProblem(f"{name}/{info.filename}：无法解压（可能已加密或损坏）") from None
    return documents


def check_documents(documents: list[tuple[str, bytes]]) -> list[dict]:
    """The `gongkai report check --json` object of each document, with error/warning counts."""
    results = []
    for name, data in documents:
        checked = check_bytes(data, name)
        checked["errors"] = sum(f["severity"] == "error" for f in checked["findings"])
        checked["warnings"] = len(checked["findings"]) - checked["errors"]
        results.append(checked)
    return results
