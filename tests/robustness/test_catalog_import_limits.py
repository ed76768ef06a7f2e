"""Catalog import: every cell cleaned like a form field and length-checked against the model before
the database (PostgreSQL used to raise DataError, SQLite imported silently); CSV NUL and huge
fields are row errors; nothing is half-imported."""

from __future__ import annotations

import pytest

from gongkai.boundary.importer import ImportRefused
from gongkai.catalog.actions import import_catalog
from gongkai.catalog.models import Item
from tests.catalog.test_import import HEADERS, row


@pytest.mark.parametrize(
    "column,value,message",
    [
        ("文号", "文" * 81, "第2行「文号」：应不超过80字"),
        ("名称", "名" * 201, "第2行「名称」：应不超过200字"),
        ("关键词", "关\ufdd0键", "第2行「关键词」：含有不允许的非法字符（U+FDD0）"),
        ("索引号", "x" * 81, "第2行「索引号」：应不超过80字"),
    ],
)
def test_overlong_or_illegal_cells_are_row_errors(township, news, agency_admin, column, value, message):
    headers = HEADERS + (["文号", "关键词"] if column in ("文号", "关键词") else [])
    data_row = row(township, 1) + (
        [value if column == "文号" else "", value if column == "关键词" else ""] if column in ("文号", "关键词") else []
    )
    if column not in ("文号", "关键词"):
        data_row[HEADERS.index(column)] = value
    import io

    import openpyxl

    book = openpyxl.Workbook()
    book.active.append(headers)
    book.active.append(data_row)
    out = io.BytesIO()
    book.save(out)
    with pytest.raises(ImportRefused) as rejected:
        import_catalog(agency=township, actor=agency_admin, name="a.xlsx", data=out.getvalue(), files=[])
    assert any(p.startswith(message) for p in rejected.value.lines), rejected.value.lines
    assert not Item.objects.exists()


def test_csv_with_nul_or_a_huge_field_is_refused_with_the_row(township, news, agency_admin):
    head = ",".join(HEADERS) + "\n"
    good = (
        f"{township.credit_code}/2022-00001,旧信息,概述,镇街动态,{township.name},2022-01-01,2022-01-02,有效,,,,正文\n"
    )
    with pytest.raises(ImportRefused) as rejected:
        import_catalog(
            agency=township, actor=agency_admin, name="a.csv", data=(head + good + "a\x00b\n").encode(), files=[]
        )
    assert any(p.startswith("第3行") for p in rejected.value.lines), rejected.value.lines
    with pytest.raises(ImportRefused) as rejected:
        import_catalog(
            agency=township,
            actor=agency_admin,
            name="a.csv",
            data=(head + good.replace("正文", "长" * 200_000)).encode(),
            files=[],
        )
    assert "CSV" in "".join(rejected.value.lines) or "不超过" in "".join(rejected.value.lines)
    assert not Item.objects.exists()


def test_import_view_refuses_an_oversized_catalog_file(client_of, agency_admin, township, news):
    from django.core.files.uploadedfile import SimpleUploadedFile

    big = SimpleUploadedFile("catalog.csv", b"x" * (10 * 1024 * 1024 + 1))
    response = client_of(agency_admin).post(f"/staff/catalog/agency/{township.pk}/import/", {"catalog": big})
    assert response.status_code == 400 and "目录文件大小超过上限10MB" in response.content.decode()
