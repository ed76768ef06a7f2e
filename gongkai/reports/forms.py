from django import forms

from gongkai.boundary.forms import CleanForm, CleanModelForm
from gongkai.core.report.format import NARRATIVE_SECTION_IDS, section
from gongkai.reports.models import Suggestion, YearlyStatistics


class NewReportForm(CleanForm):
    agency = forms.ModelChoiceField(label="机构", queryset=None, empty_label=None)
    year = forms.IntegerField(label="年度", min_value=2008, max_value=2100)
    change_note = forms.CharField(
        label="更正说明（更正已公开报告时填写）", required=False, widget=forms.Textarea(attrs={"rows": 2})
    )

    def __init__(self, *args, agencies, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["agency"].queryset = agencies


class SectionsForm(CleanForm):
    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for section_id in NARRATIVE_SECTION_IDS:
            self.fields[section_id] = forms.CharField(
                label=section(section_id).heading,
                required=False,
                widget=forms.Textarea(attrs={"rows": 12}),
                max_length=50_000,
            )


class ReviewForm(CleanForm):
    opinion = forms.CharField(
        label="审核意见", required=False, widget=forms.Textarea(attrs={"rows": 3}), max_length=2000
    )


CONFIRM_ZERO_LABEL = "将留空的项目确认为0（本年度确无此类事项）"
CONFIRM_MAGNITUDE_LABEL = "确认数值无误（金额单位为万元）"


class StatisticsForm(CleanModelForm):
    """Section 二 figures: a field left empty stays empty (not 0) unless `confirm_zero` is ticked."""

    confirm_zero = forms.BooleanField(label=CONFIRM_ZERO_LABEL, required=False)
    confirm_magnitude = forms.BooleanField(label=CONFIRM_MAGNITUDE_LABEL, required=False)

    class Meta:
        model = YearlyStatistics
        fields = ["licensing_decisions", "penalty_decisions", "coercion_decisions", "fees_amount_wan_yuan"]
        help_texts = {"fees_amount_wan_yuan": "单位：万元（例如 123450 元填 12.345）；留空表示尚未填写"}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for name in self.Meta.fields:
            self.fields[name].required = False


class StatisticsImportForm(CleanForm):
    file = forms.FileField(label="统计数据表（XLSX）")
    confirm_zero = forms.BooleanField(label=CONFIRM_ZERO_LABEL, required=False)
    confirm_magnitude = forms.BooleanField(label=CONFIRM_MAGNITUDE_LABEL, required=False)


class SuggestionForm(CleanModelForm):
    class Meta:
        model = Suggestion
        fields = ["kind", "number", "title", "received_on", "answered_on", "result_published"]
        widgets = {
            "received_on": forms.DateInput(attrs={"type": "date"}),
            "answered_on": forms.DateInput(attrs={"type": "date"}),
        }

    def clean(self):
        data = super().clean()
        received, answered = data.get("received_on"), data.get("answered_on")
        if received and answered and answered < received:
            self.add_error("answered_on", "答复日期不能早于交办日期")
        return data
