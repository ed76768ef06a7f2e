"""The catalog's sections of the clerk's desk (主动公开 to-dos)."""

from __future__ import annotations

from django.urls import reverse

from gongkai.agencies.desk_registry import DeskEntry, section
from gongkai.agencies.models import Role
from gongkai.catalog.models import ItemVersion, RetirementRequest, Review
from gongkai.core.catalog.workflow import VersionState


def _entry(version, detail):
    return DeskEntry(
        title=version.title,
        url=reverse("catalog:staff_item", args=[version.item_id]),
        agency=version.item.agency.name,
        detail=detail,
    )


@section("catalog.to_review", "待审核的信息", roles={Role.REVIEWER, Role.AGENCY_ADMIN}, order=30)
def drafts_to_review(user, agencies, today):
    """Submitted versions the user may review (not their own: the reviewer is not the author)."""
    versions = (
        ItemVersion.objects.filter(item__agency__in=agencies, state=VersionState.SUBMITTED.value)
        .exclude(author=user)
        .exclude(submitted_by=user)
        .select_related("item__agency")
        .order_by("submitted_at", "id")
    )
    out = [_entry(v, f"{v.submitted_at:%Y年%-m月%-d日}提交" if v.submitted_at else "已提交") for v in versions]
    requests = (
        RetirementRequest.objects.filter(item__agency__in=agencies, state=RetirementRequest.State.PENDING)
        .exclude(requested_by=user)
        .select_related("item__agency", "item__public_version")
    )
    out += [
        DeskEntry(
            title=r.item.public_version.title if r.item.public_version else str(r.item),
            url=reverse("catalog:staff_item", args=[r.item_id]),
            agency=r.item.agency.name,
            detail=f"申请标记为{r.get_validity_display()}",
        )
        for r in requests
    ]
    return out


@section("catalog.returned", "被退回修改的草稿", roles={Role.HANDLER, Role.AGENCY_ADMIN}, order=31)
def drafts_returned(user, agencies, today):
    """Drafts whose last review rejected them (the reviewer's opinion is on the item page)."""
    return [_entry(v, "审核退回，待修改后重新提交") for v in _returned(agencies)]


def _returned(agencies) -> list[ItemVersion]:
    rejected = set(
        Review.objects.filter(version__item__agency__in=agencies, conclusion=Review.Conclusion.REJECTED).values_list(
            "version__item_id", "version__number"
        )
    )
    drafts = (
        ItemVersion.objects.filter(item_id__in={item for item, _ in rejected}, state=VersionState.DRAFT.value)
        .select_related("item__agency")
        .order_by("created_at")
    )
    return [v for v in drafts if (v.item_id, v.number - 1) in rejected]


@section("catalog.my_drafts", "未提交的草稿", roles={Role.HANDLER, Role.AGENCY_ADMIN}, order=32)
def my_drafts(user, agencies, today):
    drafts = (
        ItemVersion.objects.filter(item__agency__in=agencies, state=VersionState.DRAFT.value, author=user)
        .select_related("item__agency")
        .order_by("created_at")
    )
    returned = {v.pk for v in _returned(agencies)}
    return [_entry(v, f"第{v.number}版草稿") for v in drafts if v.pk not in returned]
