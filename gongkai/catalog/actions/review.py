"""The confidentiality review: submit (with screening), resolve screening hits, approve, reject.

Four eyes: the approver (or rejecter) of a version is none of its author, its submitter or anyone
who edited it (`ItemVersion.editors`). Pages of attachments that no text could be read from
(scans, images the OCR could not read) must be confirmed by the reviewer, page by page
(“已人工核对”, `confirm_attachment_pages`), before approval. Races: every action locks the
version row and checks its state; whoever comes second is told “该事项已由他人处理”.
"""

from __future__ import annotations

from django.db import transaction

from gongkai import audit
from gongkai.agencies.access import Action, can, check_four_eyes
from gongkai.catalog.actions._versions import copy_version
from gongkai.catalog.actions.publishing import publish_version
from gongkai.catalog.models import Attachment, ItemVersion, Review, ScreeningHit
from gongkai.core.catalog.screening import HitKind, screen
from gongkai.core.catalog.workflow import Event, InvalidTransition, VersionState, next_state
from gongkai.core.refusal import PermissionRefused, Refused
from gongkai.core.text import TextRefused, clean_text

TAKEN = "该事项已由他人处理，请刷新页面后查看当前状态"


def _locked(version: ItemVersion, expected: VersionState | None = None) -> ItemVersion:
    """The version re-read under a row lock; Refused(TAKEN) when it is no longer in `expected`."""
    version = ItemVersion.objects.select_for_update().select_related("item__agency").get(pk=version.pk)
    if expected is not None and version.state != expected.value:
        raise Refused(TAKEN)
    return version


def _opinion(opinion: str | None) -> str:
    """The review opinion, cleaned like any form field (the reject view passes it as posted)."""
    try:
        return clean_text((opinion or "").strip(), "审查意见", 2000)
    except TextRefused as refused:
        raise Refused(str(refused)) from None


def _next(version: ItemVersion, event: Event) -> VersionState:
    try:
        return next_state(version.state, event)
    except InvalidTransition:
        raise Refused(TAKEN) from None


def _screen_version(version: ItemVersion) -> list[ScreeningHit]:
    sources = [
        ("名称", version.title),
        ("内容概述", version.summary),
        ("文号", version.doc_number),
        ("关键词", version.keywords),
        ("正文", version.body_text),
    ]
    sources += [(f"附件“{a.name}”", a.text) for a in version.attachments.all()]
    hits = []
    for source, text in sources:
        for hit in screen(text or ""):
            hits.append(
                ScreeningHit(
                    version=version,
                    source=source[:200],
                    kind=hit.kind.value,
                    match=hit.match[:100],
                    context=hit.context[:200],
                )
            )
    return ScreeningHit.objects.bulk_create(hits)


@transaction.atomic
def submit_version(*, version: ItemVersion, actor, now) -> ItemVersion:
    version = _locked(version)
    if not can(actor, Action.EDIT, version.item.agency):
        raise PermissionRefused("无权提交该信息")
    version.state = _next(version, Event.SUBMIT).value
    version.submitted_at = now
    version.submitted_by = actor
    version.save(update_fields=["state", "submitted_at", "submitted_by"])
    version.hits.all().delete()
    hits = _screen_version(version)
    audit.record(
        subject=version.item,
        actor=actor,
        kind="catalog.version.submitted",
        after={"version": version.number, "screening_hits": len(hits)},
    )
    return version


@transaction.atomic
def resolve_hit(*, hit: ScreeningHit, actor, resolution: str, reason: str, now) -> ScreeningHit:
    hit = ScreeningHit.objects.select_for_update().select_related("version__item__agency").get(pk=hit.pk)
    version = hit.version
    if not can(actor, Action.REVIEW, version.item.agency):
        raise PermissionRefused("无权审核该信息")
    if version.state != VersionState.SUBMITTED:
        raise Refused(TAKEN)
    if resolution not in (ScreeningHit.Resolution.CONFIRMED, ScreeningHit.Resolution.REMOVE):
        raise Refused("请选择处理方式")
    reason = (reason or "").strip()
    if resolution == ScreeningHit.Resolution.CONFIRMED and not reason:
        raise Refused("确认可以公开时须填写理由")
    before = {"resolution": hit.resolution, "reason": hit.reason}
    hit.resolution, hit.reason, hit.resolved_by, hit.resolved_at = resolution, reason[:300], actor, now
    hit.save(update_fields=["resolution", "reason", "resolved_by", "resolved_at"])
    audit.record(
        subject=version.item,
        actor=actor,
        kind="catalog.screening.resolved",
        before=before,
        after={"hit": hit.pk, "kind": hit.kind, "resolution": resolution, "reason": hit.reason},
    )
    return hit


def _check_reviewer(version: ItemVersion, actor) -> None:
    if not can(actor, Action.REVIEW, version.item.agency):
        raise PermissionRefused("无权审核该信息")
    editors = version.editors.values_list("pk", flat=True)
    check_four_eyes(actor, {version.author_id, version.submitted_by_id, *editors})


def _unchecked_pages(version: ItemVersion) -> list[str]:
    out = []
    for attachment in version.attachments.all():
        pages = attachment.pages_unchecked
        if pages:
            out.append(f"附件“{attachment.name}”第{'、'.join(str(p) for p in pages)}页")
    return out


@transaction.atomic
def confirm_attachment_pages(*, attachment: Attachment, actor, pages: list[int], now) -> Attachment:
    """The reviewer confirms (“已人工核对”) pages of an attachment that no text could be read
    from: each page looked at for personal data and secrecy marks (条例 Art. 15, Art. 17)."""
    attachment = Attachment.objects.select_for_update().select_related("version__item__agency").get(pk=attachment.pk)
    version = _locked(attachment.version, VersionState.SUBMITTED)
    _check_reviewer(version, actor)
    wanted = {int(p) for p in pages}
    unknown = wanted - set(attachment.pages_to_check)
    if not wanted or unknown:
        raise Refused("请选择需要人工核对的页")
    attachment.pages_checked = sorted(set(attachment.pages_checked) | wanted)
    attachment.checked_by = actor
    attachment.save(update_fields=["pages_checked", "checked_by"])
    audit.record(
        subject=version.item,
        actor=actor,
        kind="catalog.attachment.pages_checked",
        after={"attachment": attachment.name, "pages": sorted(wanted), "at": now.isoformat()},
    )
    return attachment


@transaction.atomic
def approve_version(*, version: ItemVersion, actor, opinion: str, now, publish_at=None) -> ItemVersion:
    """Approve after the confidentiality review; publish at once unless `publish_at` is later."""
    version = _locked(version, VersionState.SUBMITTED)
    _check_reviewer(version, actor)
    opinion = _opinion(opinion)
    new_state = _next(version, Event.APPROVE)
    unchecked = _unchecked_pages(version)
    if unchecked:
        raise Refused(f"{'；'.join(unchecked)}没有可供筛查的文字，须由审核人逐页核对（已人工核对）后才能通过审核")
    open_hits = version.hits.exclude(resolution=ScreeningHit.Resolution.CONFIRMED)
    if open_hits.exists():
        labels = sorted({HitKind(h.kind).label for h in open_hits})
        raise Refused(
            f"还有{open_hits.count()}处筛查命中（{'、'.join(labels)}）未确认可以公开，不能通过审核；"
            "须删除的内容请退回修改"
        )
    Review.objects.create(
        version=version,
        reviewer=actor,
        reviewed_at=now,
        conclusion=Review.Conclusion.APPROVED,
        opinion=(opinion or "").strip() or "同意公开",
    )
    version.state = new_state.value
    version.publish_at = publish_at if publish_at and publish_at > now else None
    version.save(update_fields=["state", "publish_at"])
    audit.record(
        subject=version.item,
        actor=actor,
        kind="catalog.version.approved",
        after={"version": version.number, "publish_at": version.publish_at},
        note=opinion or "",
    )
    if version.publish_at is None:
        publish_version(version=version, actor=actor, now=now)
    return version


@transaction.atomic
def reject_version(*, version: ItemVersion, actor, opinion: str, now) -> ItemVersion:
    """Reject back to the handler: the version is closed with the review, and a new draft
    (a copy) is opened for the correction. Returns the new draft."""
    version = _locked(version, VersionState.SUBMITTED)
    _check_reviewer(version, actor)
    opinion = _opinion(opinion)
    if not opinion:
        raise Refused("退回时须填写审查意见")
    version.state = _next(version, Event.REJECT).value
    version.save(update_fields=["state"])
    Review.objects.create(
        version=version, reviewer=actor, reviewed_at=now, conclusion=Review.Conclusion.REJECTED, opinion=opinion
    )
    draft = copy_version(version, author=version.author)
    audit.record(
        subject=version.item,
        actor=actor,
        kind="catalog.version.rejected",
        after={"version": version.number, "new_draft": draft.number},
        note=opinion,
    )
    return draft
