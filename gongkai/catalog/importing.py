"""Go-live import of an agency's existing catalog (XLSX or CSV), all or nothing.

Columns (first row = headers, order free): 索引号*, 名称*, 内容概述*, 栏目*, 发布机构*, 成文日期*,
发布日期*, 生成日期, 文号, 主题分类, 关键词, 有效性 (有效/失效/废止, default 有效), 有效性变更日期,
文件类别 (其他信息/规章/行政规范性文件/政策解读), 附件 (file names, separated by ；or ;), 正文.
Every row is validated; any problem rejects the whole file with the list of problems
(`ImportRejected.problems`, each "第N行：原因"). Existing 索引号 are kept; the agency's counter
moves past imported serials that follow its pattern.
"""

from __future__ import annotations

import csv
import hashlib
import io
from datetime import date, datetime

from django.core.exceptions import PermissionDenied
from django.core.files.base import ContentFile
from django.db import transaction
from django.utils import timezone

from gongkai import audit
from gongkai.agencies.access import Action, can
from gongkai.catalog.actions.errors import CatalogError
from gongkai.catalog.actions.items import AttachmentUpload, _checked_uploads, attachment_text_fields
from gongkai.catalog.models import Attachment, CatalogProfile, Column, DocKind, IndexCounter, Item, ItemVersion
from gongkai.catalog.richtext import plain_to_html, text_of
from gongkai.catalog.search_index import index_item
from gongkai.catalog.structure import ensure_catalog
from gongkai.core.archive_limits import UploadRefused, check_upload_size, read_xlsx
from gongkai.core.catalog.dates import date_problems
from gongkai.core.catalog.index_number import parse_index_number
from gongkai.core.catalog.workflow import Validity
from gongkai.core.text import TextRefused, clean_text

REQUIRED = ["索引号", "名称", "内容概述", "栏目", "发布机构", "成文日期", "发布日期"]
VALIDITY = {
    "有效": Validity.EFFECTIVE.value,
    "失效": Validity.EXPIRED.value,
    "废止": Validity.REPEALED.value,
    "": Validity.EFFECTIVE.value,
}
DOC_KINDS = {label: value for value, label in DocKind.choices} | {"": DocKind.OTHER}
MAX_ROWS = 20000


class ImportRejected(CatalogError):
    def __init__(self, problems: list[str]):
        super().__init__(f"导入失败，共{len(problems)}处问题，未导入任何数据", {})
        self.problems = problems


# Column → (model, field) whose max_length bounds it; checked per row before the database sees it.
LENGTHS = {
    "索引号": (Item, "index_number"),
    "名称": (ItemVersion, "title"),
    "内容概述": (ItemVersion, "summary"),
    "发布机构": (ItemVersion, "publisher"),
    "文号": (ItemVersion, "doc_number"),
    "主题分类": (ItemVersion, "topic"),
    "关键词": (ItemVersion, "keywords"),
}
MAX_BODY = 1_000_000


def _limit(header: str) -> int:
    if header in LENGTHS:
        model, field = LENGTHS[header]
        return model._meta.get_field(field).max_length
    return MAX_BODY


def _csv_rows(text: str) -> list[list[str]]:
    rows = []
    try:
        for row in csv.reader(io.StringIO(text)):
            if len(rows) > MAX_ROWS + 1:
                raise ImportRejected([f"一次最多导入{MAX_ROWS}行"])
            rows.append(row)
    except csv.Error as error:
        raise ImportRejected([f"第{len(rows) + 1}行：CSV格式错误（{str(error)[:80]}）"]) from None
    return rows


def read_rows(name: str, data: bytes) -> list[dict[str, str]]:
    """Rows of the catalog file under `KINDS["catalog_import"]` (size, archive, row caps, bounded parse)."""
    lower = name.lower()
    try:
        check_upload_size("catalog_import", name, len(data))
    except UploadRefused as refused:
        raise ImportRejected([str(refused)]) from None
    if lower.endswith(".csv"):
        try:
            text = data.decode("utf-8-sig")
        except UnicodeDecodeError:
            try:
                text = data.decode("gb18030")
            except UnicodeDecodeError:
                raise ImportRejected(["文件编码无法识别（请使用UTF-8或GB18030）"]) from None
        rows = _csv_rows(text)
    elif lower.endswith(".xlsx"):
        try:
            sheet = next(iter(read_xlsx("catalog_import", name, data).values()), [])
        except UploadRefused as refused:
            raise ImportRejected([str(refused)]) from None
        rows = [
            [
                ""
                if v is None
                else (
                    v.date().isoformat()
                    if isinstance(v, datetime)
                    else v.isoformat()
                    if isinstance(v, date)
                    else str(v)
                )
                for v in row
            ]
            for row in sheet
        ]
    else:
        raise ImportRejected(["目录文件须为 .xlsx 或 .csv"])
    if not rows:
        raise ImportRejected(["文件为空"])
    if len(rows) > MAX_ROWS + 1:
        raise ImportRejected([f"一次最多导入{MAX_ROWS}行"])
    headers = [h.strip() for h in rows[0]]
    missing = [h for h in REQUIRED if h not in headers]
    if missing:
        raise ImportRejected([f"缺少列：{'、'.join(missing)}"])
    out = []
    for row in rows[1:]:
        if not any((c or "").strip() for c in row):
            out.append(None)
            continue
        out.append({h: (row[i].strip() if i < len(row) and row[i] else "") for i, h in enumerate(headers)})
    if len(out) > MAX_ROWS:
        raise ImportRejected([f"一次最多导入{MAX_ROWS}行"])
    return out


def _date(value: str, label: str, problems: list[str], line: int) -> date | None:
    if not value:
        return None
    try:
        return date.fromisoformat(value.replace("/", "-")[:10])
    except ValueError:
        problems.append(f"第{line}行：{label}“{value}”格式无效（应为 YYYY-MM-DD）")
        return None


@transaction.atomic
def import_catalog(*, agency, actor, name: str, data: bytes, files: list[AttachmentUpload]) -> list[Item]:
    if not can(actor, Action.ADMINISTER, agency):
        raise PermissionDenied("只有机构管理员可以导入目录")
    ensure_catalog(agency)
    rows = read_rows(name, data)
    columns = {}
    for column in Column.objects.filter(agency=agency):
        columns.setdefault(column.name, column)
    files_by_name = {f.name: f for f in files}
    existing = set(
        Item.objects.filter(agency=agency, index_number__isnull=False).values_list("index_number", flat=True)
    )
    seen: set[str] = set()
    problems: list[str] = []
    used_files: set[str] = set()
    parsed_rows = []
    for offset, row in enumerate(rows):
        line = offset + 2
        if row is None:
            continue
        row_problems_before = len(problems)
        for h, value in list(row.items()):
            try:
                row[h] = clean_text(value, h, _limit(h))
            except TextRefused as refused:
                problems.append(f"第{line}行：{refused}")
        for h in REQUIRED:
            if not row.get(h):
                problems.append(f"第{line}行：缺少{h}")
        number = row.get("索引号", "")
        if number in existing:
            problems.append(f"第{line}行：索引号“{number}”已存在")
        if number in seen:
            problems.append(f"第{line}行：索引号“{number}”在文件中重复")
        seen.add(number)
        column = columns.get(row.get("栏目", ""))
        if row.get("栏目") and column is None:
            problems.append(f"第{line}行：栏目“{row['栏目']}”不存在")
        elif column is not None and not column.holds_items:
            problems.append(f"第{line}行：栏目“{column.name}”不能直接发布信息")
        validity = VALIDITY.get(row.get("有效性", ""))
        if validity is None:
            problems.append(f"第{line}行：有效性应为 有效、失效 或 废止")
        doc_kind = DOC_KINDS.get(row.get("文件类别", ""))
        if doc_kind is None:
            problems.append(f"第{line}行：文件类别“{row['文件类别']}”无效")
        written = _date(row.get("成文日期", ""), "成文日期", problems, line)
        published = _date(row.get("发布日期", ""), "发布日期", problems, line)
        formed = _date(row.get("生成日期", ""), "生成日期", problems, line) or written
        changed = _date(row.get("有效性变更日期", ""), "有效性变更日期", problems, line)
        for _, message in date_problems(written_on=written, formed_on=formed, published_on=published):
            problems.append(f"第{line}行：{message}")
        if validity and validity != Validity.EFFECTIVE.value and not changed:
            problems.append(f"第{line}行：失效或废止的信息须填写有效性变更日期")
        names = [n.strip() for n in row.get("附件", "").replace("；", ";").split(";") if n.strip()]
        for n in names:
            if n not in files_by_name:
                problems.append(f"第{line}行：附件“{n}”未上传")
            used_files.add(n)
        if len(problems) == row_problems_before:
            parsed_rows.append((line, row, column, validity, doc_kind, written, published, formed, changed, names))
    unused = sorted(set(files_by_name) - used_files)
    if unused:
        problems.append(f"上传的附件未被任何行引用：{'、'.join(unused)}")
    checked = {}
    if not problems:
        try:
            for upload, mime, extracted in _checked_uploads([files_by_name[n] for n in sorted(used_files)]):
                checked[upload.name] = (upload, mime, extracted)
        except CatalogError as error:
            problems.append(error.message)
    if not problems and not parsed_rows:
        problems.append("文件中没有数据行")
    if problems:
        raise ImportRejected(problems)

    pattern = CatalogProfile.objects.get(agency=agency).index_pattern
    max_serial: dict[int, int] = {}
    now = timezone.now()
    items = []
    for _line, row, column, validity, doc_kind, written, published, formed, changed, names in parsed_rows:
        body_html = plain_to_html(row.get("正文", ""))
        item = Item.objects.create(
            agency=agency,
            column=column,
            doc_kind=doc_kind,
            created_by=actor,
            imported=True,
            index_number=row["索引号"],
            validity=validity,
            validity_changed_on=changed,
            issued_on=written if doc_kind in (DocKind.REGULATION, DocKind.NORMATIVE) else None,
            repealed_on=changed if validity == Validity.REPEALED.value else None,
            first_published_at=now,
        )
        version = ItemVersion.objects.create(
            item=item,
            number=1,
            state="published",
            title=row["名称"],
            summary=row["内容概述"],
            doc_number=row.get("文号", ""),
            publisher=row["发布机构"],
            written_on=written,
            formed_on=formed,
            published_on=published,
            topic=row.get("主题分类", ""),
            keywords=row.get("关键词", ""),
            body_html=body_html,
            body_text=text_of(body_html),
            author=actor,
            published_at=now,
            change_note="上线前导入",
        )
        for n in names:
            upload, mime, extracted = checked[n]
            att = Attachment(
                version=version,
                name=n,
                content_type=mime,
                size_bytes=len(upload.data),
                sha256=hashlib.sha256(upload.data).hexdigest(),
                **attachment_text_fields(extracted),
            )
            att.file.save(n, ContentFile(upload.data), save=False)
            att.save()
        item.public_version = version
        item.save(update_fields=["public_version"])
        index_item(item)
        parsed = parse_index_number(pattern, credit_code=agency.credit_code, value=item.index_number)
        if parsed:
            year, serial = parsed
            max_serial[year] = max(max_serial.get(year, 0), serial)
        items.append(item)
    for year, serial in max_serial.items():
        IndexCounter.objects.bulk_create([IndexCounter(agency=agency, year=year)], ignore_conflicts=True)
        counter = IndexCounter.objects.select_for_update().get(agency=agency, year=year)
        if counter.last_serial < serial:
            counter.last_serial = serial
            counter.save(update_fields=["last_serial"])
    audit.record(
        subject=agency,
        actor=actor,
        kind="catalog.imported",
        agency=agency,
        after={"file": name, "items": len(items), "attachments": len(checked)},
    )
    return items
