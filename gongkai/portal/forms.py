"""The website settings form (validates; never saves — `actions.update_site_settings` does)."""

from __future__ import annotations

from django import forms

from gongkai.boundary.forms import CleanModelForm
from gongkai.portal.models import SiteSettings


class SiteSettingsForm(CleanModelForm):
    police_link = forms.URLField(
        label="公安机关备案查询链接",
        required=False,
        assume_scheme="https",
        error_messages={"invalid": "请输入有效的网址（以 https:// 开头）"},
    )
    party_mark_link = forms.URLField(
        label="党政机关网站标识链接",
        required=False,
        assume_scheme="https",
        error_messages={"invalid": "请输入有效的网址（以 https:// 开头）"},
    )

    class Meta:
        model = SiteSettings
        fields = [
            "sponsor",
            "organizer",
            "site_code",
            "icp_number",
            "police_number",
            "police_link",
            "party_mark_image",
            "party_mark_link",
            "contact_text",
        ]
        widgets = {"contact_text": forms.Textarea(attrs={"rows": 6})}

    def clean_party_mark_image(self):
        value = self.cleaned_data["party_mark_image"].strip()
        if value and not (
            value.startswith("https://")
            or value.startswith("http://")
            or (value.startswith("/") and not value.startswith("//"))
        ):
            raise forms.ValidationError("标识图片地址应为本站以 / 开头的路径（或 https:// 开头的网址）")
        return value
