from django import forms

from gongkai.boundary.forms import CleanForm
from gongkai.holidays.services import parse_date_lines


class YearScheduleForm(CleanForm):
    year = forms.IntegerField(label="年份", min_value=2000, max_value=2100)
    holidays = forms.CharField(
        label="放假日期",
        widget=forms.Textarea(attrs={"rows": 8}),
        help_text="每行一个日期或日期范围，如 2027-02-06~2027-02-12",
    )
    makeup_workdays = forms.CharField(
        label="调休上班日期",
        required=False,
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text="周末调休上班的日期，每行一个",
    )
    source = forms.CharField(label="依据（通知文号）", max_length=200, required=False)

    def _dates(self, field):
        try:
            days = parse_date_lines(self.cleaned_data.get(field, ""))
        except ValueError as error:
            raise forms.ValidationError(str(error)) from None
        year = self.cleaned_data.get("year")
        if year:
            wrong = [d for d in days if d.year != year]
            if wrong:
                raise forms.ValidationError(f"{wrong[0].isoformat()} 不属于 {year} 年")
        return days

    def clean_holidays(self):
        return self._dates("holidays")

    def clean_makeup_workdays(self):
        return self._dates("makeup_workdays")

    def clean(self):
        data = super().clean()
        both = set(data.get("holidays") or []) & set(data.get("makeup_workdays") or [])
        if both:
            raise forms.ValidationError(f"{min(both).isoformat()} 不能既是放假日又是调休上班日")
        return data
