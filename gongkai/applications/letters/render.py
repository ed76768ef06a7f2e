"""A4, 公文-style letters (GB/T 9704-2012 as far as it applies to a 告知书), PDF and DOCX alike.

Page A4 (210 × 297 mm), margins 37 / 26 / 35 / 28 mm (top, right, bottom, left); title 22 pt
centred; the 文号 centred under it; body 16 pt, first-line indent of two characters; the agency
name and the date (2024年3月4日) at the right, four characters in; the seal pressed down over both
(the draft marks the 印章位置; the issued letter leaves the space for the seal). A draft carries "样稿" so it is never mistaken for an issued letter.
The 落款 never stands alone on a page (GB/T 9704-2012 7.3.5): the last paragraph of the body is kept
on the page of the agency name and the date, in the PDF (one unbreakable block) and the DOCX (keep
with next).
"""

from __future__ import annotations

import html
import io
from dataclasses import dataclass
from datetime import date

from gongkai.core.letters.form import cn_date


@dataclass(frozen=True)
class LetterDoc:
    title: str
    letter_number: str  # 文号; "" on a draft
    body: str  # lines; the first is the addressee ("张三：")
    agency_name: str
    issued_on: date | None
    draft: bool = False

    @property
    def number_line(self) -> str:
        return self.letter_number or ("文号（签发时编号）" if self.draft else "")

    @property
    def date_line(self) -> str:
        return cn_date(self.issued_on) if self.issued_on else "年　月　日"

    def lines(self) -> list[str]:
        return [line for line in self.body.splitlines() if line.strip()]


_CSS = """
@page { size: A4; margin: 37mm 26mm 35mm 28mm;
  @bottom-center { content: "— " counter(page) " —"; font-family: "Noto Serif CJK SC"; font-size: 14pt; } }
body { font-family: "Noto Serif CJK SC", serif; font-size: 16pt; line-height: 28pt; color: #000; margin: 0; }
h1 { font-size: 22pt; line-height: 34pt; text-align: center; font-weight: 700; margin: 0; }
.number { text-align: center; margin: 8pt 0 20pt; }
p { margin: 0; text-align: left; }
.to { text-indent: 0; }
.indent { text-indent: 2em; }
.together { break-inside: avoid; page-break-inside: avoid; }
.closing { position: relative; margin-top: 40pt; height: 100pt; page-break-inside: avoid; }
.sign { position: absolute; right: 4em; top: 0; text-align: center; white-space: nowrap; }
.sign span { display: block; line-height: 28pt; }
.seal { position: absolute; left: 50%; top: -30pt; margin-left: -21mm; width: 42mm; height: 42mm;
  border-radius: 50%; border: 1.2pt dashed #c00; color: #c00; font-size: 9pt; line-height: 14pt;
  text-align: center; box-sizing: border-box; padding-top: 4mm; opacity: .6; }
.draft { position: fixed; top: 95mm; left: 10mm; font-size: 60pt; color: rgba(200,0,0,.12);
  transform: rotate(-30deg); letter-spacing: 20pt; }
"""


def pdf_bytes(doc: LetterDoc) -> bytes:
    from weasyprint import HTML

    lines = doc.lines()
    rendered = [f'<p class="{"to" if i == 0 else "indent"}">{html.escape(line)}</p>' for i, line in enumerate(lines)]
    paragraphs, last = "".join(rendered[:-1]), "".join(rendered[-1:])
    seal = '<div class="seal">印章位置</div>' if doc.draft else ""
    number = f'<p class="number">{html.escape(doc.number_line)}</p>' if doc.number_line else '<p class="number"></p>'
    draft = '<div class="draft">样稿 未签发</div>' if doc.draft else ""
    document = (
        f'<!doctype html><html lang="zh-CN"><head><meta charset="utf-8"><title>{html.escape(doc.title)}</title>'
        f"<style>{_CSS}</style></head><body>{draft}<h1>{html.escape(doc.title)}</h1>{number}{paragraphs}"
        f'<div class="together">{last}<div class="closing"><div class="sign">{seal}'
        f"<span>{html.escape(doc.agency_name)}</span><span>{doc.date_line}</span></div></div></div></body></html>"
    )
    return HTML(string=document).write_pdf()


def docx_bytes(doc: LetterDoc) -> bytes:
    from docx import Document
    from docx.enum.text import WD_ALIGN_PARAGRAPH
    from docx.oxml.ns import qn
    from docx.shared import Mm, Pt

    document = Document()
    section = document.sections[0]
    section.page_width, section.page_height = Mm(210), Mm(297)
    section.top_margin, section.bottom_margin = Mm(37), Mm(35)
    section.left_margin, section.right_margin = Mm(28), Mm(26)
    style = document.styles["Normal"]
    style.font.name = "仿宋_GB2312"
    style.font.size = Pt(16)
    style.element.rPr.rFonts.set(qn("w:eastAsia"), "仿宋_GB2312")
    style.paragraph_format.line_spacing = Pt(28)
    style.paragraph_format.space_after = Pt(0)

    def para(text, *, align=None, indent=False, size=None, bold=False, font=None, right_chars=0, before=0):
        paragraph = document.add_paragraph()
        run = paragraph.add_run(text)
        run.bold = bold
        if size:
            run.font.size = Pt(size)
        if font:
            run.font.name = font
            run._element.rPr.rFonts.set(qn("w:eastAsia"), font)
        if align:
            paragraph.alignment = align
        if indent:
            paragraph.paragraph_format.first_line_indent = Pt(32)
        if right_chars:
            paragraph.paragraph_format.right_indent = Pt(16 * right_chars)
        if before:
            paragraph.paragraph_format.space_before = Pt(before)
        return paragraph

    if doc.draft:
        para("样稿（未签发）", align=WD_ALIGN_PARAGRAPH.RIGHT, size=12)
    title = para(doc.title, align=WD_ALIGN_PARAGRAPH.CENTER, size=22, font="方正小标宋简体")
    title.paragraph_format.line_spacing = Pt(34)
    para(doc.number_line, align=WD_ALIGN_PARAGRAPH.CENTER, before=8).paragraph_format.space_after = Pt(20)
    lines = doc.lines()
    for i, line in enumerate(lines):
        body = para(line, indent=i > 0)
        body.paragraph_format.keep_with_next = i == len(lines) - 1  # the 落款 never alone (GB/T 9704 7.3.5)
    para(
        doc.agency_name, align=WD_ALIGN_PARAGRAPH.RIGHT, right_chars=4, before=40
    ).paragraph_format.keep_with_next = True
    para(doc.date_line, align=WD_ALIGN_PARAGRAPH.RIGHT, right_chars=4)
    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()
