"""通报: the week's agencies with unrectified findings or overdue rectifications, and its XLSX."""

from __future__ import annotations

import re
from io import BytesIO

from django.contrib.auth.decorators import login_required
from django.http import FileResponse
from django.shortcuts import render
from django.utils import timezone
from openpyxl import Workbook
from openpyxl.styles import Font

from gongkai.core.text import spreadsheet_row
from gongkai.oversight import selectors
from gongkai.oversight.access import supervised_or_404

XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
WEEK = re.compile(r"^([0-9]{4})-W([0-9]{1,2})$")  # ASCII digits only
HEADERS = ["序号", "机构", "检查日期", "问题数", "严重问题数", "未整改问题数", "整改中通知数", "逾期未整改通知数"]


def parse_week(text: str | None, today) -> tuple[int, int] | None:
    """'2025-W02' -> (2025, 2); empty -> this week; malformed or impossible -> None."""
    if not text:
        return selectors.week_of(today)
    match = WEEK.match(text.strip())
    if not match:
        return None
    year, week = int(match.group(1)), int(match.group(2))
    try:
        selectors.week_start(year, week)
    except ValueError:
        return None
    return year, week


def _bad_week(request):
    return render(
        request, "portal/error.html", {"title": "周次无效", "text": "请按“2025-W02”的格式选择周次。"}, status=400
    )


def _row_values(number, row):
    inspection = row.inspection
    return [
        number,
        row.agency.name,
        f"{inspection.inspected_on:%Y-%m-%d}" if inspection else "本周未检查",
        inspection.finding_count if inspection else 0,
        inspection.serious_count if inspection else 0,
        row.unrectified,
        row.open_rectifications,
        row.overdue_rectifications,
    ]


@login_required
def bulletin(request):
    agencies = supervised_or_404(request.user)
    today = timezone.localdate()
    week = parse_week(request.GET.get("week"), today)
    if week is None:
        return _bad_week(request)
    rows = selectors.bulletin_rows(agencies, *week, today)
    start = selectors.week_start(*week)
    return render(
        request,
        "oversight/bulletin.html",
        {
            "week_label": f"{week[0]}年第{week[1]}周",
            "week_param": f"{week[0]}-W{week[1]:02d}",
            "start": start,
            "rows": [_row_values(i, row) for i, row in enumerate(rows, start=1)],
            "headers": HEADERS,
            "year": week[0],
            "week": week[1],
        },
    )


def bulletin_workbook(title: str, rows: list[list]) -> bytes:
    workbook = Workbook()
    sheet = workbook.active
    sheet.title = "通报"
    sheet.append([title])
    sheet["A1"].font = Font(bold=True, size=14)
    sheet.append(HEADERS)
    for cell in sheet[2]:
        cell.font = Font(bold=True)
    for row in rows:
        sheet.append(spreadsheet_row(row))
    sheet.column_dimensions["B"].width = 36
    sheet.column_dimensions["C"].width = 14
    out = BytesIO()
    workbook.save(out)
    return out.getvalue()


@login_required
def bulletin_export(request, year, week):
    agencies = supervised_or_404(request.user)
    today = timezone.localdate()
    parsed = parse_week(f"{year}-W{week}", today)
    if parsed is None:
        return _bad_week(request)
    rows = [_row_values(i, row) for i, row in enumerate(selectors.bulletin_rows(agencies, *parsed, today), start=1)]
    title = f"政府网站更新情况检查通报（{year}年第{week}周）"
    return FileResponse(
        BytesIO(bulletin_workbook(title, rows)), as_attachment=True, filename=f"{title}.xlsx", content_type=XLSX
    )
