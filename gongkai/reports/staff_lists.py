"""The staff list of annual reports: labelled filters (机构, 年度, 状态), search and pagination."""

from __future__ import annotations

from django import forms

from gongkai.agencies.lists import FilterForm, paginate
from gongkai.reports.models import AnnualReport, ReportState


class ReportFilterForm(FilterForm):
    agency = forms.ChoiceField(label="机构", required=False)
    year = forms.IntegerField(
        label="年度",
        required=False,
        min_value=2008,
        max_value=2100,
        error_messages={"invalid": "年度应为数字", "min_value": "年度不早于2008年", "max_value": "年度不晚于2100年"},
    )
    state = forms.ChoiceField(label="状态", required=False, choices=[("", "全部")] + list(ReportState.choices))

    def __init__(self, data=None, *, agencies, **kwargs):
        super().__init__(data, prefix="filter", **kwargs)
        self.fields["q"].label = "机构名称"
        self.fields["agency"].choices = [("", "全部机构")] + [(str(a.pk), a.name) for a in agencies]


def filtered_reports(request, agencies):
    """(filter form, page of reports, query string without the page)."""
    agencies = list(agencies)
    form = ReportFilterForm(request.GET or None, agencies=agencies)
    rows = (
        AnnualReport.objects.filter(agency__in=agencies)
        .select_related("agency")
        .order_by("-year", "agency__name", "-version")
    )
    if form.value("agency"):
        rows = rows.filter(agency_id=form.value("agency"))
    if form.value("year", None) is not None:
        rows = rows.filter(year=form.cleaned_data["year"])
    if form.value("state"):
        rows = rows.filter(state=form.value("state"))
    if form.value("q").strip():
        rows = rows.filter(agency__name__icontains=form.value("q").strip())
    page, query = paginate(request, rows)
    return form, page, query
