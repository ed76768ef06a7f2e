"""Staff pages of the catalog: submission, review, screening hits and retirement through review."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404
from django.shortcuts import redirect
from django.utils import timezone
from django.views.decorators.http import require_POST

from gongkai.agencies.access import Action
from gongkai.catalog import actions
from gongkai.catalog.access import attachment_for, hit_for, item_for
from gongkai.catalog.actions.items import open_version
from gongkai.catalog.forms import ResolveHitForm, RetireForm, ReviewForm
from gongkai.catalog.models import RetirementRequest
from gongkai.catalog.views.staff.common import act
from gongkai.core.text import is_ascii_digits


def _errors(form) -> str:
    return "；".join(e for errors in form.errors.values() for e in errors)


@login_required
@require_POST
def item_submit(request, pk):
    item = item_for(request.user, pk, Action.EDIT)
    version = open_version(item)
    if version is None:
        raise Http404
    return act(
        request,
        item,
        lambda: actions.submit_version(version=version, actor=request.user, now=timezone.now()),
        "已提交审核。",
    )


@login_required
@require_POST
def item_approve(request, pk):
    item = item_for(request.user, pk, Action.REVIEW)
    version = open_version(item)
    form = ReviewForm(request.POST)
    if version is None:
        raise Http404
    if not form.is_valid():
        messages.error(request, _errors(form))
        return redirect("catalog:staff_item", pk=item.pk)
    publish_at = form.cleaned_data["publish_at"]
    return act(
        request,
        item,
        lambda: actions.approve_version(
            version=version,
            actor=request.user,
            opinion=form.cleaned_data["opinion"],
            now=timezone.now(),
            publish_at=publish_at,
        ),
        "审核通过" + ("，将定时发布。" if publish_at and publish_at > timezone.now() else "，已发布。"),
    )


@login_required
@require_POST
def item_reject(request, pk):
    item = item_for(request.user, pk, Action.REVIEW)
    version = open_version(item)
    if version is None:
        raise Http404
    return act(
        request,
        item,
        lambda: actions.reject_version(
            version=version, actor=request.user, opinion=request.POST.get("opinion", ""), now=timezone.now()
        ),
        "已退回修改。",
    )


@login_required
@require_POST
def attachment_pages(request, pk):
    """The reviewer confirms pages of a scan without readable text (已人工核对), page by page."""
    attachment = attachment_for(request.user, pk)
    raw = request.POST.getlist("pages")
    pages = [int(p) for p in raw if is_ascii_digits(p, 6)]
    if len(pages) != len(raw) or not pages:
        messages.error(request, "请选择已人工核对的页")
        return redirect("catalog:staff_item", pk=attachment.version.item_id)
    return act(
        request,
        attachment.version.item,
        lambda: actions.confirm_attachment_pages(
            attachment=attachment, actor=request.user, pages=pages, now=timezone.now()
        ),
        "已记录人工核对",
    )


@login_required
@require_POST
def hit_resolve(request, pk):
    hit = hit_for(request.user, pk)
    form = ResolveHitForm(request.POST)
    item = hit.version.item
    if not form.is_valid():
        messages.error(request, "请选择处理方式。")
        return redirect("catalog:staff_item", pk=item.pk)
    return act(
        request,
        item,
        lambda: actions.resolve_hit(
            hit=hit,
            actor=request.user,
            resolution=form.cleaned_data["resolution"],
            reason=form.cleaned_data["reason"],
            now=timezone.now(),
        ),
        "已处理筛查命中。",
    )


@login_required
@require_POST
def item_retire(request, pk):
    """A handler asks for 失效/废止; it takes effect when a reviewer approves it."""
    item = item_for(request.user, pk, Action.EDIT)
    form = RetireForm(request.POST)
    if not form.is_valid():
        messages.error(request, _errors(form))
        return redirect("catalog:staff_item", pk=item.pk)
    data = form.cleaned_data
    return act(
        request,
        item,
        lambda: actions.request_retirement(
            item=item,
            actor=request.user,
            validity=data["validity"],
            on=data["on"],
            reason=data["reason"],
            now=timezone.now(),
        ),
        "已提交失效或废止申请，待审核人审核。",
    )


def _pending_request(item) -> RetirementRequest:
    request = item.retirement_requests.filter(state=RetirementRequest.State.PENDING).first()
    if request is None:
        raise Http404("没有待审核的失效或废止申请")
    return request


@login_required
@require_POST
def retirement_approve(request, pk):
    item = item_for(request.user, pk, Action.REVIEW)
    pending = _pending_request(item)
    return act(
        request,
        item,
        lambda: actions.approve_retirement(
            request=pending, actor=request.user, opinion=request.POST.get("opinion", ""), now=timezone.now()
        ),
        "已同意，信息已标记为失效或废止。",
    )


@login_required
@require_POST
def retirement_reject(request, pk):
    item = item_for(request.user, pk, Action.REVIEW)
    pending = _pending_request(item)
    return act(
        request,
        item,
        lambda: actions.reject_retirement(
            request=pending, actor=request.user, opinion=request.POST.get("opinion", ""), now=timezone.now()
        ),
        "已退回失效或废止申请。",
    )
