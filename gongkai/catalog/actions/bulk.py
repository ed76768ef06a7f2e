"""Bulk actions of the staff lists: 批量提交审核 and 批量失效 (through review).

Each item goes through the same single action as on its own page (permission, state checks, audit
record, one transaction each); one refused item does not stop the others, and the result names
every refusal with its reason.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from gongkai.catalog.actions.retirement import request_retirement
from gongkai.catalog.actions.review import submit_version
from gongkai.catalog.models import Item
from gongkai.core.catalog.workflow import VersionState
from gongkai.core.refusal import Refused


@dataclass
class BulkResult:
    done: list[Item] = field(default_factory=list)
    refused: list[tuple[Item, str]] = field(default_factory=list)

    def summary(self, verb: str) -> str:
        text = f"{verb}{len(self.done)}条"
        if self.refused:
            reasons = "；".join(f"“{_title(item)}”{reason}" for item, reason in self.refused)
            text += f"，{len(self.refused)}条未能{verb}（{reasons}）"
        return text


def _title(item: Item) -> str:
    version = item.public_version or item.versions.order_by("-number").first()
    return version.title if version else f"信息{item.pk}"


def _each(items, result: BulkResult, do) -> BulkResult:
    for item in items:
        try:
            do(item)
        except Refused as refused:  # a permission too: the item is listed as not done, with the reason
            result.refused.append((item, refused.message))
        else:
            result.done.append(item)
    return result


def submit_drafts(*, items, actor, now) -> BulkResult:
    """批量提交审核: the open draft of each item is submitted for review."""

    def do(item):
        draft = item.versions.filter(state=VersionState.DRAFT.value).first()
        if draft is None:
            raise Refused("没有待提交的草稿")
        submit_version(version=draft, actor=actor, now=now)

    return _each(items, BulkResult(), do)


def request_retirements(*, items, actor, validity: str, on, reason: str, now) -> BulkResult:
    """批量失效: a retirement request for each item, each decided by a reviewer."""
    return _each(
        items,
        BulkResult(),
        lambda item: request_retirement(item=item, actor=actor, validity=validity, on=on, reason=reason, now=now),
    )
