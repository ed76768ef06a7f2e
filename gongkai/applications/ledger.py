"""台账: a year's applications to XLSX and back.

Workbook: sheet “台账” (one application a row, the columns of `COLUMNS`, choices as their Chinese
labels) and sheet “期限事件” (the clock events of those applications, by 申请编号).

Import contract (`applications.actions.ledger.import_ledger`, columns and forms in
`ledger_import.py`, read by the one importer `gongkai.boundary.importer`): every row of both sheets
is validated first; if any row is invalid nothing is saved and `ImportRefused.problems` lists every
(sheet, row, column, reason). A valid file is saved in one transaction. Query codes are not in
the ledger: imported applications have none (the applicant follows up by telephone or letter).
Numbers: a row whose 申请编号 has this agency's own form (`<slug>-YYYY-NNNN`) keeps that year and
serial (`own_serial`); a number that collides with a stored one is refused naming the row.
Go-live (`go_live_difference`): the imported applications still open at the end of the previous
year are compared with 四、结转下年度继续办理 (总计) of that year's published report.
"""

from __future__ import annotations

import io
import re
from datetime import date

from gongkai.applications.models import (
    ApplicantTypeChoices,
    Application,
    Channel,
    Delivery,
    IdType,
    KindChoices,
    OutcomeChoices,
    ProvisionForm,
    ServiceMethod,
    StateChoices,
)
from gongkai.core.text import spreadsheet_safe
from gongkai.security.masking import masked

# (field, header, choices or "date" or None)
COLUMNS = [
    ("number", "申请编号", None),
    ("channel", "申请方式", Channel.choices),
    ("submitted_on", "提交日期", "date"),
    ("received_on", "收到申请日期", "date"),
    ("applicant_type", "申请人类型", ApplicantTypeChoices),
    ("name", "姓名或名称", None),
    ("id_type", "证件类型", IdType.choices),
    ("id_number", "证件号码", None),
    ("credit_code", "统一社会信用代码", None),
    ("legal_representative", "法定代表人", None),
    ("contact_person", "联系人", None),
    ("phone", "联系电话", None),
    ("email", "电子邮箱", None),
    ("address", "通信地址", None),
    ("information", "所需信息", None),
    ("document_number", "文号", None),
    ("provision_form", "获取信息的形式", ProvisionForm.choices),
    ("delivery", "获取信息的方式", Delivery.choices),
    ("state", "状态", StateChoices.choices),
    ("outcome", "办理结果", OutcomeChoices),
    ("decided_on", "办结日期", "date"),
    ("decision_note", "答复内容", None),
]
EVENT_COLUMNS = [
    ("number", "申请编号", None),
    ("kind", "事件", KindChoices),
    ("on", "日期", "date"),
    ("working_days", "工作日数", "int"),
    ("served_on", "送达日期", "date"),
    ("service_method", "送达方式", ServiceMethod.choices),
    ("deadline_on", "期限", "date"),
    ("note", "说明", None),
]
SHEET, EVENT_SHEET = "台账", "期限事件"


def year_applications(agency, year: int):
    """Applications received in `year`, plus those carried into it (the year's workload)."""
    from django.db.models import Q

    start, end = date(year, 1, 1), date(year, 12, 31)
    return (
        Application.objects.filter(agency=agency)
        .filter(
            Q(received_on__gte=start, received_on__lte=end)
            | Q(received_on__lt=start) & (Q(decided_on__isnull=True) | Q(decided_on__gte=start))
            | Q(received_on__isnull=True, submitted_on__gte=start, submitted_on__lte=end)
        )
        .order_by("received_on", "year", "serial")
        .prefetch_related("clock_events")
    )


def _cell(value, kind):
    if value in (None, ""):
        return None
    if kind == "date":
        return value
    if isinstance(kind, list):
        value = dict(kind).get(value, value)
    return spreadsheet_safe(value)


def export_ledger(applications, *, mask: bool = False) -> bytes:
    """`mask=True` (the staff download's default): 证件号码 and contact details masked
    (个人信息保护法 Art. 51); a masked file is for reading, not for re-import."""
    from openpyxl import Workbook

    book = Workbook()
    sheet = book.active
    sheet.title = SHEET
    sheet.append([header for _, header, _ in COLUMNS])
    events = book.create_sheet(EVENT_SHEET)
    events.append([header for _, header, _ in EVENT_COLUMNS])
    for application in applications:
        sheet.append(
            [
                _cell(masked(f, getattr(application, f)) if mask else getattr(application, f), kind)
                for f, _, kind in COLUMNS
            ]
        )
        for event in application.clock_events.all():
            events.append(
                [spreadsheet_safe(application.number)]
                + [_cell(getattr(event, f), kind) for f, _, kind in EVENT_COLUMNS[1:]]
            )
    for ws in (sheet, events):
        for row in ws.iter_rows(min_row=2):
            for cell in row:
                if isinstance(cell.value, date):
                    cell.number_format = "yyyy-mm-dd"
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()


def own_serial(agency, number: str) -> tuple[int, int] | None:
    """(year, serial) when `number` is exactly this agency's own form `<slug>-YYYY-NNNN`."""
    match = re.fullmatch(rf"{re.escape(agency.slug)}-([0-9]{{4}})-([0-9]{{4,9}})", number)
    if match is None:
        return None
    year, serial = int(match.group(1)), int(match.group(2))
    if number != f"{agency.slug}-{year}-{serial:04d}" or serial == 0:
        return None
    return year, serial
