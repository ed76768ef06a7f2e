"""Whole scanned pages (a scanned PDF, an OFD of page scans): the ruled tables among the text are
cut out and read cell by cell (`page_tables`); a table is exact or null with `table.image`."""

import random
from io import BytesIO

from hypothesis import given
from hypothesis import strategies as st

from bench._report_corpus import random_report
from bench._report_ofd import scanned_ofd
from bench._report_shapes import page_scans, scanned_pdf
from gongkai.core.report.image_grid import find_grid
from gongkai.core.report.page_tables import TEXT, page_pieces
from gongkai.core.report.read import read_report
from gongkai.core.report.read_image import page_images
from tests.core.report.test_read_shapes import IMAGE, TABLES

SEED = 11  # table 四 stands among the text of the last page, table 三 runs over a page break


def _exact_or_null(report, result) -> set[str]:
    """The tables read exactly (every other one null with `table.image`)."""
    assert result.report is not None, result.findings
    codes = {f.code for f in result.findings}
    read, truth = result.report.to_json(), report.to_json()
    exact = set()
    for table in TABLES:
        if read[table] == truth[table]:
            exact.add(table)
        else:
            assert "table.image" in codes
            assert all(v is None for row in read[table].values() for v in row.values()), table
    return exact


def _pdf_of(pages: list[bytes]) -> bytes:
    from PIL import Image

    images = [Image.open(BytesIO(page)).convert("L") for page in pages]
    out = BytesIO()
    images[0].save(out, "PDF", save_all=True, append_images=images[1:], resolution=200)
    return out.getvalue()


def test_a_page_is_cut_into_its_tables_and_the_text_between():
    report = random_report(random.Random(SEED))
    pieces = page_pieces(page_images(scanned_pdf(report)))
    kinds = [kind for _, kind in pieces]
    assert kinds[0] == TEXT and "proactive" in kinds and "review_litigation" in kinds
    assert kinds[-1] == TEXT  # 五 and 六 below table 四
    for piece, kind in pieces:
        if kind == TEXT:
            assert find_grid(piece) is None  # no ruling left in the text


def test_a_table_among_the_text_of_a_scanned_pdf_page_is_read_exactly():
    """Before: the pages OCR'd whole twice, every table null. Now table 四 cut out of the text of
    its page, table 三 joined over the page break, each read cell by cell; table 二 too, read by
    every reader alike with its digits fitting the ink (`image_proactive`; before, never)."""
    report = random_report(random.Random(SEED))
    result = read_report(scanned_pdf(report), "scan.pdf")
    assert _exact_or_null(report, result) == {"proactive", "applications", "review_litigation"}
    assert result.report.sections["problems"] and result.report.sections["other"]  # the text below it
    ocr = [f for f in result.findings if f.code == "table.ocr"]
    assert {f.where for f in ocr} == {"proactive", "applications", "review_litigation"}
    assert all("逐格识别" in f.message for f in ocr)


def test_a_table_among_the_text_of_a_scanned_ofd_page_is_read_exactly():
    report = random_report(random.Random(SEED))
    result = read_report(scanned_ofd(page_scans(report, random.Random(SEED))), "scan.ofd")
    assert "review_litigation" in _exact_or_null(report, result)
    assert "input.scanned" in {f.code for f in result.findings}


def test_a_misprinted_figure_on_a_scanned_page_gives_null():
    """The figures on the page break a 勾稽关系 (a 总计 one too many): null with `table.image`."""
    report = random_report(random.Random(SEED))
    report.review_litigation["administrative_review"]["total"] += 1
    result = read_report(scanned_pdf(report), "scan.pdf")
    assert "review_litigation" not in _exact_or_null(report, result)


def test_an_unreadable_figure_on_a_scanned_page_gives_null():
    """A figure blotted out by the scan (ink over its cell): that table null, never guessed."""
    import numpy
    from PIL import Image

    report = random_report(random.Random(SEED))
    pages = page_images(scanned_pdf(report))
    grey, grid = find_grid(pages[-1], whiten=False)
    last = grid.rows[-1] or grid.rows[-2]  # the figures of table 四: the grid's last row
    x0, y0, x1, y1 = last[len(last) // 2].box
    blotted = numpy.asarray(grey, dtype=numpy.uint8).copy()
    blotted[y0 + 2 : y1 - 2, x0 + 2 : x1 - 2] = 20
    out = BytesIO()
    Image.fromarray(blotted).save(out, "PNG")
    result = read_report(_pdf_of([*pages[:-1], out.getvalue()]), "scan.pdf")
    assert "review_litigation" not in _exact_or_null(report, result)


def test_a_table_cut_off_by_the_scan_gives_null():
    """The page's scan ends inside table 四's row of figures (a cut through the grid): null."""
    from PIL import Image

    report = random_report(random.Random(SEED))
    pages = page_images(scanned_pdf(report))
    _, grid = find_grid(pages[-1], whiten=False)
    last = grid.rows[-1] or grid.rows[-2]
    image = Image.open(BytesIO(pages[-1]))
    out = BytesIO()
    image.crop((0, 0, image.width, (last[0].box[1] + last[0].box[3]) // 2)).save(out, "PNG")
    result = read_report(_pdf_of([*pages[:-1], out.getvalue()]), "scan.pdf")
    assert "review_litigation" not in _exact_or_null(report, result)


@IMAGE
@given(st.integers(min_value=0, max_value=2**32))
def test_scanned_pages_give_exact_tables_or_null(seed):
    """Whole A4 pages scanned (tilt, noise, JPEG), as an OFD: every table exact or null."""
    report = random_report(random.Random(seed))
    result = read_report(scanned_ofd(page_scans(report, random.Random(seed))), "scan.ofd")
    _exact_or_null(report, result)  # 主动公开 too: read only by every reader at once (image_proactive)


def test_a_photographed_page_uploaded_as_an_image_file_is_cut_too():
    """One page picture (the report's last page, table 四 among 四's heading and 五, 六): the
    same cutting as a scanned PDF's or OFD's pages."""
    report = random_report(random.Random(SEED))
    result = read_report(page_scans(report, random.Random(SEED))[-1], "page.jpg")
    assert result.report.review_litigation == report.review_litigation
    assert "table.ocr" in {f.code for f in result.findings if f.where == "review_litigation"}
