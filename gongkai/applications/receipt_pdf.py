"""The printable 回执 of an online application (PDF, A4, WeasyPrint)."""

from __future__ import annotations

import logging
from datetime import date

from django.template.loader import render_to_string


def receipt_pdf_bytes(application, *, code: str, today: date, receipt_rule: str, due) -> bytes:
    """The 回执 as PDF bytes; `code` is printed only when given (the page showing it sent it)."""
    from weasyprint import HTML

    logging.getLogger("weasyprint").setLevel(logging.ERROR)
    html = render_to_string(
        "applications/public/receipt_pdf.html",
        {
            "application": application,
            "agency": application.agency,
            "code": code,
            "today": today,
            "receipt_rule": receipt_rule,
            "due": due,
        },
    )
    return HTML(string=html).write_pdf()
