"""Catalog structure and pages: columns, 指南, 制度, 索引号 rule.

Text that reaches the portal outside the reviewed items — column names, 无信息说明, 指南, 制度 —
may be changed only by an agency administrator, and every change is kept as a numbered
`PortalTextRevision` (besides the audit record). A 经办人 may still reorder columns.
"""

from __future__ import annotations

from django.db import transaction

from gongkai import audit
from gongkai.agencies.access import Action, can
from gongkai.catalog import page_cache
from gongkai.catalog.models import CatalogProfile, Column, ColumnKind, PortalTextRevision
from gongkai.catalog.richtext import sanitise
from gongkai.catalog.structure import ensure_catalog
from gongkai.core.catalog.index_number import pattern_problem
from gongkai.core.refusal import PermissionRefused, Refused
from gongkai.core.text import TextRefused, clean_text

TEXT_ADMIN_ONLY = "栏目名称、无信息说明、指南和制度会直接显示在门户上，只有机构管理员可以修改"


def _clean(value: str | None, label: str, max_length: int) -> str:
    try:
        return clean_text((value or "").strip(), label, max_length)
    except TextRefused as refused:
        raise Refused(str(refused)) from None


def _record_revision(*, agency, subject: str, text: str, actor, column: Column | None = None) -> PortalTextRevision:
    """Keep one more version of a portal text (numbered per agency, subject and column)."""
    last = (
        PortalTextRevision.objects.filter(agency=agency, subject=subject, column=column)
        .order_by("-number")
        .values_list("number", flat=True)
        .first()
        or 0
    )
    return PortalTextRevision.objects.create(
        agency=agency, subject=subject, column=column, number=last + 1, text=text, author=actor
    )


@transaction.atomic
def add_column(*, agency, actor, name: str, parent: Column | None, position: int) -> Column:
    if not can(actor, Action.ADMINISTER, agency):
        raise PermissionRefused(TEXT_ADMIN_ONLY)
    name = _clean(name, "栏目名称", 60)
    if not name:
        raise Refused("请填写栏目名称")
    if parent is not None and (
        parent.agency_id != agency.pk or parent.kind not in (ColumnKind.GROUP, ColumnKind.CUSTOM)
    ):
        raise Refused("上级栏目不存在")
    if Column.objects.filter(agency=agency, parent=parent, name=name).exists():
        raise Refused("同一上级栏目下已有同名栏目")
    column = Column.objects.create(agency=agency, parent=parent, name=name, kind=ColumnKind.CUSTOM, position=position)
    _record_revision(
        agency=agency, subject=PortalTextRevision.Subject.COLUMN_NAME, text=name, actor=actor, column=column
    )
    page_cache.bump(agency.pk)
    audit.record(
        subject=column,
        actor=actor,
        kind="catalog.column.added",
        agency=agency,
        after={"name": name, "parent": parent.name if parent else None, "position": position},
    )
    return column


@transaction.atomic
def update_catalog_settings(*, agency, actor, index_pattern: str, guide_html: str, system_html: str) -> CatalogProfile:
    if not can(actor, Action.ADMINISTER, agency):
        raise PermissionRefused("无权修改公开目录设置")
    problem = pattern_problem(index_pattern)
    if problem:
        raise Refused(problem)
    ensure_catalog(agency)
    profile = CatalogProfile.objects.select_for_update().get(agency=agency)
    before = {
        "index_pattern": profile.index_pattern,
        "guide_html": profile.guide_html,
        "system_html": profile.system_html,
    }
    profile.index_pattern = index_pattern
    profile.guide_html = sanitise(_clean(guide_html, "政府信息公开指南", 200_000))
    profile.system_html = sanitise(_clean(system_html, "政府信息公开制度", 200_000))
    profile.save()
    for subject, old, new in (
        (PortalTextRevision.Subject.GUIDE, before["guide_html"], profile.guide_html),
        (PortalTextRevision.Subject.SYSTEM, before["system_html"], profile.system_html),
    ):
        if old != new:
            _record_revision(agency=agency, subject=subject, text=new, actor=actor)
    page_cache.bump(agency.pk)
    audit.record(
        subject=profile,
        actor=actor,
        kind="catalog.settings.updated",
        agency=agency,
        before=before,
        after={
            "index_pattern": profile.index_pattern,
            "guide_html": profile.guide_html,
            "system_html": profile.system_html,
        },
    )
    return profile


@transaction.atomic
def update_column(
    *, column: Column, actor, name: str, parent: Column | None, position: int, empty_reason: str | None = None
) -> Column:
    """Rename, reorder or move a column, or state why it has no information (`empty_reason`,
    shown on the public column page; None keeps it). Statutory columns keep their name and
    place; a column cannot be moved under itself or one of its descendants."""
    column = Column.objects.select_for_update().get(pk=column.pk)
    agency = column.agency
    if not can(actor, Action.ADMINISTER, agency) and not can(actor, Action.EDIT, agency):
        raise PermissionRefused("无权管理栏目")
    name = _clean(name, "栏目名称", 60)
    if not name:
        raise Refused("请填写栏目名称")
    if position is None or position < 0:
        raise Refused("排序应为非负整数")
    if column.kind != ColumnKind.CUSTOM and (name != column.name or parent != column.parent):
        raise Refused("法定栏目和固定栏目只能调整排序")
    if parent is not None:
        if parent.agency_id != agency.pk or parent.kind not in (ColumnKind.GROUP, ColumnKind.CUSTOM):
            raise Refused("上级栏目不存在")
        ancestor = parent
        while ancestor is not None:
            if ancestor.pk == column.pk:
                raise Refused("不能把栏目移到它自己或其下级栏目之下")
            ancestor = ancestor.parent
    if Column.objects.filter(agency=agency, parent=parent, name=name).exclude(pk=column.pk).exists():
        raise Refused("同一上级栏目下已有同名栏目")
    if empty_reason is not None:
        empty_reason = _clean(empty_reason, "无信息说明", 200)
    else:
        empty_reason = column.empty_reason
    text_changed = name != column.name or empty_reason != column.empty_reason
    if text_changed and not can(actor, Action.ADMINISTER, agency):
        raise PermissionRefused(TEXT_ADMIN_ONLY)
    before = {
        "name": column.name,
        "parent": column.parent_id,
        "position": column.position,
        "empty_reason": column.empty_reason,
    }
    column.name, column.parent, column.position, column.empty_reason = name, parent, position, empty_reason
    column.save(update_fields=["name", "parent", "position", "empty_reason"])
    if name != before["name"]:
        _record_revision(
            agency=agency, subject=PortalTextRevision.Subject.COLUMN_NAME, text=name, actor=actor, column=column
        )
    if empty_reason != before["empty_reason"]:
        _record_revision(
            agency=agency,
            subject=PortalTextRevision.Subject.EMPTY_REASON,
            text=empty_reason,
            actor=actor,
            column=column,
        )
    page_cache.bump(agency.pk)
    audit.record(
        subject=column,
        actor=actor,
        kind="catalog.column.updated",
        agency=agency,
        before=before,
        after={
            "name": name,
            "parent": parent.pk if parent else None,
            "position": position,
            "empty_reason": empty_reason,
        },
    )
    return column
