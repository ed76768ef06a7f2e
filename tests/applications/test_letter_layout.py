"""The 落款 of a letter never stands alone on a page (GB/T 9704-2012 7.3.5), in the PDF and the DOCX."""

from __future__ import annotations

import io
from datetime import date

import pypdfium2
import pytest
from docx import Document

from gongkai.applications.letters.render import LetterDoc, docx_bytes, pdf_bytes

AGENCY = "车辋镇人民政府"
PARAGRAPH = "根据《中华人民共和国政府信息公开条例》第三十六条的规定，现将有关情况告知如下，请予知悉。"


def _doc(paragraphs: int) -> LetterDoc:
    body = "\n".join(["张三："] + [f"{i + 1}．{PARAGRAPH}" for i in range(paragraphs)])
    return LetterDoc(
        title="政府信息公开申请答复书",
        letter_number="车政信〔2026〕1号",
        body=body,
        agency_name=AGENCY,
        issued_on=date(2026, 3, 4),
    )


def _pages(pdf: bytes) -> list[str]:
    document = pypdfium2.PdfDocument(pdf)
    try:
        return [document[i].get_textpage().get_text_range() for i in range(len(document))]
    finally:
        document.close()


def test_closing_keeps_body_text_on_its_page_for_every_length():
    """Whatever the length of the body, the page with the agency name and date also holds body text."""
    seen_two_pages = False
    for paragraphs in range(4, 16):
        pages = _pages(pdf_bytes(_doc(paragraphs)))
        closing_page = next(text for text in reversed(pages) if AGENCY in text)
        assert "2026年3月4日" in closing_page
        assert PARAGRAPH[:10] in closing_page, f"{paragraphs} paragraphs: the 落款 stands alone on its page"
        seen_two_pages |= len(pages) > 1
    assert seen_two_pages  # the range really crosses a page break


@pytest.mark.parametrize("paragraphs", [3, 12])
def test_docx_keeps_last_paragraph_with_the_closing(paragraphs):
    document = Document(io.BytesIO(docx_bytes(_doc(paragraphs))))
    texts = [p for p in document.paragraphs if p.text.strip()]
    agency_at = next(i for i, p in enumerate(texts) if p.text == AGENCY)
    assert texts[agency_at - 1].paragraph_format.keep_with_next is True
    assert texts[agency_at].paragraph_format.keep_with_next is True
