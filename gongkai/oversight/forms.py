"""Forms of the oversight pages: parse and validate input; they never change state (actions do)."""

from __future__ import annotations

from datetime import date

from django import forms

from gongkai.boundary.forms import CleanForm

DATE = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")
TEXT = {"rows": 4}


def _date_field(label: str, required: bool = True) -> forms.DateField:
    return forms.DateField(
        label=label,
        required=required,
        widget=DATE,
        error_messages={"invalid": "请输入有效日期（YYYY-MM-DD）", "required": f"请填写{label}"},
    )


def _text_field(label: str, required: bool = True) -> forms.CharField:
    return forms.CharField(
        label=label,
        required=required,
        max_length=2000,
        widget=forms.Textarea(attrs=TEXT),
        error_messages={"required": f"请填写{label}", "max_length": f"{label}不能超过2000字"},
    )


class _DueDateMixin:
    """Refuses a due date in the past (the working-day check is the action's, with the calendar)."""

    def __init__(self, *args, today: date, **kwargs):
        super().__init__(*args, **kwargs)
        self.today = today

    def clean_due_on(self):
        due_on = self.cleaned_data.get("due_on")
        if due_on is not None and due_on < self.today:
            raise forms.ValidationError("整改期限不能早于今天")
        return due_on


class IssueRectificationForm(_DueDateMixin, CleanForm):
    findings = forms.TypedMultipleChoiceField(
        label="整改的问题",
        coerce=int,
        error_messages={"required": "请至少选择一个问题", "invalid_choice": "所选问题不存在或已下发整改通知"},
    )
    requirement = _text_field("整改要求")
    due_on = _date_field("整改期限")

    def __init__(self, *args, findings=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["findings"].choices = [(f.pk, f.message) for f in findings]


class SubmitRectificationForm(CleanForm):
    report = _text_field("整改情况")


class VerifyRectificationForm(_DueDateMixin, CleanForm):
    decision = forms.ChoiceField(
        label="验收结论",
        choices=[("accept", "验收通过"), ("return", "退回重新整改")],
        error_messages={"required": "请选择验收结论", "invalid_choice": "请选择验收结论"},
    )
    note = _text_field("验收意见", required=False)
    due_on = _date_field("新的整改期限（退回时可填）", required=False)

    def clean(self):
        data = super().clean()
        if data.get("decision") == "return" and not (data.get("note") or "").strip():
            self.add_error("note", "退回时请填写退回理由")
        return data


def add_errors(form, error) -> None:
    """An action's refusal (`Refused`) shown on the form: on its fields where it names them."""
    if not error.field_errors:
        form.add_error(None, str(error))
    for field, message in error.field_errors.items():
        form.add_error(field if field in form.fields else None, message)
