"""台账: a year's applications to XLSX and back.

Workbook: sheet “台账” (one application a row, the columns of `COLUMNS`, choices as their Chinese
labels) and sheet “期限事件” (the clock events of those applications, by 申请编号).

Import contract (`import_ledger`): every row of both sheets is validated first; if any row is
invalid nothing is saved and `LedgerRejected.problems` lists every (sheet, row number, reason).
A valid file is saved in one transaction. Query codes are not in the ledger: imported
applications have none (the applicant follows up by telephone or letter).
Numbers: a row whose 申请编号 has this agency's own form (`<slug>-YYYY-NNNN`) keeps that year and
serial, and the agency-year counter is moved past it in the same transaction, so a later online
application or registration can never be given a stored number; a number that collides with a
stored one is refused naming the row. Other numbers (from an earlier system) get a fresh serial.
Limits: the file size, archive and row caps of `gongkai.core.archive_limits.KINDS["ledger_import"]`;
every text cell is cleaned like a form field (`gongkai.core.text.clean_text`) and checked against
the column's length in the database, so SQLite and PostgreSQL accept exactly the same files.
Go-live (`go_live_difference`): the imported applications still open at the end of the previous
year are compared with 四、结转下年度继续办理 (总计) of that year's published report.
"""

from __future__ import annotations

import io
import re
from dataclasses import dataclass
from datetime import date, datetime

from django.db import transaction

from gongkai import audit
from gongkai.applications.actions.intake import APPLICANT_FIELDS, allocate_number
from gongkai.applications.models import (
    ApplicantTypeChoices,
    Application,
    Channel,
    ClockEvent,
    Delivery,
    IdType,
    KindChoices,
    NumberCounter,
    OutcomeChoices,
    ProvisionForm,
    ServiceMethod,
    StateChoices,
)
from gongkai.applications.validation import applicant_problems, normalise
from gongkai.core.application_states import State
from gongkai.core.archive_limits import UploadRefused, read_xlsx
from gongkai.core.text import TextRefused, clean_text, parse_int, spreadsheet_safe

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


class LedgerRejected(ValueError):
    def __init__(self, problems: list[tuple[str, int, str]]):
        self.problems = problems
        super().__init__(f"台账有{len(problems)}处错误，未导入任何记录")


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

    from gongkai.security.masking import masked

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


def _max_length(model, field: str) -> int | None:
    try:
        return model._meta.get_field(field).max_length
    except Exception:  # a column that is not a model field
        return None


def _parse(value, kind, header, max_length=None):
    """(value, problem)."""
    if value is None or (isinstance(value, str) and not value.strip()):
        return ("" if kind not in ("date", "int") else None), None
    if kind == "date":
        if isinstance(value, datetime):
            return value.date(), None
        if isinstance(value, date):
            return value, None
        try:
            return date.fromisoformat(str(value).strip()), None
        except ValueError:
            return None, f"“{header}”不是有效日期：{value}"
    if kind == "int":
        try:
            return parse_int(value, label=header, minimum=0, maximum=10_000), None
        except TextRefused as refused:
            return None, str(refused)
    if isinstance(value, (datetime, date)):
        value = value.isoformat()
    try:
        text = clean_text(str(value).strip(), header, max_length)
    except TextRefused as refused:
        return None, str(refused)
    if isinstance(kind, list):
        by_label = {label: key for key, label in kind}
        if text in by_label:
            return by_label[text], None
        if text in dict(kind):
            return text, None
        return None, f"“{header}”的值“{text}”不在允许的选项中"
    return text, None


def _rows(book: dict, name, columns, problems, model):
    if name not in book:
        problems.append((name, 0, f"缺少工作表“{name}”"))
        return []
    rows = book[name]
    if not rows:
        problems.append((name, 1, "缺少表头"))
        return []
    header = [str(h).strip() if h is not None else "" for h in rows[0]]
    expected = [h for _, h, _ in columns]
    if header[: len(expected)] != expected:
        problems.append((name, 1, f"表头应为：{'、'.join(expected)}"))
        return []
    parsed = []
    for number, row in enumerate(rows[1:], start=2):
        if all(v in (None, "") for v in row):
            continue
        values, row_problems = {}, []
        for index, (field, header_text, kind) in enumerate(columns):
            raw = row[index] if index < len(row) else None
            value, problem = _parse(raw, kind, header_text, _max_length(model, field))
            if problem:
                row_problems.append(problem)
            values[field] = value
        values["_row"] = number
        parsed.append((number, values, row_problems))
    return parsed


def _check_application(values: dict) -> list[str]:
    problems = list(applicant_problems(values).values())
    if not values["number"]:
        problems.append("缺少申请编号")
    for field, label in (
        ("channel", "申请方式"),
        ("provision_form", "获取信息的形式"),
        ("delivery", "获取信息的方式"),
        ("state", "状态"),
    ):
        if not values.get(field):
            problems.append(f"缺少{label}")
    if values.get("submitted_on") is None:
        problems.append("缺少提交日期")
    received, decided = values.get("received_on"), values.get("decided_on")
    state = values.get("state")
    if state and state != State.SUBMITTED.value and received is None:
        problems.append("已接收的申请须有收到申请日期")
    if received and values.get("submitted_on") and received < values["submitted_on"]:
        problems.append("收到申请日期早于提交日期")
    if state == State.CLOSED.value:
        if not values.get("outcome") or decided is None:
            problems.append("已办结的申请须有办理结果和办结日期")
    elif state and (values.get("outcome") or decided):
        problems.append("未办结的申请不应有办理结果或办结日期")
    if decided and received and decided < received:
        problems.append("办结日期早于收到申请日期")
    return problems


def parse_ledger(data: bytes, name: str = "台账.xlsx") -> tuple[list[dict], dict[str, list[dict]]]:
    """The applications and their events, or LedgerRejected with every problem."""
    try:
        book = read_xlsx("ledger_import", name, data, sheets={SHEET, EVENT_SHEET})
    except UploadRefused as refused:
        raise LedgerRejected([("文件", 0, str(refused))]) from None
    problems: list[tuple[str, int, str]] = []
    applications, seen = [], set()
    for number, values, row_problems in _rows(book, SHEET, COLUMNS, problems, Application):
        row_problems += [] if row_problems else _check_application(values)
        if values["number"] in seen:
            row_problems.append(f"申请编号“{values['number']}”重复")
        seen.add(values["number"])
        problems += [(SHEET, number, p) for p in row_problems]
        applications.append(values)
    events: dict[str, list[dict]] = {}
    for number, values, row_problems in _rows(book, EVENT_SHEET, EVENT_COLUMNS, problems, ClockEvent):
        if values["number"] not in seen:
            row_problems.append(f"申请编号“{values['number']}”不在台账中")
        if not values["kind"] or values["on"] is None:
            row_problems.append("缺少事件或日期")
        problems += [(EVENT_SHEET, number, p) for p in row_problems]
        events.setdefault(values["number"], []).append(values)
    if problems:
        raise LedgerRejected(problems)
    return applications, events


@dataclass
class ImportResult:
    created: int
    open_at_previous_year_end: int


def own_serial(agency, number: str) -> tuple[int, int] | None:
    """(year, serial) when `number` is exactly this agency's own form `<slug>-YYYY-NNNN`."""
    match = re.fullmatch(rf"{re.escape(agency.slug)}-([0-9]{{4}})-([0-9]{{4,9}})", number)
    if match is None:
        return None
    year, serial = int(match.group(1)), int(match.group(2))
    if number != f"{agency.slug}-{year}-{serial:04d}" or serial == 0:
        return None
    return year, serial


def _numbering(agency, applications: list[dict]) -> dict[int, tuple[int, int] | None]:
    """{row: (year, serial) kept from the number, or None}; LedgerRejected naming each colliding row."""
    numbers = [v["number"] for v in applications]
    existing = set(Application.objects.filter(agency=agency, number__in=numbers).values_list("number", flat=True))
    own = {v["_row"]: own_serial(agency, v["number"]) for v in applications}
    taken = set(
        Application.objects.filter(agency=agency, year__in={p[0] for p in own.values() if p}).values_list(
            "year", "serial"
        )
    )
    clashes = []
    for values in applications:
        row, kept = values["_row"], own[values["_row"]]
        if values["number"] in existing:
            clashes.append((SHEET, row, f"申请编号“{values['number']}”在本机关已存在"))
        elif kept and kept in taken:
            clashes.append((SHEET, row, f"申请编号“{values['number']}”与本机关已使用的{kept[0]}年第{kept[1]}号冲突"))
    if clashes:
        raise LedgerRejected(clashes)
    return own


def _advance_counters(agency, kept: list[tuple[int, int]]) -> None:
    """Move each agency-year counter past the serials kept from imported numbers (row-locked)."""
    highest: dict[int, int] = {}
    for year, serial in kept:
        highest[year] = max(highest.get(year, 0), serial)
    for year, serial in sorted(highest.items()):
        NumberCounter.objects.get_or_create(agency=agency, year=year)
        counter = NumberCounter.objects.select_for_update().get(agency=agency, year=year)
        if counter.last < serial:
            counter.last = serial
            counter.save(update_fields=["last"])


@transaction.atomic
def import_ledger(*, agency, data: bytes, actor, name: str = "台账.xlsx") -> ImportResult:
    applications, events = parse_ledger(data, name)
    # Lock this agency's counters first: a concurrent online application waits, then sees them moved.
    list(NumberCounter.objects.select_for_update().filter(agency=agency))
    own = _numbering(agency, applications)
    _advance_counters(agency, [p for p in own.values() if p])
    created = []
    for values in applications:
        kept = own[values["_row"]]
        values = normalise(values)
        year, serial = kept or (values["submitted_on"].year, allocate_number(agency, values["submitted_on"].year)[0])
        application = Application.objects.create(
            agency=agency,
            year=year,
            serial=serial,
            number=values["number"],
            channel=values["channel"],
            state=values["state"],
            submitted_on=values["submitted_on"],
            received_on=values["received_on"],
            outcome=values["outcome"] or "",
            decided_on=values["decided_on"],
            decision_note=values["decision_note"] or "",
            imported=True,
            **{f: values.get(f) or "" for f in APPLICANT_FIELDS},
        )
        for event in events.get(values["number"], []):
            ClockEvent.objects.create(
                application=application,
                kind=event["kind"],
                on=event["on"],
                working_days=event["working_days"] or 0,
                served_on=event["served_on"],
                service_method=event["service_method"] or "",
                deadline_on=event["deadline_on"],
                note=event["note"] or "",
            )
        created.append(application)
    audit.record(
        subject=agency,
        actor=actor,
        kind="applications.ledger_imported",
        agency=agency,
        after={"created": len(created), "numbers": [a.number for a in created][:200]},
    )
    return ImportResult(len(created), len(created))
