"""Public addresses that are also file names in the publish directory (gongkai.publishing): one
place for the listing-page and attachment addresses, used by the views and the publisher alike."""

from __future__ import annotations

from django.urls import reverse

from gongkai.catalog.models import ColumnKind


def column_url(slug: str, column, page: int) -> str:
    """The address of a listing page: the column itself for page 1, …/page/N/ after it."""
    if column.kind == ColumnKind.ANNUAL_REPORT:
        return (
            reverse("catalog:annual_reports", args=[slug])
            if page == 1
            else reverse("catalog:annual_reports_page", args=[slug, page])
        )
    return (
        reverse("catalog:column", args=[slug, column.pk])
        if page == 1
        else reverse("catalog:column_page", args=[slug, column.pk, page])
    )


def public_file_name(attachment) -> str:
    """The attachment's own name as a file name (no path separators); its type stays its suffix."""
    name = "".join("_" if c in "/\\" or ord(c) < 32 else c for c in attachment.name).strip(" .")
    return name or f"{attachment.pk}"


def attachment_path(agency_slug: str, item_pk: int, attachment) -> str:
    return reverse("catalog:attachment_file", args=[agency_slug, item_pk, attachment.pk, public_file_name(attachment)])
