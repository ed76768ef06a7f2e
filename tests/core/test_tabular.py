"""The pure half of the importer: cells as text, CSV encodings and caps, header mapping."""

from __future__ import annotations

import io
from datetime import date, datetime
from decimal import Decimal

import openpyxl
import pytest
from hypothesis import given
from hypothesis import strategies as st

from gongkai.core.archive_limits import KINDS, UploadRefused
from gongkai.core.tabular import Column, cell_text, header_key, map_headers, read_tables

COLUMNS = (
    Column("名称", "title", required=True, variants=("标题",)),
    Column("行政事业性收费（万元）", "fees", required=True),
    Column("备注", "note"),
)


def _xlsx(rows, title="Sheet") -> bytes:
    book = openpyxl.Workbook()
    book.active.title = title
    for row in rows:
        book.active.append(row)
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


@pytest.mark.parametrize(
    "value,text",
    [
        (None, ""),
        (datetime(2024, 3, 1, 10, 30), "2024-03-01"),
        (date(2024, 3, 1), "2024-03-01"),
        (5.0, "5"),
        (0.5, "0.5"),
        (7, "7"),
        (Decimal("1.2300"), "1.2300"),
        (float("nan"), ""),
        ("=1+1", "=1+1"),
    ],
)
def test_cells_become_text(value, text):
    assert cell_text(value) == text


@pytest.mark.parametrize("encoding", ["utf-8", "utf-8-sig", "gb18030"])
def test_csv_in_every_encoding_excel_writes(encoding):
    data = "名称,备注\n公告,第一条\n".encode(encoding)
    assert read_tables("catalog_import", "a.csv", data, formats=("xlsx", "csv")) == {
        "": [["名称", "备注"], ["公告", "第一条"]]
    }


def test_csv_undecodable_refused_in_chinese():
    with pytest.raises(UploadRefused, match="编码无法识别"):
        read_tables("catalog_import", "a.csv", b"\xff\xfe\xff\x80\x81", formats=("xlsx", "csv"))


def test_csv_row_cap_and_malformed_line():
    rows = KINDS["catalog_import"].max_rows + 2
    with pytest.raises(UploadRefused, match="超过20000行"):
        read_tables("catalog_import", "a.csv", b"a\n" * rows, formats=("xlsx", "csv"))
    with pytest.raises(UploadRefused, match="第2行：CSV格式错误"):
        read_tables("catalog_import", "a.csv", b'a\n"' + b"x" * 200_000 + b'"\n', formats=("xlsx", "csv"))


def test_formats_and_formulas():
    with pytest.raises(UploadRefused, match=r"须为 \.xlsx 或 \.csv"):
        read_tables("catalog_import", "a.txt", b"x", formats=("xlsx", "csv"))
    with pytest.raises(UploadRefused, match="不是有效的 XLSX"):
        read_tables("statistics_import", "a.csv", b"a,b\n")  # XLSX only: a CSV is not read as one
    tables = read_tables("statistics_import", "a.xlsx", _xlsx([["名称", "备注"], ["=1+1", 2]]))
    assert tables == {"": [["名称", "备注"], ["", "2"]]}  # a formula is not evaluated (no cached value)


def test_named_sheets():
    data = _xlsx([["名称"]], title="台账")
    assert read_tables("ledger_import", "a.xlsx", data, titles={"台账", "期限事件"}) == {"台账": [["名称"]]}


def test_header_mapping():
    found, problems, unknown = map_headers([" 标题 ", "行政事业性收费(万元)*", "", "说明"], COLUMNS)
    assert found == {"title": 0, "fees": 1} and problems == [] and unknown == ["说明"]
    found, problems, _ = map_headers(["名称", "名称"], COLUMNS)
    assert problems == ["缺少列：行政事业性收费（万元）", "列“名称”出现了不止一次"]


@given(st.lists(st.text(max_size=12), max_size=8))
def test_header_mapping_never_raises_and_names_what_is_missing(headers):
    found, problems, unknown = map_headers(headers, COLUMNS)
    assert set(found) <= {"title", "fees", "note"}
    missing = [c.header for c in COLUMNS if c.required and c.field not in found]
    assert bool(missing) == any(p.startswith("缺少列") for p in problems)
    assert all(header_key(h) for h in unknown) or unknown == []
