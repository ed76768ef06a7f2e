"""Publication: 索引号 allocation, publish (now or scheduled), amend (retirement: actions/retirement.py)."""

from __future__ import annotations

from datetime import date

from django.db import transaction
from django.utils import timezone

from gongkai import audit
from gongkai.agencies.access import Action, can
from gongkai.catalog.actions._versions import copy_version
from gongkai.catalog.models import CatalogProfile, IndexCounter, Item, ItemVersion
from gongkai.catalog.search_index import index_item
from gongkai.core.catalog.index_number import DEFAULT_PATTERN, format_index_number
from gongkai.core.catalog.workflow import OPEN_STATE_VALUES, Event, Validity, VersionState, next_state
from gongkai.core.refusal import PermissionRefused, Refused


def allocate_index_number(agency, on: date) -> tuple[str, int, int]:
    """The next 索引号 of `agency` for the year of `on`. Must run inside the publishing
    transaction: the counter row is locked until commit, so serials are unique and, because a
    rolled-back publish rolls the counter back too, gap-free."""
    if not transaction.get_connection().in_atomic_block:
        raise RuntimeError("allocate_index_number() must run inside transaction.atomic()")
    profile = CatalogProfile.objects.filter(agency=agency).first()
    pattern = profile.index_pattern if profile else DEFAULT_PATTERN
    IndexCounter.objects.bulk_create([IndexCounter(agency=agency, year=on.year)], ignore_conflicts=True)
    counter = IndexCounter.objects.select_for_update().get(agency=agency, year=on.year)
    while True:
        counter.last_serial += 1
        number = format_index_number(
            pattern, credit_code=agency.credit_code, year=on.year, month=on.month, serial=counter.last_serial
        )
        if not Item.objects.filter(agency=agency, index_number=number).exists():  # imported numbers
            break
    counter.save(update_fields=["last_serial"])
    return number, on.year, counter.last_serial


@transaction.atomic
def publish_version(*, version: ItemVersion, actor, now) -> ItemVersion:
    """Make an approved version the public one (actor None = the scheduled-publication job; a
    person must be a reviewer of the agency — `approve_version` publishes with its reviewer)."""
    version = ItemVersion.objects.select_for_update().select_related("item__agency").get(pk=version.pk)
    if actor is not None and not can(actor, Action.REVIEW, version.item.agency):
        raise PermissionRefused("无权发布该信息")
    item = Item.objects.select_for_update().get(pk=version.item_id)
    version.state = next_state(version.state, Event.PUBLISH).value
    today = timezone.localdate(now)
    if version.published_on is None:
        version.published_on = today
    if version.published_on < version.written_on:
        raise Refused("发布日期不能早于成文日期")
    version.published_at = now
    version.publish_at = None
    version.save(update_fields=["state", "published_on", "published_at", "publish_at"])
    before = {"index_number": item.index_number, "public_version": item.public_version_id}
    if item.public_version_id:
        previous = ItemVersion.objects.select_for_update().get(pk=item.public_version_id)
        previous.state = next_state(previous.state, Event.SUPERSEDE).value
        previous.save(update_fields=["state"])
    if not item.index_number:
        item.index_number, item.index_year, item.index_serial = allocate_index_number(item.agency, version.published_on)
    item.public_version = version
    if item.first_published_at is None:
        item.first_published_at = now
    item.save(update_fields=["index_number", "index_year", "index_serial", "public_version", "first_published_at"])
    index_item(item)
    audit.record(
        subject=item,
        actor=actor,
        kind="catalog.item.published",
        before=before,
        after={"index_number": item.index_number, "version": version.number, "published_on": version.published_on},
    )
    return version


@transaction.atomic
def start_amendment(*, item: Item, actor) -> ItemVersion:
    """Open a new draft of a published item (the public page keeps the current version)."""
    item = Item.objects.select_for_update().select_related("agency").get(pk=item.pk)
    if not can(actor, Action.EDIT, item.agency):
        raise PermissionRefused("无权修改该信息")
    if item.public_version_id is None:
        raise Refused("尚未发布的信息不能修订")
    if item.versions.filter(state__in=OPEN_STATE_VALUES).exists():
        raise Refused("该信息已有未完成的版本")
    if item.validity != Validity.EFFECTIVE:
        raise Refused("已失效或废止的信息不能修订")
    draft = copy_version(item.public_version, author=actor)
    draft.changed_on = None
    draft.change_note = ""
    draft.public_note = ""
    draft.save(update_fields=["changed_on", "change_note", "public_note"])
    audit.record(subject=item, actor=actor, kind="catalog.item.amendment_started", after={"version": draft.number})
    return draft


def publish_due_versions(now) -> str:
    """Publish approved versions whose scheduled time has come (the periodic job)."""
    due = list(
        ItemVersion.objects.filter(state=VersionState.APPROVED.value, publish_at__lte=now).values_list("pk", flat=True)
    )
    published, failed = 0, []
    for pk in due:
        version = ItemVersion.objects.get(pk=pk)
        if version.state != VersionState.APPROVED.value:
            continue
        try:
            publish_version(version=version, actor=None, now=now)
        except Refused as error:  # one bad version must not block the others
            failed.append(f"{version.title}：{error.message}")
        else:
            published += 1
    return f"定时发布 {published} 条" + (f"，失败 {len(failed)} 条（{'；'.join(failed)}）" if failed else "")
