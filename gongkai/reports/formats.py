"""The published forms of a report: one function for views, CLI and API alike."""

from __future__ import annotations

import json

from gongkai.core.report.model import Report
from gongkai.core.report.render_html import render_html_document
from gongkai.core.report.render_text import render_text

FORMATS = {
    "json": "application/json; charset=utf-8",
    "html": "text/html; charset=utf-8",
    "txt": "text/plain; charset=utf-8",
    "docx": "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
    "pdf": "application/pdf",
}


def render(report: Report, fmt: str) -> bytes:
    """The report in `fmt` (json, html, txt, docx, pdf) as bytes."""
    if fmt == "json":
        return json.dumps(report.to_json(), ensure_ascii=False, indent=2).encode("utf-8") + b"\n"
    if fmt == "html":
        return render_html_document(report).encode("utf-8")
    if fmt == "txt":
        return render_text(report).encode("utf-8")
    if fmt == "docx":
        # python-docx and WeasyPrint load only when a Word or PDF file is asked for.
        from gongkai.core.report.render_docx import render_docx

        return _reproducible_zip(render_docx(report))
    if fmt == "pdf":
        from gongkai.core.report.render_pdf import render_pdf

        return render_pdf(report)
    raise ValueError(f"不支持的格式：{fmt}（可选 {', '.join(FORMATS)}）")


def _reproducible_zip(data: bytes) -> bytes:
    """The same document gives the same bytes (member dates fixed): a published file changes only
    when the report does, and `gongkai publish --check` can compare it."""
    import io
    import zipfile

    out = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(data)) as source, zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as target:
        for info in source.infolist():
            fixed = zipfile.ZipInfo(info.filename, date_time=(1980, 1, 1, 0, 0, 0))
            fixed.compress_type = zipfile.ZIP_DEFLATED
            fixed.external_attr = info.external_attr
            target.writestr(fixed, source.read(info))
    return out.getvalue()


def download_name(report: Report, fmt: str) -> str:
    return f"{report.agency_name}{report.year}年政府信息公开工作年度报告.{fmt}"
