"""Go-live import: valid files keep their 索引号; any bad row rejects the whole file."""

import io
from datetime import date

import openpyxl
import pytest

from gongkai.boundary.importer import ImportRefused
from gongkai.catalog.actions import AttachmentUpload, import_catalog
from gongkai.catalog.models import Item
from gongkai.catalog.search import Filters, search
from gongkai.core.catalog.search import parse_query
from tests.catalog.test_views import pdf_bytes

HEADERS = [
    "索引号",
    "名称",
    "内容概述",
    "栏目",
    "发布机构",
    "成文日期",
    "发布日期",
    "有效性",
    "有效性变更日期",
    "文件类别",
    "附件",
    "正文",
]


def xlsx(rows):
    book = openpyxl.Workbook()
    sheet = book.active
    sheet.append(HEADERS)
    for row in rows:
        sheet.append(row)
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


def row(township, serial, **over):
    data = {
        "索引号": f"{township.credit_code}/2023-{serial:05d}",
        "名称": f"旧站信息{serial}号征收公告",
        "内容概述": "旧站迁移",
        "栏目": "镇街动态",
        "发布机构": township.name,
        "成文日期": date(2023, 3, 1),
        "发布日期": date(2023, 3, 2),
        "有效性": "有效",
        "有效性变更日期": None,
        "文件类别": "",
        "附件": "",
        "正文": "房屋征收补偿安置方案",
    }
    data.update(over)
    return [data[h] for h in HEADERS]


def test_import_keeps_index_numbers_and_counter_continues(township, news, agency_admin, make_item, publish):
    data = xlsx(
        [
            row(township, 7, 附件="方案.pdf"),
            row(township, 12, 有效性="废止", 有效性变更日期=date(2023, 9, 1), 文件类别="行政规范性文件"),
        ]
    )
    items = import_catalog(
        agency=township,
        actor=agency_admin,
        name="旧目录.xlsx",
        data=data,
        files=[AttachmentUpload("方案.pdf", pdf_bytes("plan"))],
    )
    assert [i.index_number for i in items] == [
        f"{township.credit_code}/2023-00007",
        f"{township.credit_code}/2023-00012",
    ]
    assert items[0].public_version.attachments.get().name == "方案.pdf"
    assert items[1].validity == "repealed" and items[1].repealed_on == date(2023, 9, 1)
    assert search(parse_query("征收"), Filters()).item_ids == [items[1].pk, items[0].pk]
    new = publish(make_item(written_on=date(2023, 5, 1), published_on=date(2023, 5, 2)))
    assert new.index_number == f"{township.credit_code}/2023-00013"


def test_bad_rows_reject_whole_file(township, news, agency_admin):
    data = xlsx(
        [
            row(township, 1),
            row(township, 2, 栏目="不存在的栏目"),
            row(township, 3, 发布日期=date(2023, 2, 1)),
            row(township, 1),
            row(township, 4, 附件="缺失.pdf"),
            row(township, 5, 有效性="作废"),
        ]
    )
    with pytest.raises(ImportRefused) as info:
        import_catalog(agency=township, actor=agency_admin, name="a.xlsx", data=data, files=[])
    problems = "\n".join(info.value.lines)
    assert "第3行「栏目」：“不存在的栏目”不存在" in problems
    assert "第4行「发布日期」：发布日期不能早于成文日期" in problems
    assert f"第5行「索引号」：“{township.credit_code}/2023-00001”与第2行重复" in problems
    assert "第6行「附件」：“缺失.pdf”未上传" in problems
    assert "第7行「有效性」：" in problems
    assert not Item.objects.exists()


def test_csv_and_wrong_format(township, news, agency_admin):
    csv_text = (
        ",".join(HEADERS)
        + "\n"
        + f"{township.credit_code}/2022-00001,旧信息,概述,镇街动态,{township.name},2022-01-01,2022-01-02,有效,,,,正文\n"
    )
    items = import_catalog(
        agency=township, actor=agency_admin, name="a.csv", data=csv_text.encode("utf-8-sig"), files=[]
    )
    assert len(items) == 1
    with pytest.raises(ImportRefused):
        import_catalog(agency=township, actor=agency_admin, name="a.txt", data=b"x", files=[])
    with pytest.raises(ImportRefused):
        import_catalog(agency=township, actor=agency_admin, name="a.csv", data="名称\n x\n".encode(), files=[])


def test_import_view_shows_problems(client_of, agency_admin, township, news):
    data = xlsx([row(township, 1, 栏目="无此栏目")])
    f = io.BytesIO(data)
    f.name = "a.xlsx"
    r = client_of(agency_admin).post(f"/staff/catalog/agency/{township.pk}/import/", {"catalog": f})
    assert r.status_code == 400 and "无此栏目" in r.content.decode()
