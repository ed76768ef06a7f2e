"""The three imports through their pages with hypothesis-generated files: random headers (kept,
dropped, reordered, unknown), random cells (valid, hostile, odd digits, over-long), XLSX or CSV in
several encodings. The answer is always a full import or a 400 with Chinese reasons — never a 500,
never a half-written import (the rows and the audit log are counted before and after)."""

from __future__ import annotations

import csv
import io

import openpyxl
from django.db import transaction
from hypothesis import HealthCheck, event, given, settings
from hypothesis import strategies as st

from gongkai.applications.ledger import COLUMNS, EVENT_COLUMNS, EVENT_SHEET, SHEET
from gongkai.applications.models import Application, ClockEvent
from gongkai.audit.models import AuditEntry
from gongkai.catalog.models import Item
from gongkai.core.text import xml_safe
from gongkai.reports.models import YearlyStatistics
from tests.applications.factories import VALID_ID
from tests.robustness.strategies import HOSTILE, ODD_DIGITS

SETTINGS = settings(max_examples=25, deadline=None, suppress_health_check=list(HealthCheck))
JUNK = st.one_of(st.sampled_from(HOSTILE + ODD_DIGITS + ["长" * 201, ""]), st.text(max_size=12))


def _cell(values: list[str], junk_in_ten: int):
    return st.integers(min_value=0, max_value=9).flatmap(lambda n: JUNK if n < junk_in_ten else st.sampled_from(values))


@st.composite
def _rows(draw, valid: dict[str, list[str]], max_size: int):
    """Rows of cells: half the files all valid, the others with a junk cell in five."""
    junk_in_ten = draw(st.sampled_from([0, 2]))
    row = st.fixed_dictionaries({h: _cell(values, junk_in_ten) for h, values in valid.items()})
    return draw(st.lists(row, min_size=0, max_size=max_size))


def _headers(all_headers: list[str]):
    """The template's headers shuffled, sometimes one dropped or an unknown one added."""
    return st.tuples(
        st.permutations(all_headers),
        st.integers(min_value=0, max_value=len(all_headers) * 5),
        st.lists(st.sampled_from(["备注", "说明", "", "标题"]), max_size=1),
    ).map(lambda t: [h for i, h in enumerate(t[0]) if i != t[1]] + t[2])


def _safe(value):
    return xml_safe(value)  # openpyxl cannot write what XML forbids (controls, U+FFFE)


def _xlsx(sheets: dict[str, list[list]]) -> bytes:
    book = openpyxl.Workbook()
    for index, (title, rows) in enumerate(sheets.items()):
        sheet = book.active if index == 0 else book.create_sheet()
        sheet.title = title
        for row in rows:
            sheet.append([_safe(v) for v in row])
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


def _csv(rows, encoding) -> bytes:
    out = io.StringIO()
    csv.writer(out).writerows(rows)
    return out.getvalue().encode(encoding, "replace")


def _upload(name: str, data: bytes):
    from django.core.files.uploadedfile import SimpleUploadedFile

    return SimpleUploadedFile(name, data)


def _chinese(text: str) -> bool:
    return any("\u4e00" <= ch <= "\u9fff" for ch in text)


def _counts(*models):
    return tuple(m.objects.count() for m in models)


def test_catalog_import_is_whole_or_refused(client_of, agency_admin, township, news):
    serials = [f"{township.credit_code}/2021-{n:05d}" for n in range(1, 2000)]
    valid = {
        "索引号": serials,
        "名称": ["旧站信息", "征收公告"],
        "内容概述": ["旧站迁移"],
        "栏目": [news.name],
        "发布机构": [township.name],
        "成文日期": ["2021-03-01", "2021/03/01"],
        "发布日期": ["2021-03-02"],
        "有效性": ["有效", ""],
        "文件类别": ["", "规章", "其他信息"],
        "正文": ["房屋征收补偿安置方案", ""],
    }
    client = client_of(agency_admin)
    url = f"/staff/catalog/agency/{township.pk}/import/"

    @SETTINGS
    @given(
        headers=_headers(list(valid)),
        rows=_rows(valid, 5),
        how=st.sampled_from(["xlsx", "utf-8", "utf-8-sig", "gb18030"]),
    )
    def check(headers, rows, how):
        table = [headers] + [[row.get(h, "") for h in headers] for row in rows]
        if how == "xlsx":
            name, data = "目录.xlsx", _xlsx({"目录": table})
        else:
            name, data = "目录.csv", _csv(table, how)
        with transaction.atomic():  # every example starts from the same database
            before = _counts(Item, AuditEntry)
            response = client.post(url, {"catalog": _upload(name, data)})
            after = _counts(Item, AuditEntry)
            transaction.set_rollback(True)
        assert response.status_code in (302, 400), response.status_code
        event(f"status {response.status_code}")
        if response.status_code == 400:
            assert after == before
            assert _chinese(response.content.decode())
        else:
            assert after[0] - before[0] == sum(1 for row in table[1:] if any(str(c).strip() for c in row))
            assert after[1] == before[1] + 1

    check()


def test_statistics_import_is_whole_or_refused(client_of, handler, township):
    valid = {
        "年度": ["2021", "2022", "2023"],
        "行政许可": ["5", "", "0"],
        "行政处罚": ["1", ""],
        "行政强制": ["0"],
        "行政事业性收费（万元）": ["0.5", "", "1.25"],
    }
    client = client_of(handler)
    url = f"/staff/reports/statistics/{township.pk}/2023/"

    @SETTINGS
    @given(headers=_headers(list(valid)), rows=_rows(valid, 3))
    def check(headers, rows):
        table = [headers] + [[row.get(h, "") for h in headers] for row in rows]
        with transaction.atomic():
            before = _counts(YearlyStatistics, AuditEntry)
            response = client.post(
                url, {"file": _upload("统计.xlsx", _xlsx({"统计": table})), "confirm_magnitude": "on"}
            )
            after = _counts(YearlyStatistics, AuditEntry)
            transaction.set_rollback(True)
        assert response.status_code in (302, 400), response.status_code
        event(f"status {response.status_code}")
        if response.status_code == 400:
            assert after == before and _chinese(response.content.decode())
        else:
            assert after[1] > before[1]

    check()


def test_ledger_import_is_whole_or_refused(client_of, handler, township):
    headers = [h for _, h, _ in COLUMNS]
    valid = {h: [""] for h in headers} | {
        "申请编号": [f"旧系统-{n}" for n in range(2000)],
        "申请方式": ["当面提交", "in_person"],
        "提交日期": ["2025-01-05"],
        "收到申请日期": ["2025-01-05"],
        "申请人类型": ["natural_person"],
        "姓名或名称": ["张三"],
        "证件类型": ["居民身份证"],
        "证件号码": [VALID_ID],
        "联系电话": ["13800000000"],
        "所需信息": ["道路建设资金"],
        "获取信息的形式": ["纸质"],
        "获取信息的方式": ["邮寄"],
        "状态": ["in_progress"],
    }
    event_headers = [h for _, h, _ in EVENT_COLUMNS]
    client = client_of(handler)
    url = f"/staff/applications/agency/{township.pk}/ledger/import/"

    @SETTINGS
    @given(
        rows=_rows(valid, 4),
        events=st.lists(st.tuples(st.integers(min_value=0, max_value=4), JUNK), max_size=2),
        drop=st.sampled_from([None, None, None, "状态"]),
    )
    def check(rows, events, drop):
        shown = [h for h in headers if h != drop]
        table = [shown] + [[row.get(h, "") for h in shown] for row in rows]
        numbers = [row["申请编号"] for row in rows] or ["旧系统-0"]
        event_table = [event_headers] + [
            [numbers[index % len(numbers)], "发出补正告知", "2025-01-06", "", "", "", "", note]
            for index, note in events
        ]
        data = _xlsx({SHEET: table, EVENT_SHEET: event_table})
        with transaction.atomic():
            before = _counts(Application, ClockEvent, AuditEntry)
            response = client.post(url, {"file": _upload("台账.xlsx", data)})
            after = _counts(Application, ClockEvent, AuditEntry)
            transaction.set_rollback(True)
        assert response.status_code in (200, 400), response.status_code
        event(f"status {response.status_code}")
        if response.status_code == 400:
            assert after == before and _chinese(response.content.decode())
        else:
            assert "已导入" in response.content.decode()
            assert after[0] - before[0] == len(rows) and after[2] == before[2] + 1

    check()
