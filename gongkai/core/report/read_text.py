"""Reading a report published as plain text or Markdown.

Contract: `read_text(text)` accepts scraped text in any of its usual shapes — table cells
separated by `|` or tabs, one cell per line, or run together — and Markdown from document
converters; it returns a `ReadResult` (see `read_lines`). Empty or non-report text gives
`report=None` with an `input.*` error; it never raises on malformed text.
"""

from __future__ import annotations

from gongkai.core.report.model import error
from gongkai.core.report.read_lines import ReadResult, read_report_lines


def read_text(text: str) -> ReadResult:
    if not text.strip():
        return ReadResult(None, [error("input.unreadable", "document", "文件为空")])
    return read_report_lines(text.splitlines())
