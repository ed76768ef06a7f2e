"""Letters to the applicant (and to third parties), from an editable template per type.

A template is plain text with `$placeholders` (Python `string.Template`; an unknown placeholder is
left as written, never an error). Each agency may edit its own copy (`LetterTemplate`); the
defaults below cite the article each letter relies on. A generated letter is stored with the
application as text, DOCX and PDF (`Letter`), in the transaction of the action that issued it.
"""

from __future__ import annotations

import html
import io
from datetime import date
from string import Template

from gongkai.applications.models import Application, Letter, LetterKind, LetterTemplate
from gongkai.core.text import xml_safe

REMEDIES = ("如对本告知不服，可以自收到本告知书之日起60日内依法申请行政复议，"
            "或者自收到本告知书之日起6个月内依法提起行政诉讼。")

DEFAULT_TEMPLATES = {
    LetterKind.REPLY: (
        "$applicant：\n"
        "本机关于$received_on收到您（单位）提出的政府信息公开申请（申请编号：$number），"
        "申请获取“$information”。\n"
        "经审查，根据《中华人民共和国政府信息公开条例》$article的规定，答复如下：$outcome。\n"
        "$content\n"
        + REMEDIES
    ),
    LetterKind.CORRECTION: (
        "$applicant：\n"
        "本机关于$received_on收到您（单位）提出的政府信息公开申请（申请编号：$number）。"
        "经审查，申请内容不明确，根据《中华人民共和国政府信息公开条例》第三十条的规定，"
        "请您对以下内容作出补正：\n$content\n"
        "请于$deadline前补正。答复期限自本机关收到补正后的申请之日起计算。"
        "无正当理由逾期不补正的，视为放弃申请，本机关不再处理该政府信息公开申请。"
    ),
    LetterKind.EXTENSION: (
        "$applicant：\n"
        "本机关于$received_on收到您（单位）提出的政府信息公开申请（申请编号：$number）。"
        "因$content，不能在规定期限内作出答复。根据《中华人民共和国政府信息公开条例》"
        "第三十三条第二款的规定，经本机关政府信息公开工作机构负责人同意，答复期限延长$days个工作日，"
        "本机关将于$due_on前作出答复。"
    ),
    LetterKind.CONSULTATION: (
        "$third_party：\n"
        "本机关收到政府信息公开申请（申请编号：$number），申请获取“$information”。"
        "该信息公开后可能损害你方合法权益，根据《中华人民共和国政府信息公开条例》第三十二条"
        "（或第三十四条）的规定，现书面征求你方意见。\n$content\n"
        "请于收到本征询书之日起15个工作日内（$deadline前）书面提出意见。逾期未提出意见的，"
        "由本机关依照条例的规定决定是否公开。"
    ),
    LetterKind.FEE: (
        "$applicant：\n"
        "本机关于$received_on收到您（单位）提出的政府信息公开申请（申请编号：$number）。"
        "根据《中华人民共和国政府信息公开条例》第四十二条和$basis的规定，应收取信息处理费：\n"
        "计收标准：$standard\n收费金额：人民币$amount元。\n"
        "请于$deadline前缴纳。逾期未缴纳的，本机关不再处理该政府信息公开申请。"
        "答复期限自收到费用之日起继续计算。"
    ),
}


def template_text(agency, kind: str) -> str:
    row = LetterTemplate.objects.filter(agency=agency, kind=kind).first()
    return row.body if row else DEFAULT_TEMPLATES[LetterKind(kind)]


def _cn_date(day: date | None) -> str:
    return f"{day.year}年{day.month}月{day.day}日" if day else ""


def render_text(application: Application, kind: str, *, issued_on: date, **values) -> str:
    context = {
        "applicant": application.name,
        "number": application.number,
        "received_on": _cn_date(application.received_on),
        "information": application.information,
        "agency": application.agency.name,
        "issued_on": _cn_date(issued_on),
        "content": "",
    }
    for key, value in values.items():
        context[key] = _cn_date(value) if isinstance(value, date) else str(value)
    body = Template(template_text(application.agency, kind)).safe_substitute(context)
    return body.strip()


def _docx_bytes(title: str, number: str, body: str, agency_name: str, issued_on: date) -> bytes:
    from docx import Document
    from docx.enum.text import WD_ALIGN_PARAGRAPH
    from docx.oxml.ns import qn
    from docx.shared import Pt

    document = Document()
    style = document.styles["Normal"]
    style.font.name = "仿宋"
    style.font.size = Pt(14)
    style.element.rPr.rFonts.set(qn("w:eastAsia"), "仿宋")
    heading = document.add_paragraph()
    heading.alignment = WD_ALIGN_PARAGRAPH.CENTER
    run = heading.add_run(title)
    run.bold = True
    run.font.size = Pt(20)
    sub = document.add_paragraph(f"（申请编号：{number}）")
    sub.alignment = WD_ALIGN_PARAGRAPH.CENTER
    for index, line in enumerate(body.splitlines()):
        paragraph = document.add_paragraph(line)
        if index > 0:
            paragraph.paragraph_format.first_line_indent = Pt(28)
    for text in (agency_name, _cn_date(issued_on)):
        paragraph = document.add_paragraph(text)
        paragraph.alignment = WD_ALIGN_PARAGRAPH.RIGHT
    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()


def _pdf_bytes(title: str, number: str, body: str, agency_name: str, issued_on: date) -> bytes:
    from weasyprint import HTML

    paragraphs = "".join(
        f'<p class="{"first" if i == 0 else "indent"}">{html.escape(line)}</p>'
        for i, line in enumerate(body.splitlines())
    )
    document = f"""<!doctype html><html lang="zh-CN"><head><meta charset="utf-8"><style>
    @page {{ size: A4; margin: 2.5cm 2.2cm; }}
    body {{ font-family: "Noto Serif CJK SC", "Noto Sans CJK SC", serif; font-size: 14pt; line-height: 1.8; }}
    h1 {{ text-align: center; font-size: 20pt; margin-bottom: 0; }}
    .number {{ text-align: center; margin-top: 4pt; }}
    .indent {{ text-indent: 2em; margin: 0; }} .first {{ margin: 0; }}
    .sign {{ text-align: right; margin: 0; }}
    </style></head><body><h1>{html.escape(title)}</h1><p class="number">（申请编号：{html.escape(number)}）</p>
    {paragraphs}<p class="sign" style="margin-top:2em">{html.escape(agency_name)}</p>
    <p class="sign">{_cn_date(issued_on)}</p></body></html>"""
    return HTML(string=document).write_pdf()


def issue_letter(application: Application, kind: str, *, issued_on: date, served_on=None,
                 service_method: str = "", for_applicant: bool = True, **values) -> Letter:
    """Render, store and return one letter (call inside the action's transaction)."""
    kind = LetterKind(kind)
    body = xml_safe(render_text(application, kind, issued_on=issued_on, **values))  # stored text may be illegal in XML
    title = kind.label
    agency_name = xml_safe(application.agency.name)
    return Letter.objects.create(
        application=application, kind=kind, title=title, body=body,
        docx=_docx_bytes(title, application.number, body, agency_name, issued_on),
        pdf=_pdf_bytes(title, application.number, body, agency_name, issued_on),
        for_applicant=for_applicant, issued_on=issued_on, served_on=served_on,
        service_method=service_method or "",
    )
