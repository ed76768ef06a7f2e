"""Drafting: create an item, edit its open draft, attachments, policy-interpretation links."""

from __future__ import annotations

import hashlib
from dataclasses import dataclass
from datetime import date

from django.conf import settings
from django.core.files.base import ContentFile
from django.db import transaction
from django.utils import timezone

from gongkai import audit
from gongkai.agencies.access import Action, can
from gongkai.catalog import page_cache
from gongkai.catalog.actions.review import submit_version
from gongkai.catalog.models import VERSION_FIELDS, Attachment, Column, DocKind, Item, ItemVersion
from gongkai.catalog.richtext import sanitise, text_of
from gongkai.catalog.uploads import Extracted, check_upload, extract_for_screening
from gongkai.core.archive_limits import UploadRefused
from gongkai.core.catalog.dates import date_problems
from gongkai.core.catalog.workflow import OPEN_STATE_VALUES, VersionState
from gongkai.core.refusal import PermissionRefused, Refused
from gongkai.core.text import TextRefused, clean_text

MAX_BODY = 1_000_000
REQUIRED = {"title": "名称", "summary": "内容概述", "publisher": "发布机构", "written_on": "成文日期"}


@dataclass(frozen=True)
class AttachmentUpload:
    name: str
    data: bytes


def _check_fields(fields: dict, *, amendment: bool) -> dict:
    clean = {k: fields.get(k) for k in VERSION_FIELDS if k in fields}
    if "public_note" not in fields and fields.get("change_note"):
        # Callers from before the split (e.g. a corrected annual report) pass one 变更说明 meant for
        # the public page: it is the public note. The staff editor always sends both fields.
        clean["public_note"] = fields["change_note"]
    errors = {}
    for key, value in clean.items():
        if isinstance(value, str):  # the same cleaning as the forms, for callers from other apps
            field = ItemVersion._meta.get_field(key)
            try:
                clean[key] = clean_text(value, str(field.verbose_name), field.max_length or MAX_BODY)
            except TextRefused as refused:
                errors[key] = str(refused)
    for key, label in REQUIRED.items():
        value = clean.get(key)
        if value is None or (isinstance(value, str) and not value.strip()):
            errors[key] = f"请填写{label}"
    for key in ("written_on", "formed_on", "changed_on", "published_on"):
        if clean.get(key) is not None and not isinstance(clean[key], date):
            errors[key] = "日期格式无效"
    if amendment and not clean.get("changed_on"):
        errors["changed_on"] = "修订版本须填写变更日期"
    if amendment and not (clean.get("public_note") or "").strip():
        errors["public_note"] = "修订已发布的信息须填写公开更正说明（将在公开页面显示）"
    if not errors:
        if not clean.get("formed_on"):
            clean["formed_on"] = clean["changed_on"] if amendment and clean.get("changed_on") else clean["written_on"]
        for key, message in date_problems(
            written_on=clean["written_on"],
            formed_on=clean["formed_on"],
            published_on=clean.get("published_on"),
            changed_on=clean.get("changed_on"),
        ):
            errors.setdefault(key, message)
    if errors:
        raise Refused("；".join(errors.values()), field_errors=errors)
    clean["body_html"] = sanitise(clean.get("body_html") or "")
    clean["body_text"] = text_of(clean["body_html"])
    for key in ("doc_number", "topic", "keywords", "change_note", "public_note"):
        clean[key] = (clean.get(key) or "").strip()
    return clean


def checked_uploads(uploads) -> list[tuple[AttachmentUpload, str, str]]:
    """Check every upload before anything is saved; all problems at once."""
    checked, problems = [], []
    for upload in uploads:
        mime, problem = check_upload(upload.name, upload.data, settings.GONGKAI_MAX_UPLOAD_BYTES)
        if problem:
            problems.append(problem)
            continue
        try:
            extracted = extract_for_screening(upload.name, mime, upload.data)
        except UploadRefused as refused:
            problems.append(f"{refused}；无法读取的附件不能进行保密审查")
            continue
        checked.append((upload, mime, extracted))
    if problems:
        raise Refused("；".join(problems), field_errors={"attachments": "；".join(problems)})
    return checked


def attachment_text_fields(extracted: Extracted) -> dict:
    return {"text": extracted.text, "text_source": extracted.source, "pages_to_check": extracted.pages_to_check}


def _store(version: ItemVersion, checked) -> list[Attachment]:
    stored = []
    for upload, mime, extracted in checked:
        digest = hashlib.sha256(upload.data).hexdigest()
        attachment = Attachment(
            version=version,
            name=upload.name[:200],
            content_type=mime,
            size_bytes=len(upload.data),
            sha256=digest,
            **attachment_text_fields(extracted),
        )
        attachment.file.save(upload.name, ContentFile(upload.data), save=False)
        attachment.save()
        stored.append(attachment)
    return stored


def _check_column(agency, column: Column) -> None:
    if column is None or column.agency_id != agency.pk:
        raise Refused("栏目不存在", field_errors={"column": "栏目不存在"})
    if not column.holds_items:
        raise Refused(f"栏目“{column.name}”不能直接发布信息", field_errors={"column": "该栏目不能直接发布信息"})


@transaction.atomic
def create_item(
    *,
    agency,
    column: Column,
    actor,
    fields: dict,
    doc_kind: str = DocKind.OTHER,
    attachments=(),
    issued_on: date | None = None,
) -> Item:
    if not can(actor, Action.EDIT, agency):
        raise PermissionRefused("无权在该机构起草信息")
    _check_column(agency, column)
    if doc_kind not in DocKind.values:
        raise Refused("文件类别无效", field_errors={"doc_kind": "文件类别无效"})
    clean = _check_fields(fields, amendment=False)
    checked = checked_uploads(attachments)
    item = Item.objects.create(
        agency=agency,
        column=column,
        doc_kind=doc_kind,
        created_by=actor,
        issued_on=issued_on or (clean["written_on"] if doc_kind in (DocKind.REGULATION, DocKind.NORMATIVE) else None),
    )
    version = ItemVersion.objects.create(item=item, number=1, author=actor, **clean)
    _store(version, checked)
    audit.record(
        subject=item,
        actor=actor,
        kind="catalog.item.created",
        after={"title": version.title, "column": column.name, "doc_kind": doc_kind},
    )
    return item


def open_version(item: Item) -> ItemVersion | None:
    return item.versions.filter(state__in=OPEN_STATE_VALUES).order_by("-number").first()


@transaction.atomic
def update_draft(
    *,
    version: ItemVersion,
    actor,
    fields: dict,
    attachments=(),
    remove_attachment_ids=(),
    column: Column | None = None,
    doc_kind: str | None = None,
) -> ItemVersion:
    version = ItemVersion.objects.select_for_update().select_related("item__agency").get(pk=version.pk)
    item = version.item
    if not can(actor, Action.EDIT, item.agency):
        raise PermissionRefused("无权修改该信息")
    if version.state != VersionState.DRAFT:
        raise Refused("只有草稿可以修改")
    amendment = version.number > 1 and item.public_version_id is not None
    clean = _check_fields(fields, amendment=amendment)
    checked = checked_uploads(attachments)
    if column is not None and column.pk != item.column_id:
        _check_column(item.agency, column)
        item.column = column
    if doc_kind is not None:
        if doc_kind not in DocKind.values:
            raise Refused("文件类别无效", field_errors={"doc_kind": "文件类别无效"})
        item.doc_kind = doc_kind
    before = {k: getattr(version, k) for k in clean}
    for key, value in clean.items():
        setattr(version, key, value)
    version.save()
    if actor.pk != version.author_id:
        version.editors.add(actor)  # four eyes: an editor may not approve this version
    item.save(update_fields=["column", "doc_kind"])
    if item.public_version_id:
        page_cache.bump(item.agency_id)
    removed = list(version.attachments.filter(pk__in=list(remove_attachment_ids)).values_list("name", flat=True))
    version.attachments.filter(pk__in=list(remove_attachment_ids)).delete()
    added = _store(version, checked)
    audit.record(
        subject=item,
        actor=actor,
        kind="catalog.version.edited",
        before=before,
        after={
            **{k: getattr(version, k) for k in clean},
            "attachments_added": [a.name for a in added],
            "attachments_removed": removed,
        },
        note=f"第{version.number}版",
    )
    return version


@transaction.atomic
def add_attachments(*, version: ItemVersion, actor, attachments) -> list[Attachment]:
    version = ItemVersion.objects.select_for_update().select_related("item__agency").get(pk=version.pk)
    if not can(actor, Action.EDIT, version.item.agency):
        raise PermissionRefused("无权修改该信息")
    if version.state != VersionState.DRAFT:
        raise Refused("只有草稿可以添加附件")
    stored = _store(version, checked_uploads(attachments))
    if actor.pk != version.author_id:
        version.editors.add(actor)
    audit.record(
        subject=version.item, actor=actor, kind="catalog.version.attachments_added", after=[a.name for a in stored]
    )
    return stored


@transaction.atomic
def set_interpretation(*, item: Item, target: Item | None, actor) -> Item:
    """Link a 政策解读 to the normative document it interprets (or unlink with None)."""
    if not can(actor, Action.EDIT, item.agency):
        raise PermissionRefused("无权修改该信息")
    if item.doc_kind != DocKind.INTERPRETATION:
        raise Refused("只有“政策解读”类信息可以关联被解读文件")
    if target is not None and (
        target.agency_id != item.agency_id or target.doc_kind not in (DocKind.REGULATION, DocKind.NORMATIVE)
    ):
        raise Refused("被解读文件须为本机关的规章或行政规范性文件")
    before = item.interprets_id
    item.interprets = target
    item.save(update_fields=["interprets"])
    page_cache.bump(item.agency_id, item.pk)
    audit.record(
        subject=item,
        actor=actor,
        kind="catalog.item.interpretation_linked",
        before={"interprets": before},
        after={"interprets": target.pk if target else None},
    )
    return item


@transaction.atomic
def create_and_submit_item(
    *, agency, column: Column, actor, fields: dict, attachments=(), doc_kind: str = DocKind.OTHER, now=None
) -> Item:
    """For other apps (e.g. the annual report): draft an item in `column` and submit it for the
    confidentiality review in one step. It is then reviewed and published like any other item."""
    item = create_item(
        agency=agency, column=column, actor=actor, fields=fields, doc_kind=doc_kind, attachments=attachments
    )
    submit_version(version=item.versions.get(number=1), actor=actor, now=now or timezone.now())
    return item
