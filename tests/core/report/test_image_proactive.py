"""The 主动公开 table published as a picture (issue 13): it has no 勾稽关系, so it is read only when
every reader gives every figure, the ink holds as many digits as the figure, and the grid and its
row labels are the national format's — else null with `table.image`, never a wrong figure."""

import random
from io import BytesIO

import pytest

from bench._report_corpus import AGENCIES, random_report
from bench._report_shapes import image_table_html, table_image
from gongkai.core.report import image_proactive
from gongkai.core.report.format import PROACTIVE_ROWS
from gongkai.core.report.image_grid import find_grid
from gongkai.core.report.image_proactive import Ink, format_rows, unanimous
from gongkai.core.report.read import read_report

SEED = 200  # a scan (161 dpi, JPEG) whose table 二 every reader reads alike


def test_the_format_shape_is_table_two_of_the_national_format():
    rows = format_rows()
    assert [[span for span, _ in row] for row in rows] == [[4], [1, 1, 1, 1], [1, 1, 1, 1], [1, 1, 1, 1]] + [
        [4],
        [1, 3],
        [1, 3],
        [4],
        [1, 3],
        [1, 3],
        [1, 3],
        [4],
        [1, 3],
        [1, 3],
    ]
    figures = [what for row in rows for _, what in row if what and "." in what]
    assert figures == [f"{row.id}.{column}" for row in PROACTIVE_ROWS for column in row.column_ids]


LATIN = ["196", "196", "196", "196", "196", "196", "196"]  # first look (2), second look (5)


@pytest.mark.parametrize(
    ("readings", "chinese", "fee", "expected"),
    [
        (LATIN, ["196", "196"], False, "196"),
        (LATIN, ["刀", "196"], False, "196"),  # a reading that is no figure says nothing
        (LATIN, ["190", "196"], False, None),  # chi_sim gives two figures
        (LATIN, ["刀", "也"], False, None),  # chi_sim gives none
        (["187", *LATIN[1:]], ["196", "196"], False, None),  # a first-look reading disagrees
        (["196", "196", "196", "196", "186", "", ""], ["196", "196"], False, None),  # two, and one against
        (["196", "196", "196", "196", "196", "186", ""], ["196", "196"], False, "196"),  # three, one against
        (["196", "196", "196", "196", "1966", "96", ""], ["196", "196"], False, "196"),  # lengths: the ink decides
        (["196", "196", "", "", "", "", ""], ["196", "196"], False, None),  # no second look confirms
        (["788", "788", "788", "788", "788", "", ""], ["7.88", "7.88"], True, "7.88"),  # the fee keeps its point
        (["788", "788", "788", "788", "788", "", ""], ["7.88", "78.8"], True, None),
        (["788", "788", "788", "788", "788", "", ""], ["7.88", ""], False, None),  # a point in a count
    ],
)
def test_a_figure_stands_only_when_every_reader_gives_it(readings, chinese, fee, expected):
    assert unanimous(readings, chinese, fee) == expected


WIDTHS = {"1": 4}  # every other digit 8 pixels wide; an advance of 10, digits 14 high


def _boxes(digits: str, start: int = 0) -> list[tuple[int, int, int, int]]:
    boxes = []
    for index, digit in enumerate(digits):
        width = WIDTHS.get(digit, 8)
        left = start + 10 * index + (10 - width) // 2
        boxes.append((left, left + width, 0, 14))
    return boxes


@pytest.fixture
def ink():
    figures = ["638", "25", "190", "47", "903"]
    return Ink([_boxes(f) for f in figures], figures)


def test_the_ink_measures_the_digits(ink):
    assert ink.advance == 10 and ink.height == 14 and ink.widths["1"] == 4


def test_a_digit_more_or_less_than_the_ink_holds_is_refused(ink):
    """The known case: two readings agreed on 6338 where the picture printed 638."""
    assert ink.fits("638", _boxes("638"))
    assert not ink.fits("6338", _boxes("638"))
    assert not ink.fits("68", _boxes("638"))
    touching = [(_boxes("638")[0][0], _boxes("638")[-1][1], 0, 14)]  # three digits run together
    assert ink.fits("638", touching) and not ink.fits("6338", touching) and not ink.fits("63", touching)
    assert ink.fits("11", _boxes("11")) and not ink.fits("111", _boxes("11"))


def test_a_speck_is_no_digit(ink):
    speck = (33, 36, 6, 9)  # beside the figure, a third of a digit high
    assert ink.fits("638", [*_boxes("638"), speck])
    assert not ink.fits("6381", [*_boxes("638"), speck])


def test_the_fee_point_stands_on_the_baseline(ink):
    point = (12, 14, 12, 14)
    boxes = [*_boxes("7"), point, *_boxes("88", start=16)]
    assert ink.fits_fee("7.88", boxes)
    assert not ink.fits_fee("78.8", boxes) and not ink.fits_fee("788", boxes)
    assert not ink.fits_fee("7.88", [*_boxes("7"), (12, 14, 2, 4), *_boxes("88", start=16)])  # not a point


def test_without_two_digits_apart_a_figure_of_two_digits_is_not_measured():
    ink = Ink([[(0, 20, 0, 14)]], ["25"])
    assert ink.advance is None and not ink.fits("25", [(0, 20, 0, 14)])


def _report(seed=SEED):
    return random_report(random.Random(seed), agency=AGENCIES[seed % len(AGENCIES)])


def _picture(report, seed=SEED) -> bytes:
    return table_image(report, "proactive", random.Random(f"{seed}-proactive"))


def _read(report, picture: bytes):
    import base64

    from bench._report_corpus import published_html
    from gongkai.core.report.render_html import table_html

    html = published_html(report).replace(
        table_html(report, "proactive"),
        f'<p><img src="data:image/png;base64,{base64.b64encode(picture).decode()}"></p>',
    )
    return read_report(html.encode(), "report.html")


def _null_with_image_finding(result):
    assert all(v is None for row in result.report.proactive.values() for v in row.values())
    assert "table.image" in {f.code for f in result.findings if f.where == "proactive"}


def test_a_pictured_proactive_table_is_read_exactly():
    """Before `image_proactive` the table was never taken from a picture (null, `table.image`)."""
    report = _report()
    result = read_report(image_table_html(report, "proactive", random.Random(f"{SEED}-proactive")).encode())
    assert result.report.proactive == report.proactive
    found = [f for f in result.findings if f.where == "proactive" and f.code == "table.ocr"]
    assert found and "没有勾稽关系" in found[0].message and "笔迹宽度" in found[0].message
    assert "table.image" not in {f.code for f in result.findings}


def _levelled(picture: bytes):
    """The picture levelled (its tilt undone, its lines kept) as an array, and its grid's rows."""
    import numpy

    grey, grid = find_grid(picture, whiten=False)
    return numpy.array(grey), [row for row in grid.rows if row]


def _png(array) -> bytes:
    import numpy
    from PIL import Image

    out = BytesIO()
    Image.fromarray(numpy.clip(array, 0, 255).astype(numpy.uint8)).save(out, "PNG")
    return out.getvalue()


def _figure_ink(grey, cell):
    """(left, top, right, bottom) of the figure's ink in a cell."""
    import numpy

    x0, y0, x1, y1 = cell.box
    dark = grey[y0 + 3 : y1 - 3, x0 + 3 : x1 - 3] < 128
    ys, xs = numpy.nonzero(dark)
    return x0 + 3 + xs.min(), y0 + 3 + ys.min(), x0 + 3 + xs.max() + 1, y0 + 3 + ys.max() + 1


def test_a_smudged_digit_gives_null():
    report = _report()
    grey, rows = _levelled(_picture(report))
    left, top, right, bottom = _figure_ink(grey, rows[2][1])  # 规章 / 本年制发件数
    middle = (left + right) // 2
    grey[top : bottom + 1, middle - 3 : middle + 4] = grey.min()  # a blot over the middle digit
    _null_with_image_finding(_read(report, _png(grey)))


def test_a_speck_beside_a_figure_never_becomes_a_digit():
    """A blot of ink half a digit high right of a figure: read exactly (the readers leave it) or
    null — never the figure with a digit more."""
    report = _report()
    grey, rows = _levelled(_picture(report))
    left, top, right, bottom = _figure_ink(grey, rows[3][2])  # 行政规范性文件 / 本年废止件数
    height = bottom - top
    grey[bottom - height // 2 : bottom, right + 3 : right + 3 + height // 3] = grey.min()
    result = _read(report, _png(grey))
    if result.report.proactive != report.proactive:
        _null_with_image_finding(result)


@pytest.mark.parametrize(
    "change",
    [
        lambda latin, chinese: (["198", *latin[1:]], chinese),  # one reading disagrees
        lambda latin, chinese: ([r + "6" if r else r for r in latin], [c + "6" for c in chinese]),  # 1966 by all
    ],
    ids=["one-reading-disagrees", "every-reading-adds-a-digit"],
)
def test_a_figure_the_readers_or_the_ink_do_not_confirm_gives_null(monkeypatch, change):
    """The first figure (196, three digits of ink) read otherwise by one reader, or read with a
    digit more by every reader (as two readings once gave 6338 for 638): the whole table null."""
    report = _report()
    picture = _picture(report)
    real = image_proactive.every_reading

    def changed(crops, paper, ink):
        latin, chinese = real(crops, paper, ink)
        latin[0], chinese[0] = change(latin[0], chinese[0])
        return latin, chinese

    monkeypatch.setattr(image_proactive, "every_reading", changed)
    assert report.proactive["rules"]["issued"] == 196
    _null_with_image_finding(_read(report, picture))


def test_a_picture_of_another_table_is_not_taken_for_table_two():
    report = _report()
    lines, figures, reason = image_proactive.proactive_lines(table_image(report, "review_litigation"))
    assert lines is None and not figures and "统一格式" in reason
