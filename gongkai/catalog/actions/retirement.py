"""Retirement (失效/废止) of a published item, through review.

A handler *requests* it; a reviewer (not the requester) approves — only then is the item marked —
or returns it. The item stays public, clearly marked, as the law keeps repealed documents
traceable (条例 Art. 20(1) 规范性文件 with their validity; Art. 26 accuracy of what is public).
"""

from __future__ import annotations

from datetime import date

from django.db import transaction

from gongkai import audit
from gongkai.agencies.access import Action, can, check_four_eyes
from gongkai.catalog.models import DocKind, Item, RetirementRequest
from gongkai.catalog.search_index import index_item
from gongkai.core.catalog.workflow import VALIDITY_LABELS, Validity
from gongkai.core.refusal import PermissionRefused, Refused


def _check_request(item: Item, validity: str, on: date | None, reason: str) -> str:
    if validity not in (Validity.EXPIRED.value, Validity.REPEALED.value):
        raise Refused("请选择“失效”或“废止”", field_errors={"validity": "请选择“失效”或“废止”"})
    reason = (reason or "").strip()
    if not reason:
        raise Refused("请填写失效或废止的原因", field_errors={"reason": "请填写失效或废止的原因"})
    if item.public_version_id is None:
        raise Refused("尚未发布的信息不能标记失效或废止")
    if item.validity != Validity.EFFECTIVE:
        raise Refused("该信息已经失效或废止")
    if on is None or on < item.public_version.written_on:
        raise Refused("失效或废止日期不能早于成文日期", field_errors={"on": "失效或废止日期不能早于成文日期"})
    return reason


@transaction.atomic
def request_retirement(*, item: Item, actor, validity: str, on: date, reason: str, now) -> RetirementRequest:
    """The handler asks for the item to be marked 失效 or 废止; a reviewer decides."""
    item = Item.objects.select_for_update(of=("self",)).select_related("agency", "public_version").get(pk=item.pk)
    if not can(actor, Action.EDIT, item.agency):
        raise PermissionRefused("无权修改该信息")
    reason = _check_request(item, validity, on, reason)
    if item.retirement_requests.filter(state=RetirementRequest.State.PENDING).exists():
        raise Refused("该信息已有待审核的失效或废止申请")
    request = RetirementRequest.objects.create(
        item=item, validity=validity, on=on, reason=reason, requested_by=actor, requested_at=now
    )
    audit.record(
        subject=item,
        actor=actor,
        kind="catalog.item.retirement_requested",
        after={"validity": validity, "on": on, "request": request.pk},
        note=f"{VALIDITY_LABELS[Validity(validity)]}：{reason}",
    )
    return request


def _pending(item_or_request) -> RetirementRequest:
    request = (
        RetirementRequest.objects.select_for_update(of=("self",))
        .select_related("item__agency", "item__public_version")
        .get(pk=item_or_request.pk)
    )
    if request.state != RetirementRequest.State.PENDING:
        raise Refused("该失效或废止申请已处理")
    return request


def _check_reviewer(request: RetirementRequest, actor) -> None:
    if not can(actor, Action.REVIEW, request.item.agency):
        raise PermissionRefused("无权审核该申请")
    check_four_eyes(actor, {request.requested_by_id})


@transaction.atomic
def approve_retirement(*, request: RetirementRequest, actor, opinion: str, now) -> Item:
    """The reviewer agrees: the item is marked 失效/废止 as requested (it stays public, marked)."""
    request = _pending(request)
    _check_reviewer(request, actor)
    item = Item.objects.select_for_update(of=("self",)).select_related("public_version").get(pk=request.item_id)
    _check_request(item, request.validity, request.on, request.reason)
    before = {"validity": item.validity}
    item.validity, item.validity_changed_on, item.retire_reason = request.validity, request.on, request.reason
    if item.doc_kind in (DocKind.REGULATION, DocKind.NORMATIVE):
        item.repealed_on = request.on
    item.save(update_fields=["validity", "validity_changed_on", "retire_reason", "repealed_on"])
    request.state, request.reviewed_by, request.reviewed_at = RetirementRequest.State.APPROVED, actor, now
    request.opinion = (opinion or "").strip() or "同意"
    request.save(update_fields=["state", "reviewed_by", "reviewed_at", "opinion"])
    index_item(item)
    audit.record(
        subject=item,
        actor=actor,
        kind="catalog.item.retired",
        before=before,
        after={"validity": request.validity, "on": request.on, "request": request.pk},
        note=f"{VALIDITY_LABELS[Validity(request.validity)]}：{request.reason}",
    )
    return item


@transaction.atomic
def reject_retirement(*, request: RetirementRequest, actor, opinion: str, now) -> RetirementRequest:
    """The reviewer returns the request with a reason; the item stays 有效."""
    request = _pending(request)
    _check_reviewer(request, actor)
    opinion = (opinion or "").strip()
    if not opinion:
        raise Refused("退回时须填写审核意见", field_errors={"opinion": "退回时须填写审核意见"})
    request.state, request.reviewed_by, request.reviewed_at, request.opinion = (
        RetirementRequest.State.REJECTED,
        actor,
        now,
        opinion,
    )
    request.save(update_fields=["state", "reviewed_by", "reviewed_at", "opinion"])
    audit.record(
        subject=request.item,
        actor=actor,
        kind="catalog.item.retirement_rejected",
        after={"request": request.pk},
        note=opinion,
    )
    return request
