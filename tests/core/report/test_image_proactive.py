"""The 主动公开 table published as a picture (issue 13): it has no 勾稽关系, so it is read only when
every reader gives every figure, the ink holds as many digits as the figure, and the grid and its
row labels are the national format's — else null with `table.image`, never a wrong figure."""

import random
from io import BytesIO

import pytest

from bench._report_corpus import AGENCIES, random_report
from bench._report_shapes import image_table_html, table_image
from gongkai.core.report import image_proactive
from gongkai.core.report.digit_ink import Ink
from gongkai.core.report.format import PROACTIVE_ROWS
from gongkai.core.report.image_grid import find_grid
from gongkai.core.report.image_proactive import format_rows, labels_match, unanimous
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
        # chi_sim reads a thin "1" as "]": "]47" is 47 or 147 and says nothing for 147 ...
        (["147"] * 7, ["]47", "147"], False, "147"),
        (["147"] * 7, ["]47", "]47"], False, None),  # ... nor gives it
        (["147"] * 7, ["47", "147"], False, "147"),  # a digit dropped: the ink counts the digits
        (["54"] * 7, ["5", "54"], False, "54"),
        (["54"] * 7, ["5", "5"], False, None),  # but chi_sim must give the figure once
        (["147"] * 7, ["]47", "]48"], False, None),  # 47 or 147, 48 or 148: none gives it
        (["47"] * 7, ["]47", "47"], False, "47"),  # a ruling line's remnant before 47
        # two misreads of the same length among five: the figure has 7 readings for, 2 against
        (["315", "315", "315", "345", "315", "315", "315", "315", "313"], ["3.15", "3.15"], True, "3.15"),
        (["315", "315", "315", "345", "315", "313", "", "", ""], ["3.15", "3.15"], True, None),  # 4 for
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


def test_a_pale_fee_point_needs_the_room_of_a_point(ink):
    """A clean screenshot at about 100 dpi prints the point as a pale grey dot, no glyph: the
    step from the digit before it to the next is 1.3-1.8 advances, and one pale mark stands
    low in that gap."""
    whole, fraction = _boxes("48"), _boxes("87", start=25)  # a step of 1.5 advances: room for a point
    pale = [(21, 23, 11, 14)]
    assert ink.fits_fee("48.87", whole + fraction, pale)
    assert not ink.fits_fee("48.87", whole + fraction, [])  # no mark at all
    assert not ink.fits_fee("48.87", whole + fraction, [(21, 23, 1, 4)])  # a mark at the top
    assert not ink.fits_fee("4.887", whole + fraction, pale)  # the mark is not after the first digit
    hidden_digit = _boxes("48") + _boxes("87", start=30)  # two advances: a digit's room, no point's
    assert not ink.fits_fee("48.87", hidden_digit, [(23, 25, 11, 14)])
    no_room = _boxes("4887")  # digits one advance apart: "4887" printed without a point
    assert not ink.fits_fee("48.87", no_room, [(19, 21, 11, 14)])


def test_digits_apart_only_at_a_darker_level_measure_the_advance():
    """A clean screenshot's anti-aliased digits touch at the light level of ink; where they
    stand apart at the darker one, they give the table its advance."""
    touching = [[(0, 28, 0, 14)], [(0, 18, 0, 14)]]
    apart = [_boxes("638"), _boxes("25")]
    assert Ink(touching, ["638", "25"]).advance is None
    ink = Ink(touching, ["638", "25"], apart)
    assert ink.advance == 10 and ink.fits("638", touching[0]) and not ink.fits("63", touching[0])


def test_one_row_label_may_be_unread_but_none_may_name_another_row():
    rows = [row.id for row in PROACTIVE_ROWS]
    labels = [row.label for row in PROACTIVE_ROWS]
    assert labels_match([labels, labels], rows)
    one_unread = ["规划", *labels[1:]]  # chi_sim reads 规章 as 规划 now and then
    assert labels_match([one_unread, one_unread], rows)
    two_unread = ["规划", "行政", *labels[2:]]
    assert not labels_match([two_unread, two_unread], rows)
    swapped = [labels[2], *labels[1:]]  # the first row's label names another row
    assert not labels_match([swapped, labels], rows)


@pytest.mark.parametrize(
    "seed",
    [
        201,  # the fee's point a pale dot (48.87)
        202,  # chi_sim reads 147 as "]47"; the fee 3.15 read 345 and 313 once each
        205,  # 规章 read 规划 at both sizes
    ],
)
def test_a_clean_low_resolution_screenshot_of_table_two_is_read_exactly(seed):
    """The labelled set's Word reports with pasted table pictures: clean screenshots of table 二
    at 97-105 dpi were refused whole (5 of 6)."""
    from bench._report_shapes import table_pictures

    report = _report(seed)
    result = _read(report, table_pictures(report, random.Random(f"{seed}-pictures"))["proactive"])
    assert result.report.proactive == report.proactive
    assert "table.ocr" in {f.code for f in result.findings if f.where == "proactive"}


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
