"""The go-live catalog import (上线前目录): its columns and the form every row goes through.

Columns (first row = headers, order free, unknown columns ignored): 索引号*, 名称*, 内容概述*, 栏目*,
发布机构*, 成文日期*, 发布日期*, 生成日期, 文号, 主题分类, 关键词, 有效性 (有效/失效/废止, default
有效), 有效性变更日期, 文件类别 (其他信息/规章/行政规范性文件/政策解读), 附件 (file names, separated
by ；or ;), 正文. XLSX or CSV. The writing is `catalog.actions.importing.import_catalog`.
"""

from __future__ import annotations

from django import forms

from gongkai.boundary.forms import CleanForm
from gongkai.boundary.import_fields import CellDateField, LabelChoiceField
from gongkai.boundary.importer import Column, ImportSpec, Sheet
from gongkai.catalog.models import VALIDITY_CHOICES, DocKind, Item, ItemVersion
from gongkai.catalog.models import Column as CatalogColumn
from gongkai.core.catalog.dates import date_problems
from gongkai.core.catalog.workflow import Validity

MAX_BODY = 1_000_000


def _length(model, name: str) -> int:
    return model._meta.get_field(name).max_length


class CatalogRowForm(CleanForm):
    """One row of the catalog file. `columns` {name: Column} of the agency, `files` the names of the
    uploaded attachments, `existing` the agency's 索引号 already stored."""

    index_number = forms.CharField(label="索引号", max_length=_length(Item, "index_number"))
    title = forms.CharField(label="名称", max_length=_length(ItemVersion, "title"))
    summary = forms.CharField(label="内容概述", max_length=_length(ItemVersion, "summary"))
    column = forms.CharField(label="栏目", max_length=_length(CatalogColumn, "name"))
    publisher = forms.CharField(label="发布机构", max_length=_length(ItemVersion, "publisher"))
    written_on = CellDateField(label="成文日期")
    published_on = CellDateField(label="发布日期")
    formed_on = CellDateField(label="生成日期", required=False)
    doc_number = forms.CharField(label="文号", max_length=_length(ItemVersion, "doc_number"), required=False)
    topic = forms.CharField(label="主题分类", max_length=_length(ItemVersion, "topic"), required=False)
    keywords = forms.CharField(label="关键词", max_length=_length(ItemVersion, "keywords"), required=False)
    validity = LabelChoiceField(
        label="有效性", choices=VALIDITY_CHOICES, empty=Validity.EFFECTIVE.value, required=False
    )
    validity_changed_on = CellDateField(label="有效性变更日期", required=False)
    doc_kind = LabelChoiceField(label="文件类别", choices=DocKind.choices, empty=DocKind.OTHER.value, required=False)
    attachments = forms.CharField(label="附件", required=False)
    body = forms.CharField(label="正文", max_length=MAX_BODY, required=False)

    def __init__(self, *args, columns=None, files=(), existing=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.columns, self.files, self.existing = columns or {}, set(files), set(existing)

    def clean_index_number(self):
        number = self.cleaned_data["index_number"]
        if number in self.existing:
            raise forms.ValidationError(f"“{number}”已存在")
        return number

    def clean_column(self):
        name = self.cleaned_data["column"]
        column = self.columns.get(name)
        if column is None:
            raise forms.ValidationError(f"“{name}”不存在")
        if not column.holds_items:
            raise forms.ValidationError(f"“{name}”不能直接发布信息")
        return column

    def clean_attachments(self):
        names = [n.strip() for n in self.cleaned_data["attachments"].replace("；", ";").split(";") if n.strip()]
        missing = [n for n in names if n not in self.files]
        if missing:
            raise forms.ValidationError(f"“{'、'.join(missing)}”未上传")
        return names

    def clean(self):
        data = super().clean()
        written, published = data.get("written_on"), data.get("published_on")
        formed = data.get("formed_on") or written
        data["formed_on"] = formed
        for name, message in date_problems(written_on=written, formed_on=formed, published_on=published):
            self.add_error(name if name in self.fields else None, message)
        validity = data.get("validity")
        if validity and validity != Validity.EFFECTIVE.value and not data.get("validity_changed_on"):
            if "validity_changed_on" not in self.errors:
                self.add_error("validity_changed_on", "失效或废止的信息须填写有效性变更日期")
        return data


COLUMNS = (
    Column("索引号", "index_number", required=True),
    Column("名称", "title", required=True, variants=("标题",)),
    Column("内容概述", "summary", required=True, variants=("摘要",)),
    Column("栏目", "column", required=True),
    Column("发布机构", "publisher", required=True),
    Column("成文日期", "written_on", required=True),
    Column("发布日期", "published_on", required=True),
    Column("生成日期", "formed_on"),
    Column("文号", "doc_number", variants=("发文字号",)),
    Column("主题分类", "topic"),
    Column("关键词", "keywords"),
    Column("有效性", "validity"),
    Column("有效性变更日期", "validity_changed_on"),
    Column("文件类别", "doc_kind"),
    Column("附件", "attachments"),
    Column("正文", "body"),
)

CATALOG_IMPORT = ImportSpec(
    kind="catalog_import",
    formats=("xlsx", "csv"),
    sheets=(Sheet(form=CatalogRowForm, columns=COLUMNS, unique=("index_number",)),),
)
