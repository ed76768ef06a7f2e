"""Reading an uploaded file: its size is checked against the cap of its kind before one byte is read.

Django streams a large upload to a temporary file (FILE_UPLOAD_MAX_MEMORY_SIZE), so the
worker's memory does not hold it until `read_upload` has accepted its size; the caps are the
table `gongkai.core.archive_limits.KINDS` (documented in docs/uploads.md).
"""

from __future__ import annotations

from gongkai.core.archive_limits import UploadRefused, check_upload_size

__all__ = ["UploadRefused", "read_upload"]


def read_upload(kind: str, upload) -> bytes:
    """The bytes of a Django UploadedFile of `kind`, or UploadRefused (Chinese) when too large or empty."""
    check_upload_size(kind, upload.name, upload.size or 0)
    return upload.read()
