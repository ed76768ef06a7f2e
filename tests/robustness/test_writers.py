"""Every writer is safe for whatever is already stored (issue 11): control characters and
noncharacters in old rows never break a letter, the ledger XLSX, the Atom feed or the report DOCX;
formula-like applicant text is not a formula in the export."""

from __future__ import annotations

import io
from datetime import date
from xml.etree import ElementTree

from gongkai.applications.ledger import export_ledger, year_applications
from gongkai.applications.models import Application
from gongkai.core.report.model import build_empty_report
from gongkai.core.report.render_docx import render_docx
from tests.applications.factories import decided, person

BAD = "甲\x01乙\ufffe丙\x0b"


def test_letters_render_although_stored_applicant_text_has_control_characters(township, handler):
    application = decided(township, handler, date(2026, 1, 5), date(2026, 1, 9))
    Application.objects.filter(pk=application.pk).update(name=BAD, information=BAD)  # legacy row
    application.refresh_from_db()
    from gongkai.applications.letters import document
    from gongkai.applications.letters.render import docx_bytes, pdf_bytes

    letter = application.letters.get(kind="reply")  # the signed reply of the decided application
    letter.body = f"{BAD}\n{letter.body}"  # a legacy row whose stored text holds control characters
    import docx

    text = "\n".join(p.text for p in docx.Document(io.BytesIO(docx_bytes(document(letter)))).paragraphs)
    assert "甲\ufffd乙\ufffd丙" in text and pdf_bytes(document(letter)).startswith(b"%PDF")


def test_ledger_export_survives_stored_control_characters_and_neutralises_formulas(township, handler):
    import openpyxl

    application = decided(
        township,
        handler,
        date(2026, 1, 5),
        date(2026, 1, 9),
        data=person(information='=HYPERLINK("http://evil.example","点击")'),
    )
    Application.objects.filter(pk=application.pk).update(name=BAD, address="@SUM(1+1)")
    data = export_ledger(year_applications(township, 2026))
    sheet = openpyxl.load_workbook(io.BytesIO(data)).worksheets[0]
    values = [c.value for c in sheet[2]]
    assert '\'=HYPERLINK("http://evil.example","点击")' in values and "'@SUM(1+1)" in values
    assert all(cell.data_type != "f" for cell in sheet[2])
    assert "甲\ufffd乙\ufffd丙\ufffd" in values


def test_atom_feed_is_well_formed_with_stored_control_characters(client, township, make_item, publish, news):
    item = publish(make_item())
    item.public_version.__class__.objects.filter(pk=item.public_version_id).update(title=BAD, summary=BAD)
    type(news).objects.filter(pk=news.pk).update(name="栏目\x02")
    response = client.get(f"/agency/{township.slug}/column/{news.pk}/feed/", follow=True)
    assert response.status_code == 200
    root = ElementTree.fromstring(response.content)  # raises on malformed XML
    assert "甲\ufffd乙" in ElementTree.tostring(root, encoding="unicode")


def test_report_docx_renders_narrative_with_control_characters():
    report = build_empty_report("测试镇人民政府", 2025)
    report.sections["overview"] = "概述" + BAD
    import docx

    document = docx.Document(io.BytesIO(render_docx(report)))
    assert any("概述甲\ufffd乙" in p.text for p in document.paragraphs)


def test_report_pdf_renders_narrative_with_control_characters():
    from gongkai.core.report.render_pdf import render_pdf

    report = build_empty_report("测试镇人民政府\x01", 2025)
    report.sections["overview"] = "概述" + BAD
    assert render_pdf(report).startswith(b"%PDF")
