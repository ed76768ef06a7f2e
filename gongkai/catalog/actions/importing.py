"""Go-live import of an agency's existing catalog (XLSX or CSV), all or nothing.

The file is read and every row checked by the one importer (`catalog.import_spec.CATALOG_IMPORT`);
any problem refuses the whole file (`ImportRefused`, listing every problem). Existing 索引号 are
kept; the agency's counter moves past imported serials that follow its pattern.
"""

from __future__ import annotations

import hashlib

from django.core.files.base import ContentFile
from django.db import transaction
from django.utils import timezone

from gongkai import audit
from gongkai.agencies.access import Action, can
from gongkai.boundary.importer import Imported, ImportRefused, Problem, read_import
from gongkai.catalog.actions.items import AttachmentUpload, attachment_text_fields, checked_uploads
from gongkai.catalog.import_spec import CATALOG_IMPORT
from gongkai.catalog.models import Attachment, CatalogProfile, Column, DocKind, IndexCounter, Item, ItemVersion
from gongkai.catalog.richtext import plain_to_html, text_of
from gongkai.catalog.search_index import index_item
from gongkai.catalog.structure import ensure_catalog
from gongkai.core.catalog.index_number import parse_index_number
from gongkai.core.catalog.workflow import Validity, VersionState
from gongkai.core.refusal import PermissionRefused, Refused


def _unused_files(files: dict[str, AttachmentUpload]):
    def check(imported: Imported) -> list[Problem]:
        used = {n for row in imported.all_rows() for n in row.data.get("attachments", [])}
        unused = sorted(set(files) - used)
        return [Problem(0, f"上传的附件未被任何行引用：{'、'.join(unused)}")] if unused else []

    return check


def _create(agency, actor, data: dict, checked: dict, now) -> Item:
    doc_kind, validity, changed = data["doc_kind"], data["validity"], data["validity_changed_on"]
    item = Item.objects.create(
        agency=agency,
        column=data["column"],
        doc_kind=doc_kind,
        created_by=actor,
        imported=True,
        index_number=data["index_number"],
        validity=validity,
        validity_changed_on=changed,
        issued_on=data["written_on"] if doc_kind in (DocKind.REGULATION, DocKind.NORMATIVE) else None,
        repealed_on=changed if validity == Validity.REPEALED.value else None,
        first_published_at=now,
    )
    body_html = plain_to_html(data["body"])
    version = ItemVersion.objects.create(
        item=item,
        number=1,
        state=VersionState.PUBLISHED.value,
        title=data["title"],
        summary=data["summary"],
        doc_number=data["doc_number"],
        publisher=data["publisher"],
        written_on=data["written_on"],
        formed_on=data["formed_on"],
        published_on=data["published_on"],
        topic=data["topic"],
        keywords=data["keywords"],
        body_html=body_html,
        body_text=text_of(body_html),
        author=actor,
        published_at=now,
        change_note="上线前导入",
    )
    for name in data["attachments"]:
        upload, mime, extracted = checked[name]
        attachment = Attachment(
            version=version,
            name=name,
            content_type=mime,
            size_bytes=len(upload.data),
            sha256=hashlib.sha256(upload.data).hexdigest(),
            **attachment_text_fields(extracted),
        )
        attachment.file.save(name, ContentFile(upload.data), save=False)
        attachment.save()
    item.public_version = version
    item.save(update_fields=["public_version"])
    index_item(item)
    return item


def _advance_counters(agency, items: list[Item]) -> None:
    pattern = CatalogProfile.objects.get(agency=agency).index_pattern
    highest: dict[int, int] = {}
    for item in items:
        parsed = parse_index_number(pattern, credit_code=agency.credit_code, value=item.index_number)
        if parsed:
            year, serial = parsed
            highest[year] = max(highest.get(year, 0), serial)
    for year, serial in highest.items():
        IndexCounter.objects.bulk_create([IndexCounter(agency=agency, year=year)], ignore_conflicts=True)
        counter = IndexCounter.objects.select_for_update().get(agency=agency, year=year)
        if counter.last_serial < serial:
            counter.last_serial = serial
            counter.save(update_fields=["last_serial"])


@transaction.atomic
def import_catalog(*, agency, actor, name: str, data: bytes, files: list[AttachmentUpload]) -> list[Item]:
    """Import the catalog file `name` (with its attachments) as published items; ImportRefused lists
    every problem of a refused file."""
    if not can(actor, Action.ADMINISTER, agency):
        raise PermissionRefused("只有机构管理员可以导入目录")
    ensure_catalog(agency)
    columns = {}
    for column in Column.objects.filter(agency=agency):
        columns.setdefault(column.name, column)
    files_by_name = {f.name: f for f in files}
    existing = Item.objects.filter(agency=agency, index_number__isnull=False).values_list("index_number", flat=True)
    imported = read_import(
        CATALOG_IMPORT,
        name,
        data,
        form_kwargs={"columns": columns, "files": set(files_by_name), "existing": set(existing)},
        check=_unused_files(files_by_name),
    )
    rows = imported.rows()
    used = sorted({n for row in rows for n in row.data["attachments"]})
    try:
        checked = {u.name: (u, mime, text) for u, mime, text in checked_uploads([files_by_name[n] for n in used])}
    except Refused as error:
        raise ImportRefused([Problem(0, error.message)]) from None
    now = timezone.now()
    items = [_create(agency, actor, row.data, checked, now) for row in rows]
    _advance_counters(agency, items)
    audit.record(
        subject=agency,
        actor=actor,
        kind="catalog.imported",
        agency=agency,
        after={"file": name, "items": len(items), "attachments": len(checked)},
    )
    return items
