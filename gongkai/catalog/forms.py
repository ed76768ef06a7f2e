"""Forms validate input; actions change state."""

from __future__ import annotations

from django import forms

from gongkai.boundary.forms import CleanForm
from gongkai.catalog.models import VERSION_FIELDS, Column, ColumnKind, DocKind, ScreeningHit
from gongkai.catalog.widgets import RichTextField
from gongkai.core.catalog.index_number import pattern_problem
from gongkai.core.catalog.workflow import Validity

DATE = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")


class ItemForm(CleanForm):
    column = forms.ModelChoiceField(
        label="栏目",
        queryset=Column.objects.none(),
        empty_label="请选择栏目",
        error_messages={"invalid_choice": "栏目不存在", "required": "请选择栏目"},
    )
    doc_kind = forms.ChoiceField(label="文件类别", choices=DocKind.choices, initial=DocKind.OTHER)
    title = forms.CharField(label="名称", max_length=200)
    summary = forms.CharField(label="内容概述", max_length=1000, widget=forms.Textarea(attrs={"rows": 2}))
    doc_number = forms.CharField(label="文号", max_length=80, required=False)
    publisher = forms.CharField(label="发布机构", max_length=100)
    written_on = forms.DateField(label="成文日期", widget=DATE)
    formed_on = forms.DateField(
        label="生成日期", widget=DATE, required=False, help_text="默认为成文日期（修订时为变更日期）"
    )
    changed_on = forms.DateField(label="变更日期", widget=DATE, required=False, help_text="修订已发布信息时填写")
    published_on = forms.DateField(label="发布日期", widget=DATE, required=False, help_text="留空则为实际发布当天")
    topic = forms.CharField(label="主题分类", max_length=60, required=False)
    keywords = forms.CharField(label="关键词", max_length=200, required=False)
    body_html = RichTextField(label="正文", required=False, max_length=500_000)
    public_note = forms.CharField(
        label="公开更正说明",
        max_length=300,
        required=False,
        help_text="修订已发布信息时必填，将在公开页面显示，如“更正了第三条的发放时间”",
    )
    change_note = forms.CharField(
        label="内部修改说明（不公开）",
        max_length=300,
        required=False,
        widget=forms.Textarea(attrs={"rows": 2}),
        help_text="写给审核人的说明，只在工作人员页面显示，不公开；审核意见请在审核时填写",
    )

    def __init__(self, *args, agency, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["column"].queryset = (
            Column.objects.filter(agency=agency)
            .exclude(kind__in=[ColumnKind.GUIDE, ColumnKind.SYSTEM, ColumnKind.GROUP])
            .order_by("position", "id")
        )
        for field in self.fields.values():
            field.error_messages.setdefault("required", f"请填写{field.label}")
            field.error_messages["required"] = f"请填写{field.label}"
            if isinstance(field, forms.DateField):
                field.error_messages["invalid"] = f"{field.label}格式无效（应为 YYYY-MM-DD）"

    def clean(self):
        data = super().clean()
        written, published = data.get("written_on"), data.get("published_on")
        if written and published and published < written:
            self.add_error("published_on", "发布日期不能早于成文日期")
        return data

    def version_fields(self) -> dict:
        return {k: self.cleaned_data.get(k) for k in VERSION_FIELDS}


class ReviewForm(CleanForm):
    opinion = forms.CharField(label="审查意见", required=False, widget=forms.Textarea(attrs={"rows": 3}))
    publish_at = forms.DateTimeField(
        label="定时发布（可选）",
        required=False,
        widget=forms.DateTimeInput(attrs={"type": "datetime-local"}),
        input_formats=["%Y-%m-%dT%H:%M", "%Y-%m-%d %H:%M"],
        error_messages={"invalid": "定时发布时间格式无效"},
    )


class ResolveHitForm(CleanForm):
    resolution = forms.ChoiceField(
        choices=[
            (ScreeningHit.Resolution.CONFIRMED, "确认可以公开"),
            (ScreeningHit.Resolution.REMOVE, "须删除（退回修改）"),
        ],
        error_messages={"required": "请选择处理方式", "invalid_choice": "请选择处理方式"},
    )
    reason = forms.CharField(label="理由", max_length=300, required=False)


class RetireForm(CleanForm):
    validity = forms.ChoiceField(
        label="有效性", choices=[(Validity.EXPIRED.value, "失效"), (Validity.REPEALED.value, "废止")]
    )
    on = forms.DateField(
        label="日期", widget=DATE, error_messages={"required": "请填写日期", "invalid": "日期格式无效"}
    )
    reason = forms.CharField(label="原因", max_length=500, error_messages={"required": "请填写原因"})


class ColumnForm(CleanForm):
    name = forms.CharField(label="栏目名称", max_length=60, error_messages={"required": "请填写栏目名称"})
    parent = forms.ModelChoiceField(
        label="上级栏目",
        queryset=Column.objects.none(),
        required=False,
        error_messages={"invalid_choice": "上级栏目不存在"},
    )
    position = forms.IntegerField(label="排序", min_value=0, initial=500)

    def __init__(self, *args, agency, **kwargs):
        super().__init__(*args, **kwargs)
        self.agency = agency
        self.fields["parent"].queryset = Column.objects.filter(
            agency=agency, kind__in=[ColumnKind.GROUP, ColumnKind.CUSTOM]
        )

    def clean(self):
        data = super().clean()
        if (
            data.get("name")
            and Column.objects.filter(agency=self.agency, parent=data.get("parent"), name=data["name"]).exists()
        ):
            self.add_error("name", "同一上级栏目下已有同名栏目")
        return data


class SettingsForm(CleanForm):
    index_pattern = forms.CharField(
        label="索引号规则", max_length=80, help_text="占位符：{统一社会信用代码}、{YYYY}、{MM}、{NNNNN}（流水号位数）"
    )
    guide_html = RichTextField(label="政府信息公开指南", required=False, max_length=200_000)
    system_html = RichTextField(label="政府信息公开制度", required=False, max_length=200_000)

    def clean_index_pattern(self):
        value = self.cleaned_data["index_pattern"].strip()
        problem = pattern_problem(value)
        if problem:
            raise forms.ValidationError(problem)
        return value
