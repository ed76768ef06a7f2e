"""台账 export and import (with the go-live check against the last published report)."""

from __future__ import annotations

from io import BytesIO

from django.contrib.auth.decorators import login_required
from django.db import transaction
from django.http import FileResponse
from django.shortcuts import render
from django.utils import timezone

from gongkai.agencies.access import Action, agency_for, can
from gongkai.applications.actions.ledger import import_ledger
from gongkai.applications.forms import LedgerImportForm
from gongkai.applications.ledger import export_ledger, year_applications
from gongkai.applications.ledger_go_live import (
    carried_forward_of_report_file,
    go_live_difference,
    published_carried_forward,
)
from gongkai.audit import record
from gongkai.boundary.importer import ImportRefused, Problem
from gongkai.boundary.uploads import UploadRefused, read_upload

XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


@login_required
def ledger(request, agency_pk):
    agency = agency_for(request.user, agency_pk, Action.VIEW)
    this_year = timezone.localdate().year
    return render(
        request,
        "applications/staff/ledger.html",
        {"agency": agency, "years": range(this_year, this_year - 6, -1), "form": LedgerImportForm()},
    )


@login_required
def export(request, agency_pk, year):
    agency = agency_for(request.user, agency_pk, Action.VIEW)
    if not 2000 <= year <= 2100:
        return render(request, "portal/error.html", {"title": "年份无效", "text": "请选择有效年份。"}, status=400)
    # Masked by default (个人信息保护法 Art. 51); ?full=1 gives the full values, for the agency's
    # own editors only (migration to another instance), and is recorded in the audit log.
    full = request.GET.get("full") == "1" and can(request.user, Action.EDIT, agency)
    if full:
        with transaction.atomic():
            record(
                subject=agency,
                actor=request.user,
                kind="applications.ledger.exported_unmasked",
                after={"year": year},
                note=f"导出{year}年台账（含完整个人信息）",
            )
    data = export_ledger(year_applications(agency, year), mask=not full)
    return FileResponse(
        BytesIO(data), as_attachment=True, filename=f"{agency.name}-{year}年依申请公开台账.xlsx", content_type=XLSX
    )


@login_required
def import_view(request, agency_pk):
    agency = agency_for(request.user, agency_pk, Action.EDIT)
    form = LedgerImportForm(request.POST or None, request.FILES or None)
    context = {
        "agency": agency,
        "form": form,
        "years": range(timezone.localdate().year, timezone.localdate().year - 6, -1),
    }
    if request.method != "POST":
        return render(request, "applications/staff/ledger.html", context)
    if not form.is_valid():
        return render(request, "applications/staff/ledger.html", context, status=400)
    upload = form.cleaned_data["file"]
    try:
        data = read_upload("ledger_import", upload)
        result = import_ledger(agency=agency, data=data, actor=request.user, name=upload.name)
    except UploadRefused as refused:
        context.update(rejected=ImportRefused([Problem(0, str(refused))]))
        return render(request, "applications/staff/ledger.html", context, status=400)
    except ImportRefused as rejected:
        context.update(rejected=rejected)
        return render(request, "applications/staff/ledger.html", context, status=400)
    context["imported"] = result.created
    if form.cleaned_data["go_live"]:
        year = timezone.localdate().year - 1
        expected = published_carried_forward(agency, year)
        source = f"{year}年度已发布年报"
        report_file = request.FILES.get("report_file")
        if report_file is not None:
            expected, problem = carried_forward_of_report_file(report_file)
            source = "上传的年报文件" + (f"（{problem}）" if problem else "")
        if expected is None and form.cleaned_data["expected_carried_forward"] is not None:
            expected, source = form.cleaned_data["expected_carried_forward"], "填写的年报数字"
        context["go_live"] = f"{go_live_difference(agency, year, expected)}（核对依据：{source}）"
    return render(request, "applications/staff/ledger.html", context)
