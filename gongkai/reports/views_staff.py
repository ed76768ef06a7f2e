"""Staff pages: build, edit, check, submit, review; statistics and suggestions; county view."""

from __future__ import annotations

import json
from io import BytesIO

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import FileResponse, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.views.decorators.http import require_POST

from gongkai.agencies.access import Action, agency_for, can, other_hand, supervised_agencies, visible_agencies
from gongkai.agencies.models import Agency
from gongkai.boundary.importer import ImportRefused
from gongkai.boundary.refusals import act_and_redirect, refusal_into
from gongkai.boundary.uploads import UploadRefused, read_upload
from gongkai.core.report.model import Report
from gongkai.core.report.render_html import render_html_fragment
from gongkai.reports import actions
from gongkai.reports.access import report_for
from gongkai.reports.aggregate import aggregate_xlsx, county_overview, live_differences, published_figures
from gongkai.reports.build import unconfirmed_cells
from gongkai.reports.formats import FORMATS, download_name
from gongkai.reports.formats import render as render_format
from gongkai.reports.forms import (
    NewReportForm,
    ReviewForm,
    SectionsForm,
    StatisticsForm,
    StatisticsImportForm,
    SuggestionForm,
)
from gongkai.reports.models import AnnualReport, Suggestion, YearlyStatistics
from gongkai.reports.selectors import unconfirmed_applications
from gongkai.reports.staff_lists import filtered_reports


def _editable_agencies(user):
    return Agency.objects.filter(pk__in=[a.pk for a in visible_agencies(user) if can(user, Action.EDIT, a)])


@login_required
def report_list(request):
    agencies = visible_agencies(request.user)
    form = NewReportForm(
        request.POST or None, agencies=_editable_agencies(request.user), initial={"year": timezone.localdate().year - 1}
    )
    statistics_url = None
    if request.method == "POST" and form.is_valid():
        with refusal_into(form):
            row = actions.create_report_draft(
                agency=form.cleaned_data["agency"],
                year=form.cleaned_data["year"],
                actor=request.user,
                today=timezone.localdate(),
                change_note=form.cleaned_data["change_note"],
            )
            messages.success(request, "已根据系统数据生成报告草稿，请检查并完善文字部分")
            return redirect("reports:staff_detail", pk=row.pk)
        if unconfirmed_cells(form.cleaned_data["agency"], form.cleaned_data["year"]):
            statistics_url = reverse(
                "reports:statistics", args=[form.cleaned_data["agency"].pk, form.cleaned_data["year"]]
            )
    filter_form, rows, query = filtered_reports(request, agencies)
    return render(
        request,
        "reports/staff_list.html",
        {
            "form": form,
            "rows": rows,
            "page": rows,
            "query": query,
            "filter_form": filter_form,
            "statistics_url": statistics_url,
            "can_create": form.fields["agency"].queryset.exists(),
            "offices": [a for a in agencies if a.is_disclosure_office],
        },
    )


@login_required
def report_detail(request, pk):
    row = report_for(request.user, pk)
    today = timezone.localdate()
    findings = actions.findings_for(row, today)
    report = Report.from_json(row.data)
    editable = row.is_editable and can(request.user, Action.EDIT, row.agency)
    form = SectionsForm(request.POST or None, initial=report.sections)
    if request.method == "POST":
        if not editable:
            messages.error(request, "报告当前不可编辑")
            return redirect("reports:staff_detail", pk=row.pk)
        if form.is_valid():
            actions.update_sections(row=row, actor=request.user, sections=form.cleaned_data)
            messages.success(request, "文字部分已保存")
            return redirect("reports:staff_detail", pk=row.pk)
    return render(
        request,
        "reports/staff_detail.html",
        {
            "row": row,
            "report": report,
            "findings": findings,
            "form": form,
            "editable": editable,
            "may_review": can(request.user, Action.REVIEW, row.agency)
            and other_hand(request.user, {row.created_by_id, row.submitted_by_id}),
            "tables_html": render_html_fragment(report),
            "review_form": ReviewForm(),
            "versions": AnnualReport.objects.filter(agency=row.agency, year=row.year).order_by("-version"),
            "unconfirmed": list(unconfirmed_applications(row.agency, row.year)) if row.is_editable else [],
        },
    )


def _transition(request, pk, action, success, **extra):
    row = report_for(request.user, pk)
    do = lambda: action(row=row, actor=request.user, **extra)  # noqa: E731
    return act_and_redirect(request, do, success, "reports:staff_detail", pk=row.pk)


@login_required
@require_POST
def report_refresh(request, pk):
    return _transition(request, pk, actions.refresh_figures, "已按最新数据重新计算表格")


@login_required
@require_POST
def report_submit(request, pk):
    return _transition(request, pk, actions.submit_report, "报告已提交审核", today=timezone.localdate())


@login_required
@require_POST
def report_review(request, pk):
    form = ReviewForm(request.POST)
    opinion = form.cleaned_data["opinion"] if form.is_valid() else ""
    if request.POST.get("decision") == "approve":
        return _transition(
            request,
            pk,
            actions.approve_and_publish,
            "报告已审核通过并公开",
            today=timezone.localdate(),
            opinion=opinion,
        )
    return _transition(request, pk, actions.reject_report, "报告已退回修改", opinion=opinion)


@login_required
def report_download(request, pk, fmt):
    row = report_for(request.user, pk)
    if fmt not in FORMATS:
        return HttpResponse("不支持的格式", status=404)
    report = Report.from_json(row.data)
    content = render_format(report, fmt)
    if fmt in ("docx", "pdf", "json"):
        return FileResponse(
            BytesIO(content), as_attachment=True, filename=download_name(report, fmt), content_type=FORMATS[fmt]
        )
    return HttpResponse(content, content_type=FORMATS[fmt])


def _save_statistics(request, agency, rows, form, confirm_zero, confirm_magnitude, note="") -> bool:
    with refusal_into(form) as outcome:
        actions.save_yearly_statistics(
            agency=agency, rows=rows, actor=request.user, confirm_zero=confirm_zero, confirm_magnitude=confirm_magnitude
        )
    return outcome.refused is None


@login_required
def statistics(request, agency_pk, year):
    agency = agency_for(request.user, agency_pk, Action.EDIT)
    if not 2008 <= year <= 2100:
        return HttpResponse("年度无效", status=404)
    instance = YearlyStatistics.objects.filter(agency=agency, year=year).first() or YearlyStatistics(
        agency=agency, year=year
    )
    form = StatisticsForm(request.POST or None, instance=instance)
    upload = StatisticsImportForm(auto_id="id_upload_%s")  # unique ids: two forms on one page
    if request.method == "POST" and "file" in request.FILES:
        upload = StatisticsImportForm(request.POST, request.FILES, auto_id="id_upload_%s")
        if upload.is_valid():
            data = upload.cleaned_data["file"]
            # A problem of the file goes on its field, line by line; any other refusal goes on the
            # form (`refusal_into`); a permission goes on to the 403 page.
            with refusal_into(upload):
                try:
                    saved = actions.import_yearly_statistics(
                        agency=agency,
                        actor=request.user,
                        name=data.name,
                        data=read_upload("statistics_import", data),
                        confirm_zero=upload.cleaned_data["confirm_zero"],
                        confirm_magnitude=upload.cleaned_data["confirm_magnitude"],
                    )
                except UploadRefused as refused:
                    upload.add_error("file", str(refused))
                except ImportRefused as refused:
                    for line in refused.lines:
                        upload.add_error("file", line)
                else:
                    messages.success(request, f"已导入 {len(saved)} 个年度的统计数据")
                    return redirect("reports:statistics", agency_pk=agency.pk, year=year)
        form = StatisticsForm(instance=instance)
    elif request.method == "POST" and form.is_valid():
        row = {f: form.cleaned_data[f] for f in form.Meta.fields}
        row["year"] = year
        if _save_statistics(
            request, agency, [row], form, form.cleaned_data["confirm_zero"], form.cleaned_data["confirm_magnitude"]
        ):
            messages.success(request, "统计数据已保存")
            return redirect("reports:statistics", agency_pk=agency.pk, year=year)
    return render(
        request,
        "reports/statistics.html",
        {
            "agency": agency,
            "year": year,
            "form": form,
            "upload": upload,
            "unconfirmed": unconfirmed_cells(agency, year),
        },
        status=400 if request.method == "POST" else 200,
    )


@login_required
def suggestions(request, agency_pk):
    agency = agency_for(request.user, agency_pk)
    may_edit = can(request.user, Action.EDIT, agency)
    form = SuggestionForm(request.POST or None)
    if request.method == "POST":
        if not may_edit:
            messages.error(request, "您没有登记建议提案的权限")
        elif form.is_valid():
            with refusal_into(form):
                actions.add_suggestion(agency=agency, actor=request.user, fields=form.cleaned_data)
                messages.success(request, "已登记")
                return redirect("reports:suggestions", agency_pk=agency.pk)
    return render(
        request,
        "reports/suggestions.html",
        {"agency": agency, "form": form, "may_edit": may_edit, "rows": Suggestion.objects.filter(agency=agency)},
    )


@login_required
def county(request, office_pk, year):
    """The county aggregate sums the PUBLISHED reports; the page also lists where today's data
    differs from what each agency published."""
    office = agency_for(request.user, office_pk, Action.SUPERVISE)
    agencies = supervised_agencies(request.user).filter(supervisor=office).order_by("name")
    today = timezone.localdate()
    statuses = county_overview(agencies, year, today)
    fmt = request.GET.get("format")
    if fmt in ("xlsx", "json"):
        total = published_figures(statuses, year, f"{office.name}所辖机构合计（已公开报告）")
        if fmt == "json":
            return HttpResponse(
                json.dumps(total.to_json(), ensure_ascii=False, indent=2),
                content_type="application/json; charset=utf-8",
            )
        return FileResponse(
            BytesIO(aggregate_xlsx(total, statuses, live_differences(statuses, year))),
            as_attachment=True,
            filename=f"county-{year}.xlsx",
            content_type="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
        )
    differences = live_differences(statuses, year) if request.GET.get("diff") else None
    return render(
        request,
        "reports/county.html",
        {
            "office": office,
            "year": year,
            "statuses": statuses,
            "published": sum(1 for s in statuses if s.report),
            "differences": differences,
        },
    )
