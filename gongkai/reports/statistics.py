"""Yearly statistics for report section 二: the XLSX import (its columns and the form of a row).

Columns: 年度, 行政许可, 行政处罚, 行政强制, 行政事业性收费（万元） (all required as headers).
An empty cell stays empty (None): it is not 0 until someone types 0 or confirms the empty cells
as 0 (`actions.save_yearly_statistics(confirm_zero=True)`). Saving is the action's job
(`actions.import_yearly_statistics`).
"""

from __future__ import annotations

import re
from decimal import Decimal, InvalidOperation

from django import forms

from gongkai.boundary.forms import CleanForm
from gongkai.boundary.importer import Column, ImportSpec, Sheet
from gongkai.core.text import TextRefused, parse_int

_AMOUNT = re.compile(r"[0-9]{1,12}(\.[0-9]{1,6})?")


def _count(text: str, label: str) -> int:
    """A non-negative integer of at most 12 digits: ASCII digits only (not "²", "１２" or "1e9")."""
    try:
        return parse_int(text, label=label, minimum=0, maximum=10**12 - 1, max_digits=12)
    except TextRefused as refused:
        raise forms.ValidationError(f"{refused}：{text[:40]}") from None


def _amount(text: str, label: str) -> Decimal:
    """A non-negative amount: ASCII digits with an optional decimal point (no NaN, no exponent)."""
    if text.startswith("-") and _AMOUNT.fullmatch(text[1:]):
        raise forms.ValidationError(f"“{label}”不能为负数")
    if not _AMOUNT.fullmatch(text):
        raise forms.ValidationError(f"“{label}”不是数字：{text[:40]}")
    try:
        number = Decimal(text)
    except InvalidOperation:  # pragma: no cover - the pattern admits only plain decimals
        raise forms.ValidationError(f"“{label}”不是数字：{text[:40]}") from None
    if number.as_tuple().exponent < -4 or number >= Decimal("1e10"):
        raise forms.ValidationError(f"“{label}”最多10位整数、4位小数：{text[:40]}")
    return number


class StatisticsRowForm(CleanForm):
    """One year of the statistics sheet (section 二 of the report)."""

    year = forms.CharField(label="年度", max_length=40)
    licensing_decisions = forms.CharField(label="行政许可", max_length=40, required=False)
    penalty_decisions = forms.CharField(label="行政处罚", max_length=40, required=False)
    coercion_decisions = forms.CharField(label="行政强制", max_length=40, required=False)
    fees_amount_wan_yuan = forms.CharField(label="行政事业性收费（万元）", max_length=40, required=False)

    def clean_year(self):
        year = _count(self.cleaned_data["year"], "年度")
        if not 2008 <= year <= 2100:
            raise forms.ValidationError(f"年度无效：{year}")
        return year

    def _count_of(self, name: str):
        text = self.cleaned_data[name]
        return _count(text, str(self.fields[name].label)) if text else None

    def clean_licensing_decisions(self):
        return self._count_of("licensing_decisions")

    def clean_penalty_decisions(self):
        return self._count_of("penalty_decisions")

    def clean_coercion_decisions(self):
        return self._count_of("coercion_decisions")

    def clean_fees_amount_wan_yuan(self):
        text = self.cleaned_data["fees_amount_wan_yuan"]
        return _amount(text, "行政事业性收费（万元）") if text else None


STATISTICS_IMPORT = ImportSpec(
    kind="statistics_import",
    sheets=(
        Sheet(
            form=StatisticsRowForm,
            columns=(
                Column("年度", "year", required=True, variants=("年份",)),
                Column("行政许可", "licensing_decisions", required=True),
                Column("行政处罚", "penalty_decisions", required=True),
                Column("行政强制", "coercion_decisions", required=True),
                Column("行政事业性收费（万元）", "fees_amount_wan_yuan", required=True, variants=("行政事业性收费",)),
            ),
            unique=("year",),
        ),
    ),
)
