"""Object gates of the catalog: 404 when the user may not do `action` on the item's agency."""

from __future__ import annotations

from django.http import Http404

from gongkai.agencies.access import Action, can
from gongkai.catalog.models import Item, ItemVersion, ScreeningHit


def item_for(user, pk, action: Action = Action.VIEW) -> Item:
    try:
        item = Item.objects.select_related("agency", "column").get(pk=pk)
    except (Item.DoesNotExist, ValueError, TypeError):
        raise Http404("事项不存在") from None
    if not can(user, action, item.agency):
        raise Http404("事项不存在")
    return item


def version_for(user, pk, action: Action = Action.VIEW) -> ItemVersion:
    try:
        version = ItemVersion.objects.select_related("item__agency", "item__column").get(pk=pk)
    except (ItemVersion.DoesNotExist, ValueError, TypeError):
        raise Http404("版本不存在") from None
    if not can(user, action, version.item.agency):
        raise Http404("版本不存在")
    return version


def hit_for(user, pk, action: Action = Action.REVIEW) -> ScreeningHit:
    try:
        hit = ScreeningHit.objects.select_related("version__item__agency").get(pk=pk)
    except (ScreeningHit.DoesNotExist, ValueError, TypeError):
        raise Http404("记录不存在") from None
    if not can(user, action, hit.version.item.agency):
        raise Http404("记录不存在")
    return hit
