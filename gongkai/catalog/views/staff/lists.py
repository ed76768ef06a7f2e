"""The staff list of an agency's catalog items: search, labelled filters, pagination, bulk actions."""

from __future__ import annotations

from django import forms
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.db.models import Q
from django.shortcuts import redirect, render
from django.utils import timezone
from django.views.decorators.http import require_POST

from gongkai.agencies.access import Action, agency_for, can
from gongkai.agencies.lists import FilterForm, paginate
from gongkai.catalog import actions
from gongkai.catalog.forms import RetireForm
from gongkai.catalog.models import Column, Item, RetirementRequest
from gongkai.catalog.structure import ensure_catalog
from gongkai.core.catalog.workflow import STATE_LABELS, Validity, VersionState
from gongkai.core.text import is_ascii_digits

STATUS_CHOICES = [
    ("", "全部"),
    ("draft", "有草稿"),
    ("submitted", "待审核"),
    ("published", "已发布"),
    ("retiring", "失效或废止待审核"),
    ("retired", "已失效或废止"),
]


class ItemFilterForm(FilterForm):
    status = forms.ChoiceField(label="状态", choices=STATUS_CHOICES, required=False)
    column = forms.ModelChoiceField(
        label="栏目", queryset=Column.objects.none(), required=False, empty_label="全部栏目"
    )

    def __init__(self, data=None, *, agency, **kwargs):
        super().__init__(data, **kwargs)
        self.fields["q"].label = "名称或索引号"
        self.fields["column"].queryset = (
            Column.objects.filter(agency=agency).exclude(kind="group").order_by("position", "id")
        )


def _filtered(agency, form: ItemFilterForm):
    items = Item.objects.filter(agency=agency).select_related("column", "public_version")
    q = form.value("q").strip()
    if q:
        items = items.filter(Q(versions__title__icontains=q) | Q(index_number__icontains=q)).distinct()
    status = form.value("status")
    if status in (VersionState.DRAFT.value, VersionState.SUBMITTED.value):
        items = items.filter(versions__state=status).distinct()
    elif status == "published":
        items = items.filter(public_version__isnull=False, validity=Validity.EFFECTIVE.value)
    elif status == "retired":
        items = items.exclude(validity=Validity.EFFECTIVE.value)
    elif status == "retiring":
        items = items.filter(retirement_requests__state=RetirementRequest.State.PENDING).distinct()
    if form.value("column", None) is not None:
        items = items.filter(column=form.cleaned_data["column"])
    return items.order_by("-created_at", "-id")


def _rows(page):
    """Each item with its latest version and a Chinese status."""
    rows = []
    for item in page:
        latest = item.versions.order_by("-number").first()
        pending = item.retirement_requests.filter(state=RetirementRequest.State.PENDING).exists()
        if item.validity != Validity.EFFECTIVE.value:
            status = item.get_validity_display()
        elif pending:
            status = "失效或废止待审核"
        elif latest is not None:
            status = STATE_LABELS[VersionState(latest.state)]
        else:
            status = "—"
        rows.append((item, latest, status))
    return rows


@login_required
def item_list(request, agency_pk):
    agency = agency_for(request.user, agency_pk)
    ensure_catalog(agency)
    form = ItemFilterForm(request.GET or None, agency=agency)
    page, query = paginate(request, _filtered(agency, form))
    return render(
        request,
        "catalog/staff/item_list.html",
        {
            "agency": agency,
            "filter_form": form,
            "page": page,
            "query": query,
            "rows": _rows(page),
            "may_edit": can(request.user, Action.EDIT, agency),
            "retire_form": RetireForm(prefix="bulk"),
        },
    )


@login_required
@require_POST
def item_bulk(request, agency_pk):
    """批量提交审核 / 批量失效 (as retirement requests for a reviewer to decide)."""
    agency = agency_for(request.user, agency_pk, Action.EDIT)
    ids = [int(i) for i in request.POST.getlist("items") if is_ascii_digits(i, 18)]
    items = list(Item.objects.filter(agency=agency, pk__in=ids).select_related("public_version"))
    back = redirect(
        request.POST.get("next") if str(request.POST.get("next", "")).startswith("/staff/") else "catalog:staff_items",
        **({} if request.POST.get("next") else {"agency_pk": agency.pk}),
    )
    if not items:
        messages.error(request, "请先勾选要处理的信息。")
        return back
    operation = request.POST.get("operation")
    if operation == "submit":
        result = actions.submit_drafts(items=items, actor=request.user, now=timezone.now())
        messages.success(request, result.summary("提交审核") + "。")
    elif operation == "retire":
        form = RetireForm(request.POST, prefix="bulk")
        if not form.is_valid():
            messages.error(
                request, "批量失效：" + "；".join(e for errors in form.errors.values() for e in errors) + "。"
            )
            return back
        data = form.cleaned_data
        result = actions.request_retirements(
            items=items,
            actor=request.user,
            validity=data["validity"],
            on=data["on"],
            reason=data["reason"],
            now=timezone.now(),
        )
        messages.success(request, result.summary("提交失效或废止审核") + "。")
    else:
        messages.error(request, "请选择批量操作。")
    return back
