"""The published shapes of issue 13: read(shape(render(report))) gives every figure exactly, or null
with a finding — never a wrong number."""

import random
import unicodedata

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from bench._report_corpus import random_report
from bench._report_shapes import collapse_empty, cut_after, flipbook_page, one_line, traditional, variant_headings
from gongkai.core.report.format import SECTIONS
from gongkai.core.report.read import read_report
from gongkai.core.report.read_headings import heading_section
from gongkai.core.report.render_text import render_text
from tests.core.report.test_degraded_roundtrip import assert_never_wrong

seeds = st.integers(min_value=0, max_value=2**32)
FAST = settings(max_examples=30, deadline=None, suppress_health_check=[HealthCheck.too_slow])
TABLES = {"proactive": 1, "applications": 2, "review_litigation": 3}  # index in SECTIONS


@FAST
@given(seeds, st.sampled_from(["one_line", "traditional", "taiwan", "traditional_one_line", "variant", "flipbook"]))
def test_shapes_read_back_exactly(seed, shape):
    rng = random.Random(seed)
    report = random_report(rng)
    text = render_text(report)
    shaped = {
        "one_line": lambda: one_line(text),
        "traditional": lambda: traditional(text),
        "taiwan": lambda: traditional(text, "s2twp"),
        "traditional_one_line": lambda: one_line(traditional(text)),
        "variant": lambda: variant_headings(text, rng),
        "flipbook": lambda: flipbook_page(text),
    }[shape]()
    assert_never_wrong(report, shaped, exact=True)


@FAST
@given(seeds, st.booleans())
def test_collapsed_empty_cells_never_give_a_wrong_number(seed, pipes):
    rng = random.Random(seed)
    report = random_report(rng)
    assert_never_wrong(report, collapse_empty(render_text(report), rng, pipes))


def test_a_row_whose_cells_are_all_printed_empty_keeps_its_place():
    """ "3.危及“三安全一稳定”|||||||" (every zero of the row printed empty) is that row with its cells
    blank — proven 0 by the table's column sums — and never a label without cells; one trailing
    empty cell ("| 规章 |", a Markdown row) marks nothing."""
    from gongkai.core.report.tokens import tokenize_line

    assert [t.kind for t in tokenize_line("3.危及“三安全一稳定”|||||||")] == ["label", "blank"]
    assert [t.kind for t in tokenize_line("| 3.危及“三安全一稳定” | | | | | | | |")] == ["label", "blank"]
    assert [t.kind for t in tokenize_line("| 规章 |")] == ["label"]
    assert [t.kind for t in tokenize_line("三、本年度办理结果 | （一）予以公开 |||")] == ["label", "label", "blank"]
    report = random_report(random.Random(6))
    text = "\n".join(
        "|".join("" if c.strip() == "0" else c for c in line.split("|")) if "|" in line else line
        for line in render_text(report).splitlines()
    )
    result = read_report(text.encode())
    assert result.report.to_json()["applications"] == report.to_json()["applications"]


@FAST
@given(seeds, st.booleans(), st.integers(min_value=1, max_value=200), st.booleans())
def test_collapsed_rows_of_a_misprinted_table_are_never_placed_wrong(seed, pipes, delta, compensate):
    """A published table that does not add up (one cell misprinted; with `compensate`, its
    column's （七）总计 misprinted to match): the placement by the table's arithmetic must not
    turn the misprint into a figure in the wrong column."""
    from gongkai.core.report.format import APPLICANT_COLUMN_IDS, OUTCOME_ROW_IDS

    rng = random.Random(seed)
    report = random_report(rng)
    row, column = rng.choice(OUTCOME_ROW_IDS), rng.choice(APPLICANT_COLUMN_IDS)
    report.applications[row][column] += delta
    if compensate:
        report.applications["total"][column] += delta
    assert_never_wrong(report, collapse_empty(render_text(report), rng, pipes))


@FAST
@given(seeds, st.integers(min_value=1, max_value=5), st.booleans())
def test_cut_at_every_section_boundary(seed, kept, running):
    """A partial copy keeps what it holds; every later section is null with `missing.section`."""
    report = random_report(random.Random(seed))
    text = cut_after(render_text(report), kept)
    text = one_line(text) if running else text
    result = read_report(text.encode())
    assert result.report is not None, result.findings
    read, truth = result.report.to_json(), report.to_json()
    missing = {f.where for f in result.findings if f.code == "missing.section"}
    assert missing == {s.id for s in SECTIONS[kept:]}
    for table, index in TABLES.items():
        if index < kept:
            assert read[table] == truth[table]
        else:
            assert all(v is None for row in read[table].values() for v in row.values())


@FAST
@given(seeds, st.sampled_from(["centre", "top"]), st.booleans(), st.sampled_from(["centre", "right"]))
def test_ofd_with_labels_wrapped_in_their_cells_is_exact_or_null(seed, wrap, blank_zeros, figures):
    """OFD with narrow label columns: labels over two to four lines, figures on the middle line,
    between two lines or on the first; exact with zeros printed, else exact or null."""
    from bench._report_ofd import report_ofd

    report = random_report(random.Random(seed))
    data = report_ofd(report, blank_zeros=blank_zeros, figures=figures, wrap=wrap)
    assert_never_wrong(report, data, exact=not blank_zeros)


@pytest.mark.parametrize(
    "line",
    [
        "二、上年结转政府信息公开申请数量",
        "三、本年度办理结果",
        "四、结转下年度继续办理",
        "一、本年新收政府信息公开申请数量",
        "（一）予以公开",
        "（三）不予公开",
        "（四）无法提供",
        "（五）不予处理",
        "二、上年结转政府信息公开申请数量 | 0 | 0 | 0 | 0 | 0 | 0 | 0",
        "行政复议 | 行政诉讼",
    ],
)
def test_table_rows_are_never_headings(line):
    assert heading_section(line) is None


def _variants(title):
    out = {title[:i] + title[i + 1 :] for i in range(len(title)) if len(title) > 6}
    out |= {title[:i] + title[i + 1] + title[i] + title[i + 2 :] for i in range(len(title) - 1) if len(title) > 6}
    out |= {title[:i] + "的" + title[i:] for i in range(1, len(title))}
    return out


@pytest.mark.parametrize("spec", SECTIONS, ids=lambda s: s.id)
def test_misspelt_headings_are_found(spec):
    for variant in _variants(spec.title):
        for line in (f"{spec.number}、{variant}", f"第{spec.number}部分 {variant}", f"（{spec.number}）{variant}"):
            found = heading_section(unicodedata.normalize("NFKC", line))
            assert found is not None and found[0] == spec.id, line
    assert heading_section(f"**{spec.title}**".strip("*"))[0] == spec.id


def test_traditional_report_keeps_its_published_wording():
    report = random_report(random.Random(7))
    result = read_report(traditional(render_text(report)).encode())
    assert "input.traditional" in {f.code for f in result.findings}
    assert "貫徹" in result.report.sections["overview"]


IMAGE = settings(max_examples=3, deadline=None, suppress_health_check=[HealthCheck.too_slow])


@IMAGE
@given(seeds, st.sampled_from(["proactive", "applications", "review_litigation"]))
def test_tables_published_as_images_are_exact_or_null(seed, table):
    """OCR figures are kept only when the table proves itself (主动公开, without 勾稽关系: when
    every reader gives every figure and the ink fits, `image_proactive`); else null with
    `table.image`."""
    from bench._report_shapes import image_table_html

    report = random_report(random.Random(seed))
    result = read_report(image_table_html(report, table, random.Random(seed)).encode())  # its own scan
    read, truth = result.report.to_json()[table], report.to_json()[table]
    codes = {f.code for f in result.findings}
    if read == truth:
        assert "table.ocr" in codes
    else:
        assert "table.image" in codes
        assert all(v is None for row in read.values() for v in row.values())


def assert_scan_tables_exact_or_null(result, report):
    """A scan read: every checkable table exactly, or null with `table.image`; the JSON pair."""
    assert result.report is not None, result.findings
    codes = {f.code for f in result.findings}
    assert "input.scanned" in codes
    read, truth = result.report.to_json(), report.to_json()
    for table in TABLES:
        assert read[table] == truth[table] or (
            "table.image" in codes and all(v is None for row in read[table].values() for v in row.values())
        )
    return read, truth


@IMAGE
@given(seeds)
def test_scanned_ofd_gives_exact_tables_or_null(seed):
    """An OFD whose pages are only pictures (a scan: no text object), each block scanned with its
    own degradation: every table exactly (read cell by cell, proved by its 勾稽关系) or null with
    `table.image` — never a wrong figure."""
    from bench._report_ofd import scanned_ofd
    from bench._report_shapes import report_pictures

    report = random_report(random.Random(seed))
    result = read_report(scanned_ofd(report_pictures(report, random.Random(seed))), "scan.ofd")
    assert_scan_tables_exact_or_null(result, report)


def test_a_misprinted_image_table_is_never_accepted():
    """A picture whose figures break a 勾稽关系 gives null, never the misprinted figures."""
    from bench._report_shapes import image_table_html

    report = random_report(random.Random(0))
    report.review_litigation["administrative_review"]["total"] += 1
    result = read_report(image_table_html(report, "review_litigation").encode())
    assert all(v is None for row in result.report.review_litigation.values() for v in row.values())
    assert "table.image" in {f.code for f in result.findings}


def test_scanned_pdf_gives_exact_tables_or_null():
    """A scan (no text layer): headings and narrative by OCR; a table only if it proves itself."""
    from bench._report_shapes import scanned_pdf

    report = random_report(random.Random(11))
    result = read_report(scanned_pdf(report))
    read, truth = assert_scan_tables_exact_or_null(result, report)


@pytest.mark.parametrize("kind", ["pdf", "ofd"])
def test_a_scan_with_page_numbers_in_its_text_layer_is_read_as_a_scan(kind):
    """Scanning software stamps "第 N 页 共 M 页" as text over the page scans: the text layer alone
    is no report (it was refused, `input.not_a_report`), so the pages are read as a scan."""
    from bench._report_ofd import scanned_ofd
    from bench._report_shapes import report_pictures, scanned_pdf

    report = random_report(random.Random(7))
    if kind == "pdf":
        data = scanned_pdf(report, page_numbers=True)
    else:
        data = scanned_ofd(report_pictures(report, random.Random(7)), page_numbers=True)
    result = read_report(data, f"scan.{kind}")
    read, _ = assert_scan_tables_exact_or_null(result, report)
    assert sum(v is not None for table in TABLES for row in read[table].values() for v in row.values()) > 0


def test_a_table_over_a_page_break_under_a_page_number_is_joined():
    """Page scans with "第 N 页 共 M 页" printed at each page's foot (the labelled set's seed 200):
    the 依申请公开 table ends page 1 above its page number and goes on at the top of page 2; the
    page number stood between the two parts, so they were not joined and the table was refused."""
    from bench._report_corpus import AGENCIES
    from bench._report_shapes import scanned_pdf

    report = random_report(random.Random(200), agency=AGENCIES[200 % len(AGENCIES)])
    result = read_report(scanned_pdf(report, page_numbers=True), "scan.pdf")
    assert result.report.applications == report.applications


def test_a_short_notice_stays_refused_as_no_report():
    """A thin text layer over no scan (a one-line notice): read as a scan too, which finds no
    report either — the text reading's refusal stands, never a half-read report."""
    from weasyprint import HTML

    from gongkai.core.report.read_pictures import THIN_TEXT, thin_text

    assert thin_text(["第 1 页 共 5 页", "第 2 页 共 5 页"]) and not thin_text(["字" * THIN_TEXT])
    notice = HTML(string="<meta charset='utf-8'><p>关于调整办公时间的通知</p>").write_pdf()
    result = read_report(notice, "notice.pdf")
    assert result.report is None
    assert [f.code for f in result.findings] == ["input.not_a_report"]


def test_legacy_word_doc_is_read_through_libreoffice():
    """A .doc attachment (Word 97, as LibreOffice writes it) reads exactly."""
    import json

    from tests.core.report.conftest import FIXTURES

    folder = FIXTURES.parent / "report-harvest"
    result = read_report((folder / "sifa-2024.doc").read_bytes(), "sifa-2024.doc")
    truth = json.loads((folder / "sifa-2024.expected.json").read_text(encoding="utf-8"))
    read = result.report.to_json()
    for table in TABLES:
        assert read[table] == truth[table]
