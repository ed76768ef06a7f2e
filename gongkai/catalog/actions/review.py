"""The confidentiality review: submit (with screening), resolve screening hits, approve, reject."""

from __future__ import annotations

from django.core.exceptions import PermissionDenied
from django.db import transaction

from gongkai import audit
from gongkai.agencies.access import Action, can
from gongkai.catalog.actions.errors import CatalogError
from gongkai.catalog.models import Attachment, ItemVersion, Review, ScreeningHit
from gongkai.core.catalog.screening import HitKind, screen
from gongkai.core.catalog.workflow import Event, VersionState, next_state


def _locked(version: ItemVersion) -> ItemVersion:
    return ItemVersion.objects.select_for_update().select_related("item__agency").get(pk=version.pk)


def screen_version(version: ItemVersion) -> list[ScreeningHit]:
    sources = [("名称", version.title), ("内容概述", version.summary), ("文号", version.doc_number),
               ("关键词", version.keywords), ("正文", version.body_text)]
    sources += [(f"附件“{a.name}”", a.text) for a in version.attachments.all()]
    hits = []
    for source, text in sources:
        for hit in screen(text or ""):
            hits.append(ScreeningHit(version=version, source=source[:200], kind=hit.kind.value,
                                     match=hit.match[:100], context=hit.context[:200]))
    return ScreeningHit.objects.bulk_create(hits)


@transaction.atomic
def submit_version(*, version: ItemVersion, actor, now) -> ItemVersion:
    version = _locked(version)
    if not can(actor, Action.EDIT, version.item.agency):
        raise PermissionDenied("无权提交该信息")
    version.state = next_state(version.state, Event.SUBMIT).value
    version.submitted_at = now
    version.submitted_by = actor
    version.save(update_fields=["state", "submitted_at", "submitted_by"])
    version.hits.all().delete()
    hits = screen_version(version)
    audit.record(subject=version.item, actor=actor, kind="catalog.version.submitted",
                 after={"version": version.number, "screening_hits": len(hits)})
    return version


@transaction.atomic
def resolve_hit(*, hit: ScreeningHit, actor, resolution: str, reason: str, now) -> ScreeningHit:
    hit = ScreeningHit.objects.select_for_update().select_related("version__item__agency").get(pk=hit.pk)
    version = hit.version
    if not can(actor, Action.REVIEW, version.item.agency):
        raise PermissionDenied("无权审核该信息")
    if version.state != VersionState.SUBMITTED:
        raise CatalogError("该版本不在待审核状态")
    if resolution not in (ScreeningHit.Resolution.CONFIRMED, ScreeningHit.Resolution.REMOVE):
        raise CatalogError("请选择处理方式")
    reason = (reason or "").strip()
    if resolution == ScreeningHit.Resolution.CONFIRMED and not reason:
        raise CatalogError("确认可以公开时须填写理由")
    before = {"resolution": hit.resolution, "reason": hit.reason}
    hit.resolution, hit.reason, hit.resolved_by, hit.resolved_at = resolution, reason[:300], actor, now
    hit.save(update_fields=["resolution", "reason", "resolved_by", "resolved_at"])
    audit.record(subject=version.item, actor=actor, kind="catalog.screening.resolved", before=before,
                 after={"hit": hit.pk, "kind": hit.kind, "resolution": resolution, "reason": hit.reason})
    return hit


def _check_reviewer(version: ItemVersion, actor) -> None:
    if not can(actor, Action.REVIEW, version.item.agency):
        raise PermissionDenied("无权审核该信息")
    if actor.pk in (version.author_id, version.submitted_by_id):
        raise CatalogError("审核人不能审核自己起草或提交的信息")


@transaction.atomic
def approve_version(*, version: ItemVersion, actor, opinion: str, now, publish_at=None) -> ItemVersion:
    """Approve after the confidentiality review; publish at once unless `publish_at` is later."""
    from gongkai.catalog.actions.publishing import publish_version

    version = _locked(version)
    _check_reviewer(version, actor)
    new_state = next_state(version.state, Event.APPROVE)
    open_hits = version.hits.exclude(resolution=ScreeningHit.Resolution.CONFIRMED)
    if open_hits.exists():
        labels = sorted({HitKind(h.kind).label for h in open_hits})
        raise CatalogError(f"还有{open_hits.count()}处筛查命中（{'、'.join(labels)}）未确认可以公开，不能通过审核；"
                           "须删除的内容请退回修改")
    Review.objects.create(version=version, reviewer=actor, reviewed_at=now,
                          conclusion=Review.Conclusion.APPROVED, opinion=(opinion or "").strip() or "同意公开")
    version.state = new_state.value
    version.publish_at = publish_at if publish_at and publish_at > now else None
    version.save(update_fields=["state", "publish_at"])
    audit.record(subject=version.item, actor=actor, kind="catalog.version.approved",
                 after={"version": version.number, "publish_at": version.publish_at}, note=opinion or "")
    if version.publish_at is None:
        publish_version(version=version, actor=actor, now=now)
    return version


@transaction.atomic
def reject_version(*, version: ItemVersion, actor, opinion: str, now) -> ItemVersion:
    """Reject back to the handler: the version is closed with the review, and a new draft
    (a copy) is opened for the correction. Returns the new draft."""
    version = _locked(version)
    _check_reviewer(version, actor)
    opinion = (opinion or "").strip()
    if not opinion:
        raise CatalogError("退回时须填写审查意见")
    version.state = next_state(version.state, Event.REJECT).value
    version.save(update_fields=["state"])
    Review.objects.create(version=version, reviewer=actor, reviewed_at=now,
                          conclusion=Review.Conclusion.REJECTED, opinion=opinion)
    draft = copy_version(version, author=version.author)
    audit.record(subject=version.item, actor=actor, kind="catalog.version.rejected",
                 after={"version": version.number, "new_draft": draft.number}, note=opinion)
    return draft


def copy_version(source: ItemVersion, *, author) -> ItemVersion:
    number = source.item.versions.order_by("-number").values_list("number", flat=True).first() + 1
    fields = {f: getattr(source, f) for f in [
        "title", "summary", "doc_number", "publisher", "written_on", "formed_on", "changed_on",
        "published_on", "topic", "keywords", "body_html", "body_text", "change_note", "public_note"]}
    draft = ItemVersion.objects.create(item=source.item, number=number, author=author, **fields)
    Attachment.objects.bulk_create([
        Attachment(version=draft, file=a.file.name, name=a.name, content_type=a.content_type,
                   size_bytes=a.size_bytes, sha256=a.sha256, text=a.text)
        for a in source.attachments.all()
    ])
    return draft
