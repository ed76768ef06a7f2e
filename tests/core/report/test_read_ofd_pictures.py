"""An OFD that mixes a text layer with table pictures (issue 13: a Word report with pasted table
pictures exported to OFD): the narrative and headings are text runs, the tables ImageObjects.
Each picture is read where it stands among the text lines, a figure exact or null with
`table.image` — never a wrong number."""

import random
import unicodedata
from types import SimpleNamespace

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from bench._report_corpus import random_report
from bench._report_ofd import report_ofd, scanned_ofd
from bench._report_shapes import table_image, table_pictures
from gongkai.core.report.ofd_pictures import MAX_PICTURES, placed_pictures
from gongkai.core.report.read import read_report
from gongkai.core.report.read_image import MARKER
from gongkai.core.report.read_ofd import banded_lines
from tests.core.report.pictured import empty, exact_or_null

IMAGE = settings(max_examples=3, deadline=None, suppress_health_check=[HealthCheck.too_slow])
TABLES = ("proactive", "applications", "review_litigation")


def _png(width: int, height: int) -> bytes:
    """A blank 1-bit PNG (a few bytes even when its header declares millions of pixels)."""
    from io import BytesIO

    from PIL import Image

    out = BytesIO()
    Image.new("1", (width, height), 1).save(out, "PNG")
    return out.getvalue()


def _same_text(read: str, written: str) -> bool:
    return unicodedata.normalize("NFKC", read) == unicodedata.normalize("NFKC", written)


def test_table_pictures_in_a_text_ofd_are_read_where_they_stand():
    """Tables 三 and 四 pictures among the text: read cell by cell (before, only the text layer
    was read and both tables were missing); table 二 (text) and the narrative read as ever."""
    report = random_report(random.Random(3))
    pictures = {t: table_image(report, t, random.Random(3 + n)) for n, t in enumerate(TABLES) if n}
    result = read_report(report_ofd(report, pictures=pictures), "report.ofd")
    assert exact_or_null(result, report, pictures) >= 1
    assert "table.ocr" in {f.code for f in result.findings}
    assert result.report.proactive == report.proactive
    assert _same_text(result.report.sections["overview"], report.sections["overview"])


@IMAGE
@given(st.integers(min_value=0, max_value=10_000))
def test_an_ofd_with_every_table_a_picture_isexact_or_null(seed):
    """Each table a scan or a clean screenshot (by seed): exact or null with `table.image`, never
    missing and never wrong; 主动公开 (no 勾稽关系) too, when every reader gives every figure and
    the ink holds its digits (`image_proactive`)."""
    report = random_report(random.Random(seed))
    pictures = table_pictures(report, random.Random(seed))
    result = read_report(report_ofd(report, pictures=pictures), "report.ofd")
    exact_or_null(result, report, TABLES)
    assert _same_text(result.report.sections["overview"], report.sections["overview"])


def test_a_marker_stands_where_the_picture_stands_among_the_lines():
    def run(text, y):
        return SimpleNamespace(text=text, x=20.0, y=y, size=3.5, width=3.5 * len(text))

    page = (297.0, [run("三、收到和处理政府信息公开申请情况", 30), run("四、行政复议", 90), run("正文", 150)])
    placed = [[(40.0, 80.0, b"one"), (100.0, 140.0, None)]]
    lines, contents = banded_lines([page], placed)
    assert lines == ["三、收到和处理政府信息公开申请情况", MARKER.format(1), "四、行政复议", MARKER.format(2), "正文"]
    assert contents == [b"one", None]


def test_a_huge_or_broken_picture_in_a_text_ofd_is_left_out_with_a_finding():
    """A picture over 40 Mpx (its header says so) and one that does not decode: left out with
    `input.picture` (before decoding), their tables missing — the rest of the report read."""
    report = random_report(random.Random(2))
    broken = b"\xff\xd8\xff\xe0" + b"\x00\x10JFIF" + bytes(range(256)) * 4
    pictures = {"applications": _png(7000, 7000), "review_litigation": broken}
    result = read_report(report_ofd(report, pictures=pictures), "report.ofd")
    assert result.report is not None
    messages = " ".join(f.message for f in result.findings if f.code == "input.picture")
    assert "过大" in messages and "已损坏" in messages
    codes = {f.code for f in result.findings}
    assert {"missing.table.applications", "missing.table.review_litigation"} <= codes
    assert empty(result.report.to_json()["applications"])
    assert result.report.proactive == report.proactive


def test_pictures_past_the_limit_are_not_read():
    """The first `MAX_PICTURES` pictures are read; those after them only counted (None)."""
    tiny = _png(8, 8)
    placed = placed_pictures(scanned_ofd([tiny] * (MAX_PICTURES + 3)))
    contents = [content for page in placed for _, _, content in page]
    assert len(contents) == MAX_PICTURES + 3
    assert contents[:MAX_PICTURES] == [tiny] * MAX_PICTURES and contents[MAX_PICTURES:] == [None] * 3


def test_narrow_pictures_are_not_taken_for_tables():
    """A picture narrower than `min_width` (a seal, a logo) is not placed among the lines."""
    data = scanned_ofd([_png(100, 100)])  # 12.7 mm wide at 200 dpi
    assert [len(page) for page in placed_pictures(data, min_width=50.0)] == [0]
    assert [len(page) for page in placed_pictures(data)] == [1]
