"""Staff pages of the catalog: importing the catalog of before the platform (上线前目录)."""

from __future__ import annotations

from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.shortcuts import redirect, render

from gongkai.agencies.access import Action, agency_for
from gongkai.boundary.importer import ImportRefused
from gongkai.catalog.actions.importing import import_catalog as do_import
from gongkai.catalog.views.staff.common import uploads as read_uploads
from gongkai.core.archive_limits import KINDS, MAX_ATTACHMENT_BYTES_PER_REQUEST, MAX_ATTACHMENTS_PER_REQUEST


@login_required
def import_catalog(request, agency_pk):
    agency = agency_for(request.user, agency_pk, Action.ADMINISTER)
    problems = []
    status = 200
    if request.method == "POST":
        catalog_file = request.FILES.get("catalog")
        uploads = read_uploads(request)
        if catalog_file is None:
            problems = ["请选择目录文件（.xlsx 或 .csv）"]
        elif uploads is None:
            problems = [
                f"附件过大或过多：每个不超过{settings.GONGKAI_MAX_UPLOAD_BYTES // 1024 // 1024}MB，"
                f"一次最多{MAX_ATTACHMENTS_PER_REQUEST}个、合计不超过{MAX_ATTACHMENT_BYTES_PER_REQUEST // 1024 // 1024}MB"
            ]
        elif catalog_file.size > KINDS["catalog_import"].max_bytes:
            problems = [f"目录文件大小超过上限{KINDS['catalog_import'].max_bytes // 1024 // 1024}MB"]
        else:
            try:
                items = do_import(
                    agency=agency, actor=request.user, name=catalog_file.name, data=catalog_file.read(), files=uploads
                )
            except ImportRefused as error:
                problems = error.lines
            else:
                messages.success(request, f"已导入{len(items)}条信息。")
                return redirect("catalog:staff_agency", agency_pk=agency.pk)
        status = 400
    return render(request, "catalog/staff/import.html", {"agency": agency, "problems": problems}, status=status)
