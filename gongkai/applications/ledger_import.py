"""The ledger import (台账): the forms of its two sheets and its column spec.

The columns are the export's (`ledger.COLUMNS`, `ledger.EVENT_COLUMNS`; a choice is written and read
by its Chinese label, a stored value is accepted too): what the platform exports, it imports.
Every text cell is cleaned like a form field and checked against the column's length in the
database, so SQLite and PostgreSQL accept exactly the same files. The writing is
`applications.actions.ledger.import_ledger`.
"""

from __future__ import annotations

from django import forms

from gongkai.applications.ledger import COLUMNS, EVENT_COLUMNS, EVENT_SHEET, SHEET
from gongkai.applications.models import Application, ClockEvent
from gongkai.applications.validation import applicant_problems
from gongkai.boundary.forms import CleanForm
from gongkai.boundary.import_fields import CellDateField, LabelChoiceField
from gongkai.boundary.importer import Column, ImportSpec, Sheet
from gongkai.core.application_states import State

MAX_WORKING_DAYS = 10_000


def _max_length(model, field: str) -> int | None:
    try:
        return model._meta.get_field(field).max_length
    except Exception:  # a column that is not a field of the model
        return None


def _field(model, name: str, header: str, kind):
    if kind == "date":
        return CellDateField(label=header, required=False)
    if kind == "int":
        return forms.IntegerField(
            label=header,
            required=False,
            min_value=0,
            max_value=MAX_WORKING_DAYS,
            error_messages={"min_value": "不能小于0", "max_value": f"不能大于{MAX_WORKING_DAYS}"},
        )
    if isinstance(kind, list):
        return LabelChoiceField(label=header, choices=kind, required=False)
    length = _max_length(model, name) or _max_length(Application, name)
    return forms.CharField(label=header, max_length=length, required=False)


def _fields(model, columns) -> dict:
    return {name: _field(model, name, header, kind) for name, header, kind in columns}


REQUIRED = ("number", "channel", "submitted_on", "provision_form", "delivery", "state")


def _clean_application(self):
    data = forms.Form.clean(self)
    if self.errors:  # the cross-checks need every cell readable
        return data
    for field, message in applicant_problems(data).items():
        self.add_error(field, message)
    for field in REQUIRED:
        if not data.get(field):
            self.add_error(field, "不能为空")
    state, submitted = data.get("state"), data.get("submitted_on")
    received, decided = data.get("received_on"), data.get("decided_on")
    if state and state != State.SUBMITTED.value and received is None:
        self.add_error("received_on", "已接收的申请须有收到申请日期")
    if received and submitted and received < submitted:
        self.add_error("received_on", "收到申请日期早于提交日期")
    if state == State.CLOSED.value:
        if not data.get("outcome") or decided is None:
            self.add_error(None, "已办结的申请须有办理结果和办结日期")
    elif state and (data.get("outcome") or decided):
        self.add_error(None, "未办结的申请不应有办理结果或办结日期")
    if decided and received and decided < received:
        self.add_error("decided_on", "办结日期早于收到申请日期")
    return data


def _clean_event(self):
    data = forms.Form.clean(self)
    if not self.errors and (not data.get("kind") or data.get("on") is None):
        self.add_error(None, "缺少事件或日期")
    return data


ApplicationRowForm = type(
    "ApplicationRowForm",
    (CleanForm,),
    {"__module__": __name__, "__doc__": "One row of the sheet 台账.", "clean": _clean_application}
    | _fields(Application, COLUMNS),
)
ClockEventRowForm = type(
    "ClockEventRowForm",
    (CleanForm,),
    {"__module__": __name__, "__doc__": "One row of the sheet 期限事件.", "clean": _clean_event}
    | _fields(ClockEvent, EVENT_COLUMNS),
)

LEDGER_IMPORT = ImportSpec(
    kind="ledger_import",
    require_rows=False,
    sheets=(
        Sheet(
            form=ApplicationRowForm,
            title=SHEET,
            columns=tuple(Column(header, name, required=True) for name, header, _ in COLUMNS),
            unique=("number",),
        ),
        Sheet(
            form=ClockEventRowForm,
            title=EVENT_SHEET,
            columns=tuple(Column(header, name, required=True) for name, header, _ in EVENT_COLUMNS),
        ),
    ),
)
