"""State changes of the catalog. Each is one transaction that writes the audit log."""

from gongkai.catalog.actions.errors import CatalogError
from gongkai.catalog.actions.items import (
    AttachmentUpload, add_attachments, create_and_submit_item, create_item, set_interpretation,
    update_draft,
)
from gongkai.catalog.actions.publishing import (
    allocate_index_number, publish_due_versions, publish_version, retire_item, start_amendment,
)
from gongkai.catalog.actions.review import (
    approve_version, confirm_attachment_pages, reject_version, resolve_hit, submit_version,
)

__all__ = [
    "AttachmentUpload", "CatalogError", "add_attachments", "allocate_index_number", "approve_version",
    "confirm_attachment_pages", "create_and_submit_item", "create_item", "publish_due_versions", "publish_version", "reject_version",
    "resolve_hit", "retire_item", "set_interpretation", "start_amendment", "submit_version", "update_draft",
]
