"""Versions of an item: a new draft copied from an existing version (its fields and attachment
files). Used when a reviewer sends a version back and when a published item is amended; it
checks no permission and writes no audit record: the calling action does both. Private to the
actions package (the leading underscore; tests/test_actions_contract.py)."""

from __future__ import annotations

from gongkai.catalog.models import VERSION_FIELDS, Attachment, ItemVersion


def copy_version(source: ItemVersion, *, author) -> ItemVersion:
    number = source.item.versions.order_by("-number").values_list("number", flat=True).first() + 1
    fields = {f: getattr(source, f) for f in (*VERSION_FIELDS, "body_text")}
    draft = ItemVersion.objects.create(item=source.item, number=number, author=author, **fields)
    Attachment.objects.bulk_create(
        [
            Attachment(
                version=draft,
                file=a.file.name,
                name=a.name,
                content_type=a.content_type,
                size_bytes=a.size_bytes,
                sha256=a.sha256,
                text=a.text,
                text_source=a.text_source,
                pages_to_check=a.pages_to_check,
            )
            for a in source.attachments.all()
        ]
    )
    return draft
