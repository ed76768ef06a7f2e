"""Staff pages of the catalog: lists, drafting, review, publication, retirement."""

from __future__ import annotations

from django.conf import settings
from django.core.exceptions import PermissionDenied
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import FileResponse, Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.views.decorators.http import require_POST

from gongkai.agencies.access import Action, agency_for, can, visible_agencies
from gongkai.audit.services import trail_of
from gongkai.catalog import actions
from gongkai.catalog.access import attachment_for, hit_for, item_for
from gongkai.catalog.actions.errors import CatalogError
from gongkai.catalog.actions.items import AttachmentUpload, open_version
from gongkai.catalog.actions.setup import add_column, update_catalog_settings
from gongkai.catalog.forms import ColumnForm, ItemForm, ResolveHitForm, RetireForm, ReviewForm, SettingsForm
from gongkai.catalog.models import Attachment, CatalogProfile, DocKind, Item
from gongkai.catalog.selectors import (
    at_risk_versions, column_tree, normative_without_interpretation, open_versions, pending_review,
)
from gongkai.catalog.structure import ensure_catalog
from gongkai.core.archive_limits import KINDS, MAX_ATTACHMENT_BYTES_PER_REQUEST, MAX_ATTACHMENTS_PER_REQUEST
from gongkai.core.text import is_ascii_digits
from gongkai.holidays.services import working_calendar


def _uploads(request, form=None) -> list[AttachmentUpload] | None:
    """The uploaded files; None (with a form error) when one is oversized, before reading it."""
    out = []
    files = request.FILES.getlist("attachments")
    if len(files) > MAX_ATTACHMENTS_PER_REQUEST or sum(f.size for f in files) > MAX_ATTACHMENT_BYTES_PER_REQUEST:
        if form is not None:
            form.add_error(None, f"一次最多上传{MAX_ATTACHMENTS_PER_REQUEST}个附件，合计不超过"
                                 f"{MAX_ATTACHMENT_BYTES_PER_REQUEST // 1024 // 1024}MB")
        return None
    for f in files:
        if f.size > settings.GONGKAI_MAX_UPLOAD_BYTES:
            message = f"附件“{f.name}”大小超过上限{settings.GONGKAI_MAX_UPLOAD_BYTES // 1024 // 1024}MB"
            if form is not None:
                form.add_error(None, message)
            return None
        out.append(AttachmentUpload(f.name, f.read()))
    return out


def _apply_errors(form, error: CatalogError):
    for field, message in error.field_errors.items():
        form.add_error(field if field in form.fields else None, message)
    if not error.field_errors:
        form.add_error(None, error.message)


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
    published = (Item.objects.filter(agency=agency, public_version__isnull=False)
                 .select_related("public_version", "column").order_by("-sort_key"))
    return render(request, "catalog/staff/agency.html", {
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
    })


@login_required
def item_create(request, agency_pk):
    agency = agency_for(request.user, agency_pk, Action.EDIT)
    ensure_catalog(agency)
    form = ItemForm(request.POST or None, agency=agency, initial={"publisher": agency.name})
    if request.method == "POST" and form.is_valid():
        uploads = _uploads(request, form)
        if uploads is not None:
            try:
                item = actions.create_item(agency=agency, column=form.cleaned_data["column"], actor=request.user,
                                           fields=form.version_fields(), doc_kind=form.cleaned_data["doc_kind"],
                                           attachments=uploads)
            except CatalogError as error:
                _apply_errors(form, error)
            else:
                messages.success(request, "草稿已保存")
                return redirect("catalog:staff_item", pk=item.pk)
    return render(request, "catalog/staff/item_form.html", {"agency": agency, "form": form, "creating": True},
                  status=400 if form.errors else 200)


@login_required
def item_edit(request, pk):
    item = item_for(request.user, pk, Action.EDIT)
    version = open_version(item)
    if version is None or version.state != "draft":
        messages.error(request, "该信息没有可修改的草稿")
        return redirect("catalog:staff_item", pk=item.pk)
    initial = {f: getattr(version, f) for f in ["title", "summary", "doc_number", "publisher", "written_on", "formed_on",
                                                 "changed_on", "published_on", "topic", "keywords", "body_html", "change_note"]}
    initial.update(column=item.column, doc_kind=item.doc_kind)
    form = ItemForm(request.POST or None, agency=item.agency, initial=initial)
    if request.method == "POST" and form.is_valid():
        uploads = _uploads(request, form)
        if uploads is not None:
            try:
                removed = [i for i in request.POST.getlist("remove_attachment") if is_ascii_digits(i)]
                actions.update_draft(version=version, actor=request.user, fields=form.version_fields(),
                                     attachments=uploads, remove_attachment_ids=removed,
                                     column=form.cleaned_data["column"], doc_kind=form.cleaned_data["doc_kind"])
            except CatalogError as error:
                _apply_errors(form, error)
            else:
                messages.success(request, "草稿已保存")
                return redirect("catalog:staff_item", pk=item.pk)
    return render(request, "catalog/staff/item_form.html",
                  {"agency": item.agency, "form": form, "item": item, "version": version},
                  status=400 if form.errors else 200)


@login_required
def item_detail(request, pk):
    item = item_for(request.user, pk)
    versions = list(item.versions.select_related("author", "submitted_by").prefetch_related("attachments", "hits"))
    for version in versions:
        version.review_record = getattr(version, "review", None)
    current = open_version(item)
    clock = None
    if current is not None:
        from gongkai.core.catalog.deadline import publication_clock
        calendar = working_calendar().provisional()
        clock = publication_clock(current.changed_on or current.formed_on, timezone.localdate(), calendar)
    candidates = (Item.objects.filter(agency=item.agency, doc_kind__in=[DocKind.REGULATION, DocKind.NORMATIVE])
                  .exclude(pk=item.pk).select_related("public_version")) if item.doc_kind == DocKind.INTERPRETATION else []
    may_review = can(request.user, Action.REVIEW, item.agency)
    return render(request, "catalog/staff/item_detail.html", {
        "item": item, "versions": list(reversed(versions)), "current": current, "clock": clock,
        "may_edit": can(request.user, Action.EDIT, item.agency),
        "may_review": may_review and current is not None and request.user.pk not in (current.author_id, current.submitted_by_id),
        "review_form": ReviewForm(), "resolve_form": ResolveHitForm(), "retire_form": RetireForm(),
        "trail": trail_of(item), "candidates": candidates,
    })


def _act(request, item, do, success):
    try:
        do()
    except CatalogError as error:
        messages.error(request, error.message)
    else:
        messages.success(request, success)
    return redirect("catalog:staff_item", pk=item.pk)


@login_required
@require_POST
def item_submit(request, pk):
    item = item_for(request.user, pk, Action.EDIT)
    version = open_version(item)
    if version is None:
        raise Http404
    return _act(request, item, lambda: actions.submit_version(version=version, actor=request.user, now=timezone.now()),
                "已提交审核")


@login_required
@require_POST
def item_approve(request, pk):
    item = item_for(request.user, pk, Action.REVIEW)
    version = open_version(item)
    form = ReviewForm(request.POST)
    if version is None:
        raise Http404
    if not form.is_valid():
        messages.error(request, "；".join(e for errors in form.errors.values() for e in errors))
        return redirect("catalog:staff_item", pk=item.pk)
    publish_at = form.cleaned_data["publish_at"]
    return _act(request, item, lambda: actions.approve_version(
        version=version, actor=request.user, opinion=form.cleaned_data["opinion"], now=timezone.now(),
        publish_at=publish_at), "审核通过" + ("，将定时发布" if publish_at and publish_at > timezone.now() else "，已发布"))


@login_required
@require_POST
def item_reject(request, pk):
    item = item_for(request.user, pk, Action.REVIEW)
    version = open_version(item)
    if version is None:
        raise Http404
    return _act(request, item, lambda: actions.reject_version(
        version=version, actor=request.user, opinion=request.POST.get("opinion", ""), now=timezone.now()),
        "已退回修改")


@login_required
@require_POST
def attachment_pages(request, pk):
    attachment = attachment_for(request.user, pk)
    raw = request.POST.getlist("pages")
    pages = [int(p) for p in raw if is_ascii_digits(p, 6)]
    if len(pages) != len(raw) or not pages:
        messages.error(request, "请选择已人工核对的页")
        return redirect("catalog:staff_item", pk=attachment.version.item_id)
    return _act(request, attachment.version.item, lambda: actions.confirm_attachment_pages(
        attachment=attachment, actor=request.user, pages=pages, now=timezone.now()), "已记录人工核对")


@login_required
@require_POST
def hit_resolve(request, pk):
    hit = hit_for(request.user, pk)
    form = ResolveHitForm(request.POST)
    item = hit.version.item
    if not form.is_valid():
        messages.error(request, "请选择处理方式")
        return redirect("catalog:staff_item", pk=item.pk)
    return _act(request, item, lambda: actions.resolve_hit(
        hit=hit, actor=request.user, resolution=form.cleaned_data["resolution"],
        reason=form.cleaned_data["reason"], now=timezone.now()), "已处理筛查命中")


@login_required
@require_POST
def item_amend(request, pk):
    item = item_for(request.user, pk, Action.EDIT)
    try:
        actions.start_amendment(item=item, actor=request.user)
    except CatalogError as error:
        messages.error(request, error.message)
        return redirect("catalog:staff_item", pk=item.pk)
    return redirect("catalog:staff_item_edit", pk=item.pk)


@login_required
@require_POST
def item_retire(request, pk):
    item = item_for(request.user, pk, Action.EDIT)
    form = RetireForm(request.POST)
    if not form.is_valid():
        messages.error(request, "；".join(e for errors in form.errors.values() for e in errors))
        return redirect("catalog:staff_item", pk=item.pk)
    data = form.cleaned_data
    return _act(request, item, lambda: actions.retire_item(item=item, actor=request.user, validity=data["validity"],
                                                            on=data["on"], reason=data["reason"]), "已更新有效性")


@login_required
@require_POST
def item_interpret(request, pk):
    item = item_for(request.user, pk, Action.EDIT)
    target_pk = request.POST.get("target") or None
    target = None
    if target_pk:
        target = Item.objects.filter(pk=target_pk if is_ascii_digits(str(target_pk)) else -1, agency=item.agency).first()
        if target is None:
            messages.error(request, "被解读文件不存在")
            return redirect("catalog:staff_item", pk=item.pk)
    return _act(request, item, lambda: actions.set_interpretation(item=item, target=target, actor=request.user),
                "已更新关联")


@login_required
def staff_attachment(request, pk, attachment_pk):
    item = item_for(request.user, pk)
    attachment = get_object_or_404(Attachment, pk=attachment_pk, version__item=item)
    return FileResponse(attachment.file.open("rb"), as_attachment=True, filename=attachment.name,
                        content_type=attachment.content_type)


@login_required
def columns(request, agency_pk):
    agency = agency_for(request.user, agency_pk, Action.EDIT)
    ensure_catalog(agency)
    if request.method == "POST" and request.POST.get("column_id"):
        return _column_update(request, agency)
    form = ColumnForm(request.POST or None, agency=agency)
    if request.method == "POST" and form.is_valid():
        try:
            add_column(agency=agency, actor=request.user, name=form.cleaned_data["name"],
                       parent=form.cleaned_data["parent"], position=form.cleaned_data["position"])
        except CatalogError as error:
            form.add_error(None, error.message)
        except PermissionDenied as refused:
            form.add_error(None, str(refused))
        else:
            messages.success(request, "栏目已添加")
            return redirect("catalog:staff_columns", agency_pk=agency.pk)
    tree = column_tree(agency)
    parents = [c for c, _ in tree if c.kind in ("group", "custom")]
    return render(request, "catalog/staff/columns.html", {"agency": agency, "form": form, "tree": tree, "parents": parents},
                  status=400 if form.errors else 200)


def _column_update(request, agency):
    from gongkai.catalog.actions.setup import update_column
    from gongkai.catalog.models import Column

    raw_id, raw_parent, raw_position = (request.POST.get(k, "") for k in ("column_id", "parent", "position"))
    column = Column.objects.filter(agency=agency, pk=int(raw_id)).first() if is_ascii_digits(raw_id) else None
    parent = Column.objects.filter(agency=agency, pk=int(raw_parent)).first() if is_ascii_digits(raw_parent) else None
    if column is None or (raw_parent and parent is None):
        messages.error(request, "栏目不存在")
    elif not is_ascii_digits(raw_position, 9):
        messages.error(request, "排序应为非负整数")
    else:
        try:
            update_column(column=column, actor=request.user, name=request.POST.get("name", ""), parent=parent,
                          position=int(raw_position), empty_reason=request.POST.get("empty_reason"))
        except CatalogError as error:
            messages.error(request, error.message)
        except PermissionDenied as refused:
            messages.error(request, str(refused))
        else:
            messages.success(request, "栏目已更新")
    return redirect("catalog:staff_columns", agency_pk=agency.pk)


@login_required
def catalog_settings(request, agency_pk):
    agency = agency_for(request.user, agency_pk, Action.ADMINISTER)
    profile = ensure_catalog(agency)
    profile = CatalogProfile.objects.get(pk=profile.pk)
    form = SettingsForm(request.POST or None, initial={"index_pattern": profile.index_pattern,
                                                       "guide_html": profile.guide_html, "system_html": profile.system_html})
    if request.method == "POST" and form.is_valid():
        try:
            update_catalog_settings(agency=agency, actor=request.user, **form.cleaned_data)
        except CatalogError as error:
            form.add_error(None, error.message)
        else:
            messages.success(request, "设置已保存")
            return redirect("catalog:staff_settings", agency_pk=agency.pk)
    return render(request, "catalog/staff/settings.html", {"agency": agency, "form": form},
                  status=400 if form.errors else 200)


@login_required
def import_catalog(request, agency_pk):
    from gongkai.catalog.importing import ImportRejected
    from gongkai.catalog.importing import import_catalog as do_import

    agency = agency_for(request.user, agency_pk, Action.ADMINISTER)
    problems = []
    status = 200
    if request.method == "POST":
        catalog_file = request.FILES.get("catalog")
        uploads = _uploads(request)
        if catalog_file is None:
            problems = ["请选择目录文件（.xlsx 或 .csv）"]
        elif uploads is None:
            problems = [f"附件过大或过多：每个不超过{settings.GONGKAI_MAX_UPLOAD_BYTES // 1024 // 1024}MB，"
                        f"一次最多{MAX_ATTACHMENTS_PER_REQUEST}个、合计不超过{MAX_ATTACHMENT_BYTES_PER_REQUEST // 1024 // 1024}MB"]
        elif catalog_file.size > KINDS["catalog_import"].max_bytes:
            problems = [f"目录文件大小超过上限{KINDS['catalog_import'].max_bytes // 1024 // 1024}MB"]
        else:
            try:
                items = do_import(agency=agency, actor=request.user, name=catalog_file.name,
                                  data=catalog_file.read(), files=uploads)
            except ImportRejected as error:
                problems = error.problems
            else:
                messages.success(request, f"已导入{len(items)}条信息")
                return redirect("catalog:staff_agency", agency_pk=agency.pk)
        status = 400
    return render(request, "catalog/staff/import.html", {"agency": agency, "problems": problems}, status=status)
