"""OFD (GB/T 33190): read(ofd(render(report))) gives every figure exactly, or null with a finding;
the container is held to the archive limits and its XML parsed without DTDs or entities."""

import io
import random
import zipfile

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from bench._report_corpus import random_report
from bench._report_ofd import report_ofd
from gongkai.core.report.read import read_report, sniff
from gongkai.core.report.read_ofd import read_ofd
from gongkai.core.report.read_positioned import positioned_lines
from gongkai.core.report.tokens import EMPTY_CELL as E
from gongkai.core.report.tokens import EMPTY_ROW as R
from gongkai.core.report.tokens import tokenize, tokenize_line
from tests.core.report.test_degraded_roundtrip import assert_never_wrong, tables

seeds = st.integers(min_value=0, max_value=2**32)
FAST = settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.too_slow])


@FAST
@given(seeds, st.sampled_from(["centre", "right"]))
def test_ofd_reads_back_exactly(seed, figures):
    report = random_report(random.Random(seed))
    assert_never_wrong(report, report_ofd(report, figures=figures), exact=True)


@FAST
@given(seeds, st.sampled_from(["centre", "right"]))
def test_ofd_with_zero_cells_printed_empty_is_exact_or_null(seed, figures):
    """Zero cells printed empty: each figure is placed in its column by position, the empty
    cells are blanks (0 only where a 勾稽关系 proves it), never a figure in the wrong column."""
    report = random_report(random.Random(seed))
    assert_never_wrong(report, report_ofd(report, blank_zeros=True, figures=figures))


def test_ofd_is_recognised_by_content_and_by_name():
    report = random_report(random.Random(3))
    data = report_ofd(report)
    assert sniff(data) == "ofd"
    assert tables(read_report(data, "").report.to_json()) == tables(report.to_json())
    broken = b"PK\x03\x04 not really a zip"
    codes = {f.code for f in read_report(broken, "年报.ofd").findings}
    assert codes == {"input.unreadable"}


def _rezip(data: bytes, change) -> bytes:
    source = zipfile.ZipFile(io.BytesIO(data))
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as archive:
        for info in source.infolist():
            content = change(info.filename, source.read(info))
            if content is not None:
                archive.writestr(info.filename, content)
        extra = change("", b"")
        if extra:
            archive.writestr("Doc_0/Res/padding.bin", extra)
    return out.getvalue()


def _message(data: bytes) -> str:
    result = read_report(data, "bomb.ofd")
    assert result.report is None
    assert [f.code for f in result.findings] == ["input.unreadable"]
    return result.findings[0].message


def test_ofd_zip_bomb_is_refused_before_inflating():
    data = report_ofd(random_report(random.Random(4)))
    bomb = _rezip(data, lambda name, content: b"\0" * (40 * 1024 * 1024) if name == "" else content)
    assert "压缩炸弹" in _message(bomb)


def test_ofd_with_entities_is_refused():
    laughs = (
        '<?xml version="1.0"?><!DOCTYPE lolz [<!ENTITY lol "lol">'
        + "".join(f'<!ENTITY lol{i} "{"&lol{};".format(i - 1 if i > 1 else "") * 10}">' for i in range(1, 9))
        + ']><ofd:Page xmlns:ofd="http://www.ofdspec.org/2016"><ofd:Content><ofd:Layer ID="1">'
        + '<ofd:TextObject ID="2" Boundary="10 10 100 5" Font="2" Size="3"><ofd:TextCode X="0" Y="3">&lol8;'
        + "</ofd:TextCode></ofd:TextObject></ofd:Layer></ofd:Content></ofd:Page>"
    ).encode()
    data = report_ofd(random_report(random.Random(5)))
    evil = _rezip(data, lambda name, content: laughs if name.endswith("Page_0/Content.xml") else content)
    assert "DTD" in _message(evil)


def test_ofd_without_a_text_layer_or_pages_is_unreadable():
    data = report_ofd(random_report(random.Random(6)))
    no_text = _rezip(
        data,
        lambda name, content: (
            b'<ofd:Page xmlns:ofd="http://www.ofdspec.org/2016"><ofd:Content/></ofd:Page>'
            if "/Pages/" in name
            else content
        ),
    )
    assert "文字层" in _message(no_text)
    no_root = _rezip(data, lambda name, content: None if name == "OFD.xml" else content)
    assert "损坏" in _message(no_root)


class _Run:
    def __init__(self, text, x, y=10.0, size=2.0):
        self.text, self.x, self.y, self.size = text, x, y, size
        self.width = size * len(text) if not text.isdigit() else size * 0.5 * len(text)


def test_a_row_with_empty_cells_keeps_its_figures_in_their_columns():
    runs = [_Run("标签甲", 0), _Run("1", 30), _Run("2", 40), _Run("3", 50)]
    runs += [_Run("标签乙", 0, 14), _Run("7", 40, 14)]
    assert positioned_lines(runs) == ["标签甲 | 1 | 2 | 3", f"标签乙 | {E} | 7 | {E}"]
    assert [t.kind for t in tokenize_line(positioned_lines(runs)[1])] == ["label", "blank", "value", "blank"]


def test_a_row_whose_cells_are_all_printed_empty_is_marked_so():
    """A row of labels only between rows of figures (zeros left blank) ends with the empty-row
    mark; so does one at the foot of a page, the table going on over the page; a page number is
    never marked."""
    runs = [_Run("标签甲", 0), _Run("1", 30), _Run("2", 40)]
    runs += [
        _Run("标签乙", 0, 14),
        _Run("标签丙", 0, 18),
        _Run("5", 40, 18),
        _Run("标签丁", 0, 22),
        _Run("-3-", 20, 26),
    ]
    assert positioned_lines(runs) == ["标签甲 | 1 | 2", f"标签乙 | {R}", f"标签丙 | {E} | 5", f"标签丁 | {R}", "-3-"]
    assert [t.kind for t in tokenize_line(f"标签乙 | {R}")] == ["label", "blank"]
    next_page = [_Run("标签戊", 0, 10), _Run("标签己", 0, 14), _Run("6", 30, 14), _Run("7", 40, 14)]
    assert positioned_lines(next_page) == [f"标签戊 | {R}", "标签己 | 6 | 7"]  # the page opens inside the table
    headed = [_Run("项目", 0, 6), _Run("甲列", 28, 6), _Run("乙列", 38, 6), _Run("丙列", 48, 6), _Run("丁列", 58, 6)]
    headed += [_Run("标签庚", 0, 10), _Run("1", 30), _Run("2", 40)]
    assert positioned_lines(headed)[0] == "项目 | 甲列 | 乙列 | 丙列 | 丁列"  # a table opening the page


def test_a_lone_row_takes_its_columns_from_the_headers_above():
    """The first row of a table at the foot of a page shows 2 figures of 3 columns: the leaf
    headers (the label column's header left out) place them, its middle cell empty."""
    runs = [_Run("项目", 0, 6), _Run("甲列", 28, 6), _Run("乙列", 38, 6), _Run("丙列", 48, 6)]
    runs += [_Run("标签甲", 0, 10), _Run("1", 30), _Run("2", 50)]
    assert positioned_lines(runs)[-1] == f"标签甲 | 1 | {E} | 2"


def test_figures_that_do_not_form_columns_are_left_to_the_aligner():
    runs = [_Run("标签甲", 0), _Run("1", 30), _Run("2", 33)]
    runs += [_Run("标签乙", 0, 14), _Run("12345", 29, 14)]  # spans both columns above
    assert positioned_lines(runs) == ["标签甲 | 1 | 2", "标签乙 | 12345"]


def test_a_row_printed_empty_never_takes_the_figures_of_the_row_above():
    """Seeds hypothesis found: 行政许可 printed with its figure in a wider grid, then 行政处罚 with its
    cell empty — the figure of 行政许可 was placed in 行政处罚 (a wrong number). A row label printed
    right after another row's figures and followed by a label is a row of empty cells."""
    for seed in (31, 240, 319, 365):
        report = random_report(random.Random(seed))
        assert_never_wrong(report, report_ofd(report, blank_zeros=True, figures="centre"))


def test_a_label_wrapped_in_its_cell_is_joined_and_keeps_its_row():
    """A label "（一）本机关 / 认为申请信息 / 不存在" over three lines, its figures on the middle line; the
    next row's label on one line a row below: one row each, figures with their own label."""
    runs = [_Run("（一）本机关", 0, 10), _Run("认为申请信息", 0, 12.6), _Run("1", 30, 12.6), _Run("2", 40, 12.6)]
    runs += [_Run("不存在", 0, 15.2), _Run("（二）其他", 0, 20.0), _Run("3", 40, 20.0)]
    assert positioned_lines(runs) == ["（一）本机关认为申请信息不存在 | 1 | 2", f"（二）其他 | {E} | 3"]


def test_figures_between_the_two_lines_of_a_label_join_its_row():
    """A two-line label ("规范性 / 文件") with its figures centred between the lines."""
    runs = [_Run("规范性", 0, 10), _Run("7", 30, 11.3), _Run("8", 40, 11.3), _Run("文件", 0, 12.6)]
    runs += [_Run("规章", 0, 18), _Run("5", 30, 18), _Run("6", 40, 18)]
    assert positioned_lines(runs) == ["规范性文件 | 7 | 8", "规章 | 5 | 6"]


def test_a_cell_spanning_rows_keeps_the_figures_on_their_rows():
    """A label spanning two rows ("（三）不予 / 公开") printed between them: its text is joined onto
    the row its last line stands on; two close rows whose labels align are never joined."""
    runs = [_Run("甲", 12, 10), _Run("1", 30, 10), _Run("（三）不予", 0, 11.5), _Run("公开", 0, 14.1)]
    runs += [_Run("乙", 12, 15), _Run("2", 30, 15)]
    assert positioned_lines(runs) == ["甲 | 1", "（三）不予公开 | 乙 | 2"]
    close = [_Run("丙", 0, 10), _Run("1", 30, 10), _Run("丁", 0, 12.6), _Run("2", 30, 12.6)]
    assert positioned_lines(close) == ["丙 | 1", "丁 | 2"]


def _png_header(width: int, height: int) -> bytes:
    """A PNG that declares `width` × `height` pixels and holds almost none (a decompression bomb's
    header): only its size is ever looked at."""
    import struct
    import zlib

    def chunk(kind: bytes, body: bytes) -> bytes:
        return struct.pack(">I", len(body)) + kind + body + struct.pack(">I", zlib.crc32(kind + body))

    header = struct.pack(">IIBBBBB", width, height, 8, 0, 0, 0, 0)
    return (
        b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", header) + chunk(b"IDAT", zlib.compress(b"\0" * 64)) + chunk(b"IEND", b"")
    )


def _scan_codes(pictures):
    from bench._report_ofd import scanned_ofd

    result = read_report(scanned_ofd(pictures), "scan.ofd")
    return result, " ".join(f.message for f in result.findings)


def test_a_scanned_ofd_with_huge_or_broken_pictures_is_refused_before_decoding():
    """Pictures over 40 Mpx (by their header: 7000 × 7000, and 60000 × 60000, past Pillow's own
    bomb limit) and pictures that do not decode are left out with `input.picture`; with none left
    the file is unreadable and says why."""
    for picture in (_png_header(7000, 7000), _png_header(60000, 60000)):
        result, messages = _scan_codes([picture])
        assert result.report is None
        assert {f.code for f in result.findings} == {"input.unreadable", "input.picture"}
        assert "过大" in messages
    broken = b"\xff\xd8\xff\xe0" + b"\x00\x10JFIF" + bytes(range(256)) * 4
    result, messages = _scan_codes([broken, _png_header(64, 64)[:40]])
    assert result.report is None and "已损坏" in messages


def test_a_scanned_ofd_without_a_report_says_so():
    """An OFD of pictures holding no annual report (a page of text, a blank page): unreadable with
    the reason, no crash."""
    from io import BytesIO

    from PIL import Image

    from bench._report_shapes import scan_picture

    blank = BytesIO()
    Image.new("L", (800, 600), 255).save(blank, "PNG")
    letter = scan_picture("<p>关于召开会议的通知。请各单位按时参加。</p>", random.Random(1), page_wide=True)
    result, messages = _scan_codes([blank.getvalue(), letter])
    assert result.report is None
    assert [f.code for f in result.findings][:1] == ["input.unreadable"]
    assert "没有文字层" in messages and "没有可识别的年度报告" in messages


def test_a_broken_picture_among_good_ones_is_left_out_with_a_finding():
    from bench._report_shapes import report_pictures

    report = random_report(random.Random(2))
    result, messages = _scan_codes([*report_pictures(report, random.Random(2)), _png_header(9000, 9000)])
    assert result.report is not None
    assert "input.picture" in {f.code for f in result.findings} and "过大" in messages
    truth = report.to_json()
    for table in ("applications", "review_litigation"):
        read = result.report.to_json()[table]
        assert read == truth[table] or all(v is None for row in read.values() for v in row.values())


def test_a_row_printed_empty_gets_a_blank_in_each_of_its_columns_and_nothing_else_does():
    """The empty-row mark stands for one blank per column of the row its label names, when the
    next label names a row (or the table ends); after a group heading, or a label's first line
    whose figures follow under the rest of it, it stands for nothing."""
    from gongkai.core.report.read_lines import APPLICATION_SLOTS
    from gongkai.core.report.slots import expand_empty_rows

    def kinds(lines):
        return [(t.kind, t.text) for t in expand_empty_rows(tokenize(lines), APPLICATION_SLOTS)]

    blank, row = ("blank", ""), ("label", "4.保护第三方合法权益")
    assert kinds([f"3.危及“三安全一稳定” | {R}", "4.保护第三方合法权益 | 1"]) == [
        ("label", "3.危及“三安全一稳定”"),
        *[blank] * 7,
        row,
        ("value", "1"),
    ]
    assert kinds([f"（七）总计 | {R}"]) == [("label", "（七）总计"), *[blank] * 7]
    assert kinds([f"（三）不予公开 | {R}", "1.属于国家秘密 | 1"])[:2] == [
        ("label", "（三）不予公开"),
        ("label", "1.属于国家秘密"),
    ]
    wrapped = [f"2.申请人逾期未按收费通知要求缴纳 | {R}", "费用、行政机关不再处理 | 1 | 2"]
    assert ("blank", "") not in kinds(wrapped)


def test_every_zero_printed_empty_in_an_ofd_is_read_where_the_table_proves_it():
    """Rows printed wholly empty (at the foot of a page too), a table 四 whose first cell is empty
    and a table 三 whose first row stands alone at the foot of a page: every figure read, the
    empty cells proven 0 by the tables' arithmetic (before: rows missing, 四 misaligned)."""
    from gongkai.core.report.read_score import score
    from tests.core.report.test_read_labelled import LABELS, SHAPES

    for name in ("1-ofd-blank-zeros.ofd", "1-ofd-blank-zeros-wrapped.ofd", "2-ofd-blank-zeros.ofd"):
        result = read_ofd((SHAPES / name).read_bytes(), name)
        findings = [f.to_json() for f in result.findings]
        measured, wrong = score(result.report.to_json(), LABELS[name]["report"], findings)
        assert wrong == [] and measured.share == 1.0, (name, findings)
