"""The report as an A4 PDF (WeasyPrint, Noto CJK fonts) from the standalone HTML document."""

from __future__ import annotations

import logging

from gongkai.core.report.model import Report
from gongkai.core.report.render_html import render_html_document


def render_pdf(report: Report) -> bytes:
    from weasyprint import HTML

    logging.getLogger("weasyprint").setLevel(logging.ERROR)
    logging.getLogger("fontTools").setLevel(logging.ERROR)
    return HTML(string=render_html_document(report)).write_pdf()
