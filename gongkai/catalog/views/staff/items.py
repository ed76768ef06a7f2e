"""Staff pages of the catalog: the agency overview, drafting and the item page."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import FileResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.views.decorators.http import require_POST

from gongkai.agencies.access import Action, agency_for, can, other_hand, visible_agencies
from gongkai.audit.services import trail_of
from gongkai.boundary.refusals import act_and_redirect, refusal_into
from gongkai.catalog import actions
from gongkai.catalog.access import item_for
from gongkai.catalog.actions.items import open_version
from gongkai.catalog.forms import ItemForm, ResolveHitForm, RetireForm, ReviewForm
from gongkai.catalog.models import VERSION_FIELDS, Attachment, DocKind, Item, RetirementRequest
from gongkai.catalog.selectors import at_risk_versions, normative_without_interpretation, open_versions, pending_review
from gongkai.catalog.structure import ensure_catalog
from gongkai.catalog.views.staff.common import act, uploads
from gongkai.core.catalog.deadline import publication_clock
from gongkai.core.text import is_ascii_digits
from gongkai.holidays.services import working_calendar


@login_required
def staff_index(request):
    agencies = [a for a in visible_agencies(request.user) if not a.is_disclosure_office]
    if len(agencies) == 1:
        return redirect("catalog:staff_agency", agency_pk=agencies[0].pk)
    return render(request, "catalog/staff/index.html", {"agencies": agencies})


@login_required
def staff_agency(request, agency_pk):
    agency = agency_for(request.user, agency_pk)
    ensure_catalog(agency)
    today = timezone.localdate()
    published = (
        Item.objects.filter(agency=agency, public_version__isnull=False)
        .select_related("public_version", "column")
        .order_by("-sort_key")
    )
    return render(
        request,
        "catalog/staff/agency.html",
        {
            "agency": agency,
            "may_edit": can(request.user, Action.EDIT, agency),
            "may_review": can(request.user, Action.REVIEW, agency),
            "may_administer": can(request.user, Action.ADMINISTER, agency),
            "pending": pending_review(agency),
            "open_versions": open_versions(agency),
            "at_risk": at_risk_versions(agency, today, working_calendar().provisional()),
            "without_interpretation": normative_without_interpretation(agency),
            "published": published[:50],
            "published_count": published.count(),
        },
    )


@login_required
def item_create(request, agency_pk):
    agency = agency_for(request.user, agency_pk, Action.EDIT)
    ensure_catalog(agency)
    form = ItemForm(request.POST or None, agency=agency, initial={"publisher": agency.name})
    if request.method == "POST" and form.is_valid():
        files = uploads(request, form)
        if files is not None:
            with refusal_into(form):
                item = actions.create_item(
                    agency=agency,
                    column=form.cleaned_data["column"],
                    actor=request.user,
                    fields=form.version_fields(),
                    doc_kind=form.cleaned_data["doc_kind"],
                    attachments=files,
                )
                messages.success(request, "草稿已保存。")
                return redirect("catalog:staff_item", pk=item.pk)
    return render(
        request,
        "catalog/staff/item_form.html",
        {"agency": agency, "form": form, "creating": True},
        status=400 if form.errors else 200,
    )


@login_required
def item_edit(request, pk):
    item = item_for(request.user, pk, Action.EDIT)
    version = open_version(item)
    if version is None or version.state != "draft":
        messages.error(request, "该信息没有可修改的草稿。")
        return redirect("catalog:staff_item", pk=item.pk)
    initial = {f: getattr(version, f) for f in VERSION_FIELDS}
    initial.update(column=item.column, doc_kind=item.doc_kind)
    form = ItemForm(request.POST or None, agency=item.agency, initial=initial)
    if request.method == "POST" and form.is_valid():
        files = uploads(request, form)
        if files is not None:
            with refusal_into(form):
                actions.update_draft(
                    version=version,
                    actor=request.user,
                    fields=form.version_fields(),
                    attachments=files,
                    remove_attachment_ids=[i for i in request.POST.getlist("remove_attachment") if is_ascii_digits(i)],
                    column=form.cleaned_data["column"],
                    doc_kind=form.cleaned_data["doc_kind"],
                )
                messages.success(request, "草稿已保存。")
                return redirect("catalog:staff_item", pk=item.pk)
    return render(
        request,
        "catalog/staff/item_form.html",
        {
            "agency": item.agency,
            "form": form,
            "item": item,
            "version": version,
            "amendment": item.public_version_id is not None,
        },
        status=400 if form.errors else 200,
    )


@login_required
def item_detail(request, pk):

    item = item_for(request.user, pk)
    versions = list(item.versions.select_related("author", "submitted_by").prefetch_related("attachments", "hits"))
    for version in versions:
        version.review_record = getattr(version, "review", None)
    current = open_version(item)
    clock = None
    if current is not None:
        calendar = working_calendar().provisional()
        clock = publication_clock(current.changed_on or current.formed_on, timezone.localdate(), calendar)
    candidates = (
        (
            Item.objects.filter(agency=item.agency, doc_kind__in=[DocKind.REGULATION, DocKind.NORMATIVE])
            .exclude(pk=item.pk)
            .select_related("public_version")
        )
        if item.doc_kind == DocKind.INTERPRETATION
        else []
    )
    may_review = can(request.user, Action.REVIEW, item.agency)
    retirement = (
        item.retirement_requests.filter(state=RetirementRequest.State.PENDING).select_related("requested_by").first()
    )
    return render(
        request,
        "catalog/staff/item_detail.html",
        {
            "item": item,
            "versions": list(reversed(versions)),
            "current": current,
            "clock": clock,
            "may_edit": can(request.user, Action.EDIT, item.agency),
            "may_review": may_review
            and current is not None
            and other_hand(request.user, {current.author_id, current.submitted_by_id}),
            "review_form": ReviewForm(),
            "resolve_form": ResolveHitForm(),
            "retire_form": RetireForm(),
            "retirement": retirement,
            "may_review_retirement": may_review
            and retirement is not None
            and retirement.requested_by_id != request.user.pk,
            "past_retirements": item.retirement_requests.exclude(state=RetirementRequest.State.PENDING),
            "trail": trail_of(item),
            "candidates": candidates,
        },
    )


@login_required
@require_POST
def item_amend(request, pk):
    item = item_for(request.user, pk, Action.EDIT)
    return act_and_redirect(
        request,
        lambda: actions.start_amendment(item=item, actor=request.user),
        None,  # the edit page of the new draft says enough
        "catalog:staff_item",
        pk=item.pk,
        then=reverse("catalog:staff_item_edit", kwargs={"pk": item.pk}),
    )


@login_required
@require_POST
def item_interpret(request, pk):
    item = item_for(request.user, pk, Action.EDIT)
    target_pk = request.POST.get("target") or None
    target = None
    if target_pk:
        target = Item.objects.filter(
            pk=target_pk if is_ascii_digits(str(target_pk)) else -1, agency=item.agency
        ).first()
        if target is None:
            messages.error(request, "被解读文件不存在。")
            return redirect("catalog:staff_item", pk=item.pk)
    return act(
        request, item, lambda: actions.set_interpretation(item=item, target=target, actor=request.user), "已更新关联。"
    )


@login_required
def staff_attachment(request, pk, attachment_pk):
    item = item_for(request.user, pk)
    attachment = get_object_or_404(Attachment, pk=attachment_pk, version__item=item)
    return FileResponse(
        attachment.file.open("rb"), as_attachment=True, filename=attachment.name, content_type=attachment.content_type
    )
