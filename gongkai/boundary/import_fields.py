"""Form fields for spreadsheet cells (used by the import forms of `gongkai.boundary.importer`).

- `CellDateField`: "YYYY-MM-DD", also "YYYY/MM/DD" and a date with a time after it (Excel's
  datetime cells arrive as their date already); an empty cell is None.
- `LabelChoiceField`: a choice given by its Chinese label as the template shows it (or by its
  stored value, as older exports wrote); an empty cell gives `empty`.
Both only ever raise `ValidationError` with a Chinese message naming the field.
"""

from __future__ import annotations

from datetime import date

from django import forms


def _shown(value: str) -> str:
    return value[:40] + ("…" if len(value) > 40 else "")


class CellDateField(forms.Field):
    def to_python(self, value):
        if isinstance(value, date):
            return value
        text = str(value or "").strip()
        if not text:
            return None
        try:
            return date.fromisoformat(text.replace("/", "-")[:10])
        except ValueError:
            raise forms.ValidationError(
                f"“{self.label}”不是有效日期：{_shown(text)}（应为YYYY-MM-DD）", code="invalid"
            ) from None


class LabelChoiceField(forms.Field):
    def __init__(self, *, choices, empty="", **kwargs):
        super().__init__(**kwargs)
        self.choices = [(str(value), str(label)) for value, label in choices]
        self.empty = empty

    def to_python(self, value):
        text = str(value or "").strip()
        if not text:
            return self.empty
        for value_, label in self.choices:
            if text in (label, value_):
                return value_
        hint = "（应为" + "、".join(label for _, label in self.choices) + "之一）" if len(self.choices) <= 8 else ""
        raise forms.ValidationError(f"“{self.label}”：“{_shown(text)}”不在允许的选项中{hint}", code="invalid")
