"""The rich-text field of the staff editor (正文, 指南, 制度): Jodit over a plain textarea."""

from __future__ import annotations

from django import forms

from gongkai.catalog.richtext import for_textarea, from_input


class RichTextarea(forms.Textarea):
    """A textarea that the editor script turns into a rich-text editor (paste from Word/WPS keeps
    headings, lists, tables and bold; styles are dropped). Without JavaScript it stays a textarea
    and plain text keeps its line breaks."""

    class Media:
        css = {"all": ["vendor/jodit/jodit.min.css"]}
        js = ["vendor/jodit/jodit.min.js", "gongkai/editor.js"]

    def __init__(self, attrs=None):
        super().__init__({"rows": 14, "data-richtext": "1", **(attrs or {})})

    def get_context(self, name, value, attrs):
        context = super().get_context(name, value, attrs)
        context["widget"]["attrs"]["data-html"] = value or ""
        return context

    def format_value(self, value):
        return for_textarea(value or "")

    def value_from_datadict(self, data, files, name):
        raw = data.get(name)
        if raw is None:
            return None
        return from_input(raw, data.get(f"{name}__format", ""))


class RichTextField(forms.CharField):
    widget = RichTextarea

    def __init__(self, **kwargs):
        kwargs.setdefault("strip", False)
        kwargs.setdefault(
            "help_text",
            "可直接从 Word、WPS 粘贴（保留标题、列表、表格和加粗）；未启用脚本时按纯文本保存，空一行为新段落",
        )
        super().__init__(**kwargs)
