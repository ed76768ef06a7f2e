"""Object gates of the catalog: 404 when the user may not do `action` on the item's agency."""

from __future__ import annotations

from gongkai.agencies.access import Action, object_for
from gongkai.catalog.models import Attachment, Item, ItemVersion, ScreeningHit


def item_for(user, pk, action: Action = Action.VIEW) -> Item:
    return object_for(
        user, Item.objects.select_related("agency", "column"), pk, action, lambda obj: obj.agency, "事项不存在"
    )


def version_for(user, pk, action: Action = Action.VIEW) -> ItemVersion:
    return object_for(
        user,
        ItemVersion.objects.select_related("item__agency", "item__column"),
        pk,
        action,
        lambda obj: obj.item.agency,
        "版本不存在",
    )


def hit_for(user, pk, action: Action = Action.REVIEW) -> ScreeningHit:
    return object_for(
        user,
        ScreeningHit.objects.select_related("version__item__agency"),
        pk,
        action,
        lambda obj: obj.version.item.agency,
        "记录不存在",
    )


def attachment_for(user, pk, action: Action = Action.REVIEW):

    return object_for(
        user,
        Attachment.objects.select_related("version__item__agency"),
        pk,
        action,
        lambda obj: obj.version.item.agency,
        "附件不存在",
    )
