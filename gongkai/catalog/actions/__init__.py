"""State changes of the catalog. Each is one transaction that writes the audit log."""

from gongkai.catalog.actions.bulk import BulkResult, request_retirements, submit_drafts
from gongkai.catalog.actions.importing import import_catalog
from gongkai.catalog.actions.items import (
    AttachmentUpload,
    add_attachments,
    create_and_submit_item,
    create_item,
    set_interpretation,
    update_draft,
)
from gongkai.catalog.actions.publishing import (
    allocate_index_number,
    publish_due_versions,
    publish_version,
    start_amendment,
)
from gongkai.catalog.actions.retirement import approve_retirement, reject_retirement, request_retirement
from gongkai.catalog.actions.review import (
    approve_version,
    confirm_attachment_pages,
    reject_version,
    resolve_hit,
    submit_version,
)
from gongkai.core.refusal import Refused

__all__ = [
    "BulkResult",
    "approve_retirement",
    "reject_retirement",
    "request_retirement",
    "request_retirements",
    "submit_drafts",
    "AttachmentUpload",
    "Refused",
    "add_attachments",
    "allocate_index_number",
    "approve_version",
    "confirm_attachment_pages",
    "create_and_submit_item",
    "create_item",
    "import_catalog",
    "publish_due_versions",
    "publish_version",
    "reject_version",
    "resolve_hit",
    "set_interpretation",
    "start_amendment",
    "submit_version",
    "update_draft",
]
