"""Staff pages of the catalog: the column tree (栏目)."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.shortcuts import redirect, render

from gongkai.agencies.access import Action, agency_for
from gongkai.boundary.refusals import act_and_redirect, refusal_into
from gongkai.catalog.actions.setup import add_column, update_column
from gongkai.catalog.forms import ColumnForm
from gongkai.catalog.models import Column
from gongkai.catalog.selectors import column_tree
from gongkai.catalog.structure import ensure_catalog
from gongkai.core.text import is_ascii_digits


@login_required
def columns(request, agency_pk):
    agency = agency_for(request.user, agency_pk, Action.EDIT)
    ensure_catalog(agency)
    if request.method == "POST" and request.POST.get("column_id"):
        return _column_update(request, agency)
    form = ColumnForm(request.POST or None, agency=agency)
    if request.method == "POST" and form.is_valid():
        with refusal_into(form):
            add_column(
                agency=agency,
                actor=request.user,
                name=form.cleaned_data["name"],
                parent=form.cleaned_data["parent"],
                position=form.cleaned_data["position"],
            )
            messages.success(request, "栏目已添加。")
            return redirect("catalog:staff_columns", agency_pk=agency.pk)
    tree = column_tree(agency)
    parents = [c for c, _ in tree if c.kind in ("group", "custom")]
    return render(
        request,
        "catalog/staff/columns.html",
        {"agency": agency, "form": form, "tree": tree, "parents": parents},
        status=400 if form.errors else 200,
    )


def _column_update(request, agency):
    raw_id, raw_parent, raw_position = (request.POST.get(k, "") for k in ("column_id", "parent", "position"))
    column = Column.objects.filter(agency=agency, pk=int(raw_id)).first() if is_ascii_digits(raw_id) else None
    parent = Column.objects.filter(agency=agency, pk=int(raw_parent)).first() if is_ascii_digits(raw_parent) else None
    if column is None or (raw_parent and parent is None):
        messages.error(request, "栏目不存在。")
    elif not is_ascii_digits(raw_position, 9):
        messages.error(request, "排序应为非负整数。")
    else:
        return act_and_redirect(
            request,
            lambda: update_column(
                column=column,
                actor=request.user,
                name=request.POST.get("name", ""),
                parent=parent,
                position=int(raw_position),
                empty_reason=request.POST.get("empty_reason"),
            ),
            "栏目已更新。",
            "catalog:staff_columns",
            agency_pk=agency.pk,
        )
    return redirect("catalog:staff_columns", agency_pk=agency.pk)
