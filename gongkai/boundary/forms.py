"""The one form base of the project: every text field cleaned, every number parsed strictly.

Every form of every app derives from `CleanForm` or `CleanModelForm` (a test walks all forms
and fails on one that does not). On construction each field is wrapped:
- CharField (and subclasses: EmailField, …): `gongkai.core.text.clean_text` — control
  characters, NUL, noncharacters refused with a Chinese message naming the field; CR
  normalised; NFC; the length checked after normalisation. A field without `max_length` gets
  `DEFAULT_MAX_LENGTH`, so no text field is unbounded.
- IntegerField / DecimalField: ASCII digits only (Django's `int()` would accept "١٢" and
  "１２"); a Chinese message otherwise.
"""

from __future__ import annotations

import re

from django import forms

from gongkai.core.text import TextRefused, clean_text

DEFAULT_MAX_LENGTH = 100_000
MAX_DIGITS = 18
_INTEGER = re.compile(rf"-?[0-9]{{1,{MAX_DIGITS}}}")
_DECIMAL = re.compile(rf"-?[0-9]{{1,{MAX_DIGITS}}}(\.[0-9]{{1,{MAX_DIGITS}}})?")


def _label(name: str, field: forms.Field) -> str:
    return str(field.label or name)


def _wrap_text(field: forms.CharField, label: str) -> None:
    original = field.to_python
    if field.max_length is None:
        field.max_length = DEFAULT_MAX_LENGTH
        field.widget.attrs.setdefault("maxlength", str(DEFAULT_MAX_LENGTH))
    limit = field.max_length

    def to_python(value):
        value = original(value)
        if isinstance(value, str) and value:
            try:
                value = clean_text(value, label, limit)
            except TextRefused as refused:
                raise forms.ValidationError(str(refused), code="invalid_text") from None
        return value

    field.to_python = to_python


def _wrap_number(field: forms.Field, label: str, pattern: re.Pattern, message: str) -> None:
    original = field.to_python

    def to_python(value):
        if isinstance(value, str):
            value = value.strip()
            if value and not pattern.fullmatch(value):
                raise forms.ValidationError(message.format(label=label), code="invalid")
        return original(value)

    field.to_python = to_python


def clean_fields_of(form: forms.BaseForm) -> None:
    """Wrap every field of `form` (called by the bases; usable on a form built elsewhere)."""
    for name, field in form.fields.items():
        if getattr(field, "_boundary_wrapped", False):
            continue
        field._boundary_wrapped = True
        label = _label(name, field)
        if isinstance(field, forms.CharField):
            _wrap_text(field, label)
        elif isinstance(field, forms.IntegerField):
            _wrap_number(field, label, _INTEGER, "“{label}”应为由0–9组成的整数")
        elif isinstance(field, forms.DecimalField):
            _wrap_number(field, label, _DECIMAL, "“{label}”应为数字（仅限0–9和小数点）")


class CleanFormMixin:
    """Wraps the fields on construction and again before validation (for fields a subclass
    adds in its own __init__)."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        clean_fields_of(self)

    def full_clean(self):
        clean_fields_of(self)
        super().full_clean()


class CleanForm(CleanFormMixin, forms.Form):
    """Base of every plain form."""


class CleanModelForm(CleanFormMixin, forms.ModelForm):
    """Base of every model form (limits come from the model's max_length)."""
