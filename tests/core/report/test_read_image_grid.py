"""Tables published as pictures (issue 13): the ruled grid is traced on a tilted, noisy scan, and a
figure stands only when two independent readings give it and none contradicts it."""

import random
from io import BytesIO

import pytest

from bench._report_corpus import random_report
from bench._report_shapes import table_image
from gongkai.core.report.image_grid import MAX_PIXELS, find_grid
from gongkai.core.report.read_glyphs import agreed, agreed_again


def test_the_grid_of_table_three_is_traced_on_a_tilted_scan():
    """Scan-like picture (tilt up to 1°, blur, noise, JPEG): 3 header rows and one row per line of
    the national format, each data row with its 7 figure cells."""
    report = random_report(random.Random(5))
    found = find_grid(table_image(report, "applications", random.Random(5)))
    assert found is not None
    _, grid = found
    rows = [row for row in grid.rows if row]
    assert len(rows) == 3 + len(report.applications)
    assert all(len(row) >= 8 for row in rows[3:])  # the row label(s) and the 7 figures


def test_the_grid_of_table_four_is_traced():
    report = random_report(random.Random(8))
    found = find_grid(table_image(report, "review_litigation", random.Random(8)))
    assert found is not None
    assert [len(row) for row in found[1].rows] == [2, 2, 15, 15]


@pytest.mark.parametrize("content", [b"", b"not a picture", b"\x89PNG\r\n\x1a\n broken"])
def test_what_is_not_a_picture_has_no_grid(content):
    assert find_grid(content) is None


def test_an_oversized_picture_is_refused_before_decoding():
    from PIL import Image

    side = int(MAX_PIXELS**0.5) + 10
    out = BytesIO()
    Image.new("1", (side, side), 1).save(out, "PNG")
    assert find_grid(out.getvalue()) is None


def test_a_blank_picture_has_no_grid():
    from PIL import Image

    out = BytesIO()
    Image.new("L", (400, 300), 255).save(out, "PNG")
    assert find_grid(out.getvalue()) is None


@pytest.mark.parametrize(
    ("readings", "template", "expected"),
    [
        (["17", "17", ""], "", "17"),  # two readings, none against
        (["17", "", ""], "", None),  # one reading is no confirmation
        (["17", "7", ""], "17", "17"),  # tesseract dropped the thin "1"; cutting glyphs did not
        (["17", "7", ""], "", None),  # ... but without the glyph reading, 7 stands against 17
        (["17", "17", ""], "11", None),  # the glyph reading contradicts
        (["36", "38", ""], "36", None),  # a reading of the same length contradicts
        (["", "", "0"], "0", "0"),
        (["", "", ""], "", None),
        (["1a", "1a", ""], "", None),
    ],
)
def test_a_figure_stands_only_when_two_readings_confirm_it(readings, template, expected):
    assert agreed(readings, template) == expected


@pytest.mark.parametrize(
    ("readings", "template", "known", "expected"),
    [
        (["8", "8", "8"], "3", frozenset("0123"), "8"),  # no template of 8: its "3" says nothing
        (["8", "8", "8"], "3", frozenset("0123458"), None),  # it knows 8 and read 3: against
        (["25", "25", ""], "23", frozenset("0123"), "25"),
        (["23", "23", ""], "28", frozenset("0123"), None),  # 23 it could have read: against
    ],
)
def test_the_template_reading_stands_only_against_a_figure_it_could_have_read(readings, template, known, expected):
    assert agreed(readings, template, known) == expected


@pytest.mark.parametrize(
    ("first", "again", "template", "expected"),
    [
        (["6", "0", "6"], ["0", "", "", "0", "0", "0"], "", "0"),  # the second look outvotes the first
        (["", "", ""], ["0", "", "", "0", "", ""], "0", "0"),  # two fresh readings and the template
        (["", "", ""], ["0", "", "", "", "", ""], "0", None),  # one fresh reading is no second look
        (["1", "1", ""], ["1", "1", "1", "81", "8"], "81", None),  # 81 read twice, 1 five times: refused
        (["31", "31", ""], ["31", "31", "1", "", ""], "11", None),  # the template reader stands against
        (["0", "", ""], ["0", "0", "3", "3", ""], "", None),  # not two to one
        (["", "", ""], ["", "", "", "", ""], "", None),
    ],
)
def test_a_second_look_confirms_a_figure_only_on_its_own(first, again, template, expected):
    assert agreed_again(first, again, template, frozenset("0123456789")) == expected


def _read_picture_of(report, table: str, picture: bytes):
    """The published page with `table` replaced by `picture`, read as `gongkai report check` does."""
    import base64

    from bench._report_corpus import published_html
    from gongkai.core.report.read import read_report
    from gongkai.core.report.render_html import table_html

    kind = "jpeg" if picture[:2] == b"\xff\xd8" else "png"
    image = f'<p><img src="data:image/{kind};base64,{base64.b64encode(picture).decode()}" alt="表格"></p>'
    return read_report(published_html(report).replace(table_html(report, table), image).encode())


def test_two_digits_run_together_are_not_confirmed_as_one():
    """Seed 205 of the scanned OFD: a "56" whose glyphs touch was read "6" by all three readings
    and taken (then the table refused by its 勾稽关系). The ink is as wide as two of the table's
    digits, so "6" is refuted and says nothing; chi_sim and the glyphs read one by one give 56,
    and the 311 beside it (its serif 1s' ink not centred on their advance) is not refuted."""
    from bench._report_shapes import report_pictures
    from gongkai.core.report.read_pictures import table_picture

    report = random_report(random.Random(205), agency="某某镇人民政府")  # as the labelled set's seed 205
    pictures = report_pictures(report, random.Random("205-ofd-scanned"))
    picture = next(p for p in pictures if table_picture(p) == "applications")
    result = _read_picture_of(report, "applications", picture)
    assert result.report.applications == report.applications
    assert report.applications["not_processed.excessive"]["total"] == 56
    assert not [f for f in result.findings if f.code.startswith("cell.settled")]


def test_a_zero_with_faint_arcs_is_read_whole():
    """Seed 204 of the OFD of page scans: the thin top and bottom arcs of a "0" are lighter than
    its sides; the crop cut at the sides held two strokes that no reading confirmed, which left
    the 51 below it without a column identity to settle it. The crop grows over faint ink."""
    from bench._report_shapes import page_scans
    from gongkai.core.report.page_tables import page_pieces

    report = random_report(random.Random(204), agency="某某县教育局")  # as the labelled set's seed 204
    pieces = page_pieces(page_scans(report, random.Random("204-ofd-pages")))
    picture = next(p for p, kind in pieces if kind == "applications")
    result = _read_picture_of(report, "applications", picture)
    assert result.report.applications == report.applications


# A "0" of a 102-dpi screenshot, 11 pixels high (seed 1 of the clean applications table): its
# top and bottom arcs are single dark pixels (123 at row 2, 100 at row 10) with one inked
# neighbour each.
SCREENSHOT_ZERO = [
    [255, 254, 254, 255, 255, 255, 255, 254, 254],
    [254, 254, 255, 230, 158, 189, 255, 255, 254],
    [254, 255, 200, 123, 212, 146, 148, 243, 255],
    [255, 253, 91, 160, 252, 226, 77, 191, 252],
    [255, 210, 65, 202, 255, 255, 91, 140, 243],
    [255, 180, 66, 214, 255, 255, 112, 109, 235],
    [255, 167, 70, 223, 255, 255, 126, 99, 232],
    [255, 176, 66, 217, 255, 255, 115, 104, 235],
    [255, 203, 64, 208, 255, 255, 96, 131, 241],
    [255, 249, 70, 178, 255, 253, 67, 180, 251],
    [255, 255, 192, 100, 170, 112, 134, 236, 255],
    [254, 255, 252, 225, 206, 211, 239, 254, 255],
]


def test_the_thin_arcs_of_a_small_zero_are_no_specks():
    """The dark pixels of a small "0"'s arcs touch its strokes: they stay, while a lone speck in
    its hollow is still whitened (it made a "0" a "9")."""
    import numpy

    from gongkai.core.report.cell_crop import cell_crop

    grey = numpy.full((40, 40), 255.0, numpy.float32)
    zero = numpy.array(SCREENSHOT_ZERO, numpy.float32)
    grey[10:22, 10:19] = zero
    box = (4, 4, 30, 30)
    crop = cell_crop(grey, box, 255.0, 51.0)
    assert (crop < 153).sum() == (zero < 153).sum()  # every dark pixel of the arcs kept
    grey[16, 14] = 60.0  # a speck in the hollow, no inked neighbour
    crop = cell_crop(grey, box, 255.0, 51.0)
    assert (crop < 153).sum() == (zero < 153).sum()


def test_a_low_resolution_screenshot_is_read_whole():
    """A clean screenshot at 102 dpi (digits 11 pixels high): the arcs of every lone "0" were
    whitened as specks, 17 figures stayed unconfirmed and the table was refused."""
    report = random_report(random.Random(1))
    picture = table_image(report, "applications", random.Random(1), clean=True)
    result = _read_picture_of(report, "applications", picture)
    assert result.report.applications == report.applications
    assert not [f for f in result.findings if f.code in ("table.image", "cell.settled_by_sums")]


def _word_picture(seed: int, table: str) -> tuple:
    """The labelled set's Word report `seed` and the picture of `table` pasted in it."""
    from bench._report_corpus import AGENCIES
    from bench._report_shapes import table_pictures

    report = random_report(random.Random(seed), agency=AGENCIES[seed % len(AGENCIES)])
    return report, table_pictures(report, random.Random(f"{seed}-pictures"))[table]


@pytest.mark.parametrize("seed", [201, 203])
def test_a_low_resolution_scan_of_table_three_is_read_whole(seed):
    """Scans at about 128 dpi (digits 11-12 pixels high), refused before: a blurred "1" joined to
    the next digit, "14" and "44" read "4" by every Latin reading and taken (the ink now refutes
    a reading one digit short, chi_sim and each glyph read alone give the figure), a "43" read
    "8"; a scanner's speck beside a "34" made its cut too wide. In seed 201 three 总计 cells left
    unconfirmed share one column identity: each is settled by its row and checked by that
    column."""
    report, picture = _word_picture(seed, "applications")
    result = _read_picture_of(report, "applications", picture)
    assert result.report.applications == report.applications
    if seed == 201:
        assert "cell.settled_by_sum" in {f.code for f in result.findings}


@pytest.mark.parametrize("seed", [201, 203])
def test_a_clean_low_resolution_screenshot_of_table_four_is_read_whole(seed):
    """Clean screenshots of table 四 at about 100 dpi: the pale diagonal of a small "2" parts its
    bar from its arc at the darker level of ink; a speck test on rows of that level alone cut the
    bar off (the "2" then read as no figure, the table refused). Rows are parted by paper only
    where not even faint ink joins them."""
    report, picture = _word_picture(seed, "review_litigation")
    result = _read_picture_of(report, "review_litigation", picture)
    assert result.report.review_litigation == report.review_litigation


def test_a_speck_standing_apart_is_cut_off():
    """A dark speck a line's height beside a figure, or above it: the cut stays the figure's."""
    import numpy

    from gongkai.core.report.cell_crop import cell_crop

    grey = numpy.full((40, 80), 255.0, numpy.float32)
    zero = numpy.array(SCREENSHOT_ZERO, numpy.float32)
    grey[10:22, 10:19] = zero
    alone = cell_crop(grey, (4, 4, 76, 30), 255.0, 51.0)
    grey[18:20, 50:52] = 60.0  # 2 × 2 dark pixels, 31 pixels to the right
    crop = cell_crop(grey, (4, 4, 76, 30), 255.0, 51.0)
    assert crop.shape == alone.shape
    grey[6:8, 12:14] = 60.0  # 2 × 2 dark pixels above the figure, 3 rows of paper between
    crop = cell_crop(grey, (4, 4, 76, 30), 255.0, 51.0)
    assert crop.shape[1] == alone.shape[1] and abs(crop.shape[0] - alone.shape[0]) <= 1  # not 5 rows taller
    grey[12:20, 30:36] = 60.0  # a mark of 48 pixels is no speck: kept
    assert cell_crop(grey, (4, 4, 76, 30), 255.0, 51.0).shape[1] > alone.shape[1]
