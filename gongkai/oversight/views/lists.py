"""The list of 整改通知: search, labelled filters, pagination."""

from __future__ import annotations

from django import forms
from django.contrib.auth.decorators import login_required
from django.db.models import Q
from django.shortcuts import render
from django.utils import timezone

from gongkai.agencies.access import visible_agencies
from gongkai.agencies.lists import FilterForm, paginate
from gongkai.core.oversight import RECTIFICATION_STATE_LABELS, RectificationState
from gongkai.oversight.models import Rectification


class RectificationFilterForm(FilterForm):
    agency = forms.ChoiceField(label="机构", required=False)
    state = forms.ChoiceField(
        label="状态",
        required=False,
        choices=[("", "全部"), ("open", "未验收")]
        + [(s.value, label) for s, label in RECTIFICATION_STATE_LABELS.items()],
    )

    def __init__(self, data=None, *, agencies, **kwargs):
        super().__init__(data, **kwargs)
        self.fields["q"].label = "整改要求或情况"
        self.fields["agency"].choices = [("", "全部机构")] + [(str(a.pk), a.name) for a in agencies]


@login_required
def rectification_list(request):
    agencies = list(visible_agencies(request.user).order_by("name"))
    form = RectificationFilterForm(request.GET or None, agencies=agencies)
    rows = Rectification.objects.filter(agency__in=agencies).select_related("agency").order_by("-issued_on", "-id")
    if form.value("agency"):
        rows = rows.filter(agency_id=form.value("agency"))
    state = form.value("state")
    if state == "open":
        rows = rows.exclude(state=RectificationState.ACCEPTED.value)
    elif state:
        rows = rows.filter(state=state)
    q = form.value("q").strip()
    if q:
        rows = rows.filter(Q(requirement__icontains=q) | Q(report__icontains=q))
    page, query = paginate(request, rows)
    return render(
        request,
        "oversight/rectification_list.html",
        {"filter_form": form, "page": page, "query": query, "rows": page, "today": timezone.localdate()},
    )
