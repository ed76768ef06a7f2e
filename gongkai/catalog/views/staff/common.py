"""What the catalog's staff views share: uploads and act-and-redirect on the item page."""

from __future__ import annotations

from django.conf import settings

from gongkai.boundary.refusals import act_and_redirect
from gongkai.catalog.actions.items import AttachmentUpload
from gongkai.core.archive_limits import MAX_ATTACHMENT_BYTES_PER_REQUEST, MAX_ATTACHMENTS_PER_REQUEST


def uploads(request, form=None) -> list[AttachmentUpload] | None:
    """The uploaded files; None (with a form error) when one is oversized, before reading it."""
    out = []
    files = request.FILES.getlist("attachments")
    if len(files) > MAX_ATTACHMENTS_PER_REQUEST or sum(f.size for f in files) > MAX_ATTACHMENT_BYTES_PER_REQUEST:
        if form is not None:
            form.add_error(
                None,
                f"一次最多上传{MAX_ATTACHMENTS_PER_REQUEST}个附件，合计不超过"
                f"{MAX_ATTACHMENT_BYTES_PER_REQUEST // 1024 // 1024}MB",
            )
        return None
    for f in files:
        if f.size > settings.GONGKAI_MAX_UPLOAD_BYTES:
            message = f"附件“{f.name}”大小超过上限{settings.GONGKAI_MAX_UPLOAD_BYTES // 1024 // 1024}MB"
            if form is not None:
                form.add_error(None, message)
            return None
        out.append(AttachmentUpload(f.name, f.read()))
    return out


def act(request, item, do, success):
    """A button on the item page: run `do`, flash the outcome, back to the item."""
    return act_and_redirect(request, do, success, "catalog:staff_item", pk=item.pk)
