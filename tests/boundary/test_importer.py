"""The one importer: header mapping, every row through the form, every problem named, all or nothing.

Hypothesis feeds it random headers, cells, encodings and sizes: the answer is always either the
cleaned rows (every non-blank row, valid) or `ImportRefused` with Chinese problems — never
another exception."""

from __future__ import annotations

import io

import openpyxl
import pytest
from django import forms
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from gongkai.boundary.forms import CleanForm
from gongkai.boundary.import_fields import CellDateField, LabelChoiceField
from gongkai.boundary.importer import Column, ImportRefused, ImportSpec, Problem, Sheet, read_import, template_xlsx
from gongkai.core.refusal import Refused
from gongkai.core.text import xml_safe
from tests.robustness.strategies import HOSTILE, ODD_DIGITS


class _RowForm(CleanForm):
    title = forms.CharField(label="名称", max_length=20)
    on = CellDateField(label="日期", required=False)
    count = forms.IntegerField(label="件数", required=False, min_value=0)
    kind = LabelChoiceField(label="类别", choices=[("a", "甲"), ("b", "乙")], empty="a", required=False)

    def clean(self):
        data = super().clean()
        if data.get("title") == "禁止":
            self.add_error(None, "该名称不可用")
        return data


COLUMNS = (
    Column("名称", "title", required=True, variants=("标题",)),
    Column("日期", "on"),
    Column("件数", "count"),
    Column("类别", "kind"),
)
SPEC = ImportSpec(kind="catalog_import", formats=("xlsx", "csv"), sheets=(Sheet(_RowForm, COLUMNS, unique=("title",)),))
STRICT = ImportSpec(kind="statistics_import", sheets=(Sheet(_RowForm, COLUMNS, refuse_unknown=True),))


def _xlsx(rows) -> bytes:
    book = openpyxl.Workbook()
    for row in rows:
        book.active.append(row)
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


def _csv(rows, encoding="utf-8-sig") -> bytes:
    return "\n".join(",".join(row) for row in rows).encode(encoding)


def test_rows_are_cleaned_through_the_form():
    data = _csv(
        [["标题", "日期", "类别", "别的列"], ["公告", "2024/03/01", "乙", "x"], ["", "", "", ""], ["通知", "", "", ""]]
    )
    rows = read_import(SPEC, "a.csv", data).rows()
    assert [(r.line, r.data["title"], r.data["on"], r.data["kind"]) for r in rows] == [
        (2, "公告", __import__("datetime").date(2024, 3, 1), "b"),
        (4, "通知", None, "a"),
    ]


def test_every_problem_is_named_by_row_and_column_and_nothing_is_returned():
    data = _xlsx(
        [
            ["名称", "日期", "件数", "类别"],
            ["公告", "2024-13-01", "１２", "丙"],
            ["长" * 21, None, -1, None],
            ["禁止", None, None, None],
            ["公告", None, None, None],
            [None, "2024-01-01", None, None],
        ]
    )
    with pytest.raises(ImportRefused) as refused:
        read_import(SPEC, "a.xlsx", data)
    assert refused.value.lines == [
        "第2行「日期」：不是有效日期：2024-13-01（应为YYYY-MM-DD）",
        "第2行「件数」：应为由0–9组成的整数",
        "第2行「类别」：“丙”不在允许的选项中（应为甲、乙之一）",
        "第3行「名称」：应不超过20字（当前21字）",
        "第3行「件数」：确保该值大于或等于0。",
        "第4行：该名称不可用",
        "第5行「名称」：“公告”与第2行重复",
        "第6行「名称」：不能为空",
    ]
    assert isinstance(refused.value, Refused) and refused.value.message == "导入失败，共8处问题，未导入任何数据"


def test_a_file_of_many_bad_rows_lists_the_first_problems_and_how_many_more():
    rows = [["名称", "件数"]] + [[f"项{i}", "-1"] for i in range(ImportRefused.SHOWN + 40)]
    with pytest.raises(ImportRefused) as refused:
        read_import(SPEC, "a.csv", _csv(rows))
    lines = refused.value.lines
    assert len(refused.value.problems) == ImportRefused.SHOWN + 40
    assert len(lines) == ImportRefused.SHOWN + 1 and lines[0].startswith("第2行「件数」")
    assert lines[-1] == "另有40处问题未列出，请先修改以上问题后重新导入"


def test_headers_missing_repeated_or_unknown():
    with pytest.raises(ImportRefused) as refused:
        read_import(SPEC, "a.csv", _csv([["日期", "日期"], ["2024-01-01", "2024-01-02"]]))
    assert refused.value.lines == ["缺少列：名称", "列“日期”出现了不止一次"]
    with pytest.raises(ImportRefused) as refused:
        read_import(STRICT, "a.xlsx", _xlsx([["名称", "说明"], ["公告", "x"]]))
    assert refused.value.lines == ["无法识别的列：说明"]
    with pytest.raises(ImportRefused, match="文件中没有数据行"):
        read_import(SPEC, "a.csv", _csv([["名称"], [""]]))
    with pytest.raises(ImportRefused, match="缺少表头"):
        read_import(SPEC, "a.csv", _csv([[""], ["公告"]]))


def test_file_level_refusals_are_one_problem():
    with pytest.raises(ImportRefused) as refused:
        read_import(SPEC, "a.xlsx", b"PK\x03\x04junk")
    assert len(refused.value.problems) == 1 and refused.value.problems[0].row == 0
    assert refused.value.message.startswith("未导入任何数据：")


def test_the_template_is_read_back_as_the_headers():
    data = template_xlsx(SPEC)
    sheet = openpyxl.load_workbook(io.BytesIO(data)).active
    assert [c.value for c in sheet[1]] == ["名称", "日期", "件数", "类别"]
    with pytest.raises(ImportRefused, match="文件中没有数据行"):
        read_import(SPEC, "模板.xlsx", data)


def test_a_spec_must_match_its_form():
    with pytest.raises(ValueError):
        Sheet(_RowForm, (Column("标题", "title"),))  # the form's label is 名称
    with pytest.raises(ValueError):
        Sheet(_RowForm, (Column("x", "missing"),))


def test_problem_wording():
    assert str(Problem(3, "缺少事件或日期", sheet="期限事件")) == "工作表“期限事件”第3行：缺少事件或日期"
    assert str(Problem(0, "缺少列：名称")) == "缺少列：名称"


CELL = st.one_of(
    st.text(max_size=30),
    st.sampled_from(HOSTILE + ODD_DIGITS + ["公告", "2024-03-01", "甲", "乙", "禁止", "长" * 30]),
    st.integers(min_value=-5, max_value=10**6).map(str),
    st.just(""),
)
HEADER = st.one_of(st.sampled_from(["名称", "标题", "日期", "件数", "类别", "名称*", " 日期 "]), st.text(max_size=8))


def _chinese(text: str) -> bool:
    return any("\u4e00" <= ch <= "\u9fff" for ch in text)


@settings(max_examples=150, deadline=None, suppress_health_check=list(HealthCheck))
@given(
    headers=st.lists(HEADER, min_size=0, max_size=6),
    rows=st.lists(st.lists(CELL, max_size=7), max_size=12),
    how=st.sampled_from(["xlsx", "utf-8", "utf-8-sig", "gb18030", "junk"]),
)
def test_random_files_give_all_rows_or_a_chinese_refusal(headers, rows, how):
    if how == "xlsx":
        safe = xml_safe  # openpyxl itself refuses to write what XML forbids
        name, data = "a.xlsx", _xlsx([[safe(h) for h in headers]] + [[safe(c) for c in row] for row in rows])
    elif how == "junk":
        name, data = "a.csv", bytes(ord(ch) % 256 for ch in "".join(headers + sum(rows, []))) or b"\xff"
    else:
        import csv

        out = io.StringIO()
        csv.writer(out).writerows([headers] + rows)
        try:
            name, data = "a.csv", out.getvalue().encode(how)
        except UnicodeEncodeError:
            name, data = "a.csv", out.getvalue().encode("utf-8", "surrogatepass")
    try:
        imported = read_import(SPEC, name, data)
    except ImportRefused as refused:
        assert refused.problems and all(_chinese(line) for line in refused.lines), refused.lines
        assert _chinese(refused.message)
        return
    rows_read = imported.all_rows()
    assert rows_read and all(r.ok for r in rows_read)
    for row in rows_read:
        title = row.data["title"]
        assert title and len(title) <= 20 and all(ch >= " " for ch in title)
        assert row.data["kind"] in ("a", "b")
