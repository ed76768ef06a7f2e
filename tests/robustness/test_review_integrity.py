"""Catalog review integrity (issue 11): four eyes over everyone who edited a version; scans are
OCR'd for the screening or confirmed page by page (“已人工核对”); portal text only by an agency
administrator, versioned."""

from __future__ import annotations

import io

import pytest

from gongkai.catalog import actions
from gongkai.catalog.models import PortalTextRevision
from gongkai.core.refusal import PermissionRefused, Refused
from tests.applications.factories import VALID_ID
from tests.catalog.conftest import NOW, fields


def _png(text: str | None) -> bytes:
    from PIL import Image, ImageDraw, ImageFont

    image = Image.new("RGB", (1400, 200), "white")
    if text:
        font = ImageFont.truetype("/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf", 48)
        ImageDraw.Draw(image).text((40, 60), text, fill="black", font=font)
    out = io.BytesIO()
    image.save(out, "PNG")
    return out.getvalue()


def _scan_pdf(text: str | None) -> bytes:
    from PIL import Image

    out = io.BytesIO()
    Image.open(io.BytesIO(_png(text))).save(out, "PDF", resolution=100)
    return out.getvalue()


def test_an_agency_admin_who_edited_the_draft_cannot_approve_it(township, news, handler, agency_admin, reviewer):
    item = actions.create_item(agency=township, column=news, actor=handler, fields=fields())
    version = item.versions.get()
    actions.update_draft(version=version, actor=agency_admin, fields=fields(summary="管理员改过的概述"))
    actions.submit_version(version=version, actor=handler, now=NOW)
    with pytest.raises(Refused, match="四眼原则"):
        actions.approve_version(version=version, actor=agency_admin, opinion="", now=NOW)
    actions.approve_version(version=version, actor=reviewer, opinion="同意", now=NOW)
    version.refresh_from_db()
    assert version.state == "published"


def test_an_image_is_ocrd_and_its_id_number_screened(township, news, handler):
    item = actions.create_item(
        agency=township,
        column=news,
        actor=handler,
        fields=fields(),
        attachments=[actions.AttachmentUpload("scan.png", _png(f"ID {VALID_ID}"))],
    )
    version = item.versions.get()
    attachment = version.attachments.get()
    assert attachment.text_source == "ocr" and VALID_ID in attachment.text.replace(" ", "")
    actions.submit_version(version=version, actor=handler, now=NOW)
    assert version.hits.filter(kind="id_number", source__contains="scan.png").exists()


def test_a_scanned_pdf_page_is_ocrd(township, news, handler):
    item = actions.create_item(
        agency=township,
        column=news,
        actor=handler,
        fields=fields(),
        attachments=[actions.AttachmentUpload("scan.pdf", _scan_pdf(f"ID {VALID_ID}"))],
    )
    attachment = item.versions.get().attachments.get()
    assert attachment.text_source == "ocr" and attachment.pages_to_check == []
    assert VALID_ID in attachment.text.replace(" ", "")


def test_a_page_nobody_can_read_must_be_confirmed_by_hand_before_approval(township, news, handler, reviewer):
    item = actions.create_item(
        agency=township,
        column=news,
        actor=handler,
        fields=fields(),
        attachments=[actions.AttachmentUpload("blank.pdf", _scan_pdf(None))],
    )
    version = item.versions.get()
    attachment = version.attachments.get()
    assert attachment.text_source == "none" and attachment.pages_to_check == [1]
    actions.submit_version(version=version, actor=handler, now=NOW)
    with pytest.raises(Refused, match="逐页核对（已人工核对）"):
        actions.approve_version(version=version, actor=reviewer, opinion="", now=NOW)
    with pytest.raises(PermissionRefused):
        actions.confirm_attachment_pages(attachment=attachment, actor=handler, pages=[1], now=NOW)  # not a reviewer
    actions.confirm_attachment_pages(attachment=attachment, actor=reviewer, pages=[1], now=NOW)
    actions.approve_version(version=version, actor=reviewer, opinion="同意", now=NOW)
    version.refresh_from_db()
    assert version.state == "published"


def test_manual_check_through_the_review_page(client_of, township, news, handler, reviewer):
    item = actions.create_item(
        agency=township,
        column=news,
        actor=handler,
        fields=fields(),
        attachments=[actions.AttachmentUpload("blank.png", _png(None))],
    )
    version = item.versions.get()
    actions.submit_version(version=version, actor=handler, now=NOW)
    client = client_of(reviewer)
    page = client.get(f"/staff/catalog/item/{item.pk}/").content.decode()
    assert "已人工核对" in page and "第1页" in page
    attachment = version.attachments.get()
    for bad in (["²"], ["9"], []):
        response = client.post(f"/staff/catalog/attachment/{attachment.pk}/pages/", {"pages": bad}, follow=True)
        assert response.status_code == 200
    attachment.refresh_from_db()
    assert attachment.pages_checked == []
    client.post(f"/staff/catalog/attachment/{attachment.pk}/pages/", {"pages": ["1"]})
    attachment.refresh_from_db()
    assert attachment.pages_checked == [1] and attachment.checked_by == reviewer


def test_portal_text_only_by_an_agency_admin_and_versioned(township, news, handler, agency_admin):
    from gongkai.catalog.actions.setup import add_column, update_catalog_settings, update_column

    with pytest.raises(PermissionRefused):
        add_column(agency=township, actor=handler, name="经办人的栏目", parent=news.parent, position=1)
    with pytest.raises(PermissionRefused):
        update_column(
            column=news, actor=handler, name=news.name, parent=news.parent, position=3, empty_reason="经办人写的说明"
        )
    update_column(column=news, actor=handler, name=news.name, parent=news.parent, position=3)  # reorder is fine
    update_column(column=news, actor=agency_admin, name="镇村动态", parent=news.parent, position=3, empty_reason="暂无")
    update_catalog_settings(
        agency=township,
        actor=agency_admin,
        index_pattern="{统一社会信用代码}/{YYYY}-{NNNNN}",
        guide_html="<p>指南第一版</p>",
        system_html="",
    )
    update_catalog_settings(
        agency=township,
        actor=agency_admin,
        index_pattern="{统一社会信用代码}/{YYYY}-{NNNNN}",
        guide_html="<p>指南第二版</p>",
        system_html="",
    )
    revisions = PortalTextRevision.objects.filter(agency=township)
    assert list(revisions.filter(subject="guide").values_list("number", "text")) == [
        (1, "<p>指南第一版</p>"),
        (2, "<p>指南第二版</p>"),
    ]
    assert revisions.filter(subject="column_name", column=news, text="镇村动态").exists()
    assert revisions.filter(subject="empty_reason", column=news, text="暂无", author=agency_admin).exists()
