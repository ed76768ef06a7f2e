"""A Word report whose text is text but whose tables are pasted pictures (issue 13, as township
sites publish them): each picture is read where it stands, a figure exact or null with
`table.image` — never a wrong number."""

import random
from io import BytesIO

import pytest

from bench._report_corpus import random_report
from bench._report_shapes import table_image
from gongkai.core.report.read import read_report
from gongkai.core.report.read_image import MAX_PIXELS
from gongkai.core.report.render_docx import render_docx
from tests.core.report.pictured import empty, exact_or_null

TABLE_INDEX = {"proactive": 0, "applications": 1, "review_litigation": 2}  # Word tables in body order


def pictured_docx(report, pictures: dict[str, bytes]) -> bytes:
    """The report as Word writes it, each table of `pictures` replaced by its picture pasted in a
    paragraph of its own."""
    from docx import Document
    from docx.shared import Cm

    document = Document(BytesIO(render_docx(report)))
    tables = [table._tbl for table in document.tables]
    for table, content in pictures.items():
        element = tables[TABLE_INDEX[table]]
        paragraph = document.add_paragraph()
        paragraph.add_run().add_picture(BytesIO(content), width=Cm(15))
        element.addprevious(paragraph._p)
        element.getparent().remove(element)
    out = BytesIO()
    document.save(out)
    return out.getvalue()


def blurred(content: bytes) -> bytes:
    from PIL import Image, ImageFilter

    out = BytesIO()
    Image.open(BytesIO(content)).convert("L").filter(ImageFilter.GaussianBlur(6)).save(out, "PNG")
    return out.getvalue()


@pytest.mark.parametrize("seed", [3, 7])
def test_table_pictures_in_a_docx_are_read_exactly_or_null(seed):
    """Tables 三 and 四 pasted as scan-like pictures: each read exactly (`table.ocr`), or null
    with `table.image`; the text tables and narrative read as ever."""
    report = random_report(random.Random(seed))
    pictures = {t: table_image(report, t, random.Random(seed + n)) for n, t in enumerate(TABLE_INDEX) if n}
    result = read_report(pictured_docx(report, pictures), "report.docx")
    exact = exact_or_null(result, report, pictures)
    codes = {f.code for f in result.findings}
    assert result.report.proactive == report.proactive
    assert exact >= 1  # clear pictures: read, not merely refused
    assert "table.ocr" in codes


def test_a_blurred_table_picture_gives_null_never_a_wrong_figure():
    report = random_report(random.Random(4))
    picture = blurred(table_image(report, "applications", random.Random(4)))
    result = read_report(pictured_docx(report, {"applications": picture}), "report.docx")
    assert result.report is not None
    assert result.report.applications == report.applications or (
        empty(result.report.applications) and "table.image" in {f.code for f in result.findings}
    )
    assert result.report.review_litigation == report.review_litigation  # a Word table: read as ever


def test_a_misprinted_table_picture_in_a_docx_is_never_accepted():
    report = random_report(random.Random(0))
    report.review_litigation["administrative_review"]["total"] += 1
    picture = table_image(report, "review_litigation", random.Random(0))
    result = read_report(pictured_docx(report, {"review_litigation": picture}), "report.docx")
    assert empty(result.report.review_litigation)
    assert "table.image" in {f.code for f in result.findings}


def test_a_huge_picture_in_a_docx_is_refused_before_decoding():
    """A picture over `MAX_PIXELS` (its header says so): left out with `input.picture`, its table
    missing — the rest of the report read."""
    from PIL import Image

    side = int(MAX_PIXELS**0.5) + 10
    out = BytesIO()
    Image.new("1", (side, side), 1).save(out, "PNG")
    report = random_report(random.Random(2))
    result = read_report(pictured_docx(report, {"applications": out.getvalue()}), "report.docx")
    assert result.report is not None
    codes = {f.code for f in result.findings}
    assert "input.picture" in codes and "missing.table.applications" in codes
    assert empty(result.report.applications)
    assert result.report.review_litigation == report.review_litigation


def pictured_pdf(report, table: str, picture: bytes | None = None) -> bytes:
    """The published page with `table` as its picture (its own scan unless `picture`), printed to
    PDF (WeasyPrint): text with a text layer, the table a picture."""
    import base64
    import logging

    from weasyprint import HTML

    from bench._report_shapes import image_table_html

    logging.getLogger("weasyprint").setLevel(logging.ERROR)
    logging.getLogger("fontTools").setLevel(logging.ERROR)
    html = image_table_html(report, table, random.Random(1))
    if picture is not None:
        start = html.index("data:image/")
        end = html.index('"', start)
        html = html[:start] + "data:image/png;base64," + base64.b64encode(picture).decode() + html[end:]
    return HTML(string=html.replace("<img ", '<img style="width:100%" ')).write_pdf()


@pytest.mark.parametrize("table", ["applications", "review_litigation"])
def test_a_table_picture_in_a_text_pdf_is_read_exactly_or_null(table):
    report = random_report(random.Random(3))
    result = read_report(pictured_pdf(report, table), "report.pdf")
    assert result.report is not None
    codes = {f.code for f in result.findings}
    assert f"missing.table.{table}" not in codes
    read, truth = result.report.to_json(), report.to_json()
    assert read[table] == truth[table] or ("table.image" in codes and empty(getattr(result.report, table)))
    assert "table.ocr" in codes or "table.image" in codes
    assert read["proactive"] == truth["proactive"]


def test_a_blurred_table_picture_in_a_pdf_gives_null():
    report = random_report(random.Random(4))
    picture = blurred(table_image(report, "review_litigation", random.Random(4)))
    result = read_report(pictured_pdf(report, "review_litigation", picture), "report.pdf")
    assert result.report.review_litigation == report.review_litigation or (
        empty(result.report.review_litigation) and "table.image" in {f.code for f in result.findings}
    )
