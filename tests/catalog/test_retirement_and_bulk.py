"""Retiring an item goes through review; the staff item list: search, filters, pagination, bulk."""

from __future__ import annotations

from datetime import date

import pytest
from django.urls import reverse

from gongkai.audit.models import AuditEntry
from gongkai.catalog import actions
from gongkai.catalog.models import RetirementRequest
from gongkai.core.refusal import PermissionRefused, Refused
from tests.catalog.conftest import NOW


def test_a_handler_cannot_retire_directly_only_request(make_item, publish, handler, reviewer, agency_admin):
    item = publish(make_item())
    request = actions.request_retirement(
        item=item, actor=handler, validity="repealed", on=date(2024, 8, 1), reason="政策调整", now=NOW
    )
    item.refresh_from_db()
    assert item.validity == "effective"  # nothing public changes before review
    with pytest.raises(Refused, match="已有待审核"):
        actions.request_retirement(
            item=item, actor=handler, validity="expired", on=date(2024, 8, 1), reason="再次", now=NOW
        )
    with pytest.raises(PermissionRefused):  # a 经办人 does not review
        actions.approve_retirement(request=request, actor=handler, opinion="", now=NOW)
    actions.approve_retirement(request=request, actor=reviewer, opinion="同意", now=NOW)
    item.refresh_from_db()
    assert item.validity == "repealed" and item.retire_reason == "政策调整"
    request.refresh_from_db()
    assert request.state == RetirementRequest.State.APPROVED and request.reviewed_by == reviewer
    kinds = list(
        AuditEntry.objects.filter(subject_id=str(item.pk), kind__startswith="catalog.item.retire")
        .order_by("id")
        .values_list("kind", flat=True)
    )
    assert kinds == ["catalog.item.retirement_requested", "catalog.item.retired"]


def test_an_administrator_cannot_approve_their_own_request(make_item, publish, agency_admin):
    item = publish(make_item())
    request = actions.request_retirement(
        item=item, actor=agency_admin, validity="expired", on=date(2024, 8, 1), reason="到期", now=NOW
    )
    with pytest.raises(Refused, match="四眼原则"):
        actions.approve_retirement(request=request, actor=agency_admin, opinion="", now=NOW)


def test_a_rejected_request_leaves_the_item_effective(make_item, publish, handler, reviewer):
    item = publish(make_item())
    request = actions.request_retirement(
        item=item, actor=handler, validity="expired", on=date(2024, 8, 1), reason="到期", now=NOW
    )
    with pytest.raises(Refused, match="审核意见"):
        actions.reject_retirement(request=request, actor=reviewer, opinion=" ", now=NOW)
    actions.reject_retirement(request=request, actor=reviewer, opinion="仍在有效期内", now=NOW)
    item.refresh_from_db()
    assert item.validity == "effective"
    with pytest.raises(Refused, match="已处理"):
        actions.approve_retirement(request=request, actor=reviewer, opinion="", now=NOW)


def test_retire_form_on_the_item_page_only_requests(client_of, make_item, publish, handler, reviewer):
    item = publish(make_item())
    response = client_of(handler).post(
        reverse("catalog:staff_item_retire", args=[item.pk]),
        {"validity": "repealed", "on": "2024-08-01", "reason": "政策调整"},
        follow=True,
    )
    assert "待审核人审核" in response.content.decode()
    item.refresh_from_db()
    assert item.validity == "effective"
    page = client_of(reviewer).get(reverse("catalog:staff_item", args=[item.pk])).content.decode()
    assert "同意失效或废止" in page
    client_of(reviewer).post(reverse("catalog:staff_retirement_approve", args=[item.pk]), {"opinion": "同意"})
    item.refresh_from_db()
    assert item.validity == "repealed"


def test_bulk_submit_and_bulk_retire(client_of, make_item, publish, handler, reviewer, township):
    drafts = [make_item(title=f"草稿{i}") for i in range(3)]
    published = publish(make_item(title="已发布的通知"))
    bulk = reverse("catalog:staff_items_bulk", args=[township.pk])
    response = client_of(handler).post(
        bulk, {"operation": "submit", "items": [d.pk for d in drafts] + [published.pk]}, follow=True
    )
    html = response.content.decode()
    assert "提交审核3条" in html and "1条未能提交审核" in html and "没有待提交的草稿" in html
    assert all(d.versions.get().state == "submitted" for d in drafts)
    response = client_of(handler).post(
        bulk,
        {
            "operation": "retire",
            "items": [published.pk],
            "bulk-validity": "expired",
            "bulk-on": "2024-08-01",
            "bulk-reason": "阶段性工作已结束",
        },
        follow=True,
    )
    assert "提交失效或废止审核1条" in response.content.decode()
    published.refresh_from_db()
    assert published.validity == "effective" and published.retirement_requests.get().state == "pending"
    assert client_of(reviewer).post(bulk, {"operation": "submit", "items": [drafts[0].pk]}).status_code == 404


def test_item_list_search_filters_and_pagination(client_of, make_item, publish, handler, township):
    for i in range(27):
        make_item(title=f"关于第{i}号事项的通知")
    publish(make_item(title="关于道路维修的公告"))
    url = reverse("catalog:staff_items", args=[township.pk])
    client = client_of(handler)
    first = client.get(url).content.decode()
    assert "第1页，共2页（28条）" in first and '<label for="id_q">名称或索引号：</label>' in first
    assert '<label for="id_status">状态：</label>' in first
    second = client.get(url, {"page": 2}).content.decode()
    assert "第2页，共2页" in second
    found = client.get(url, {"q": "道路维修"}).content.decode()
    assert "关于道路维修的公告" in found and "第3号事项" not in found
    drafts = client.get(url, {"status": "draft"}).content.decode()
    assert "道路维修" not in drafts and "共2页（27条）" in drafts
    assert client.get(url, {"page": "abc", "status": "nonsense"}).status_code == 200
