"""The public online application form (条例 Art. 29): the fields of the chosen applicant type.

Works without JavaScript: the applicant type is a radio group; the fields of 自然人 and of
法人或其他组织 sit in two fieldsets (CSS hides the one not chosen where the browser can). The
fields of the type not chosen are ignored, never refused: they are blanked before validation.
"""

from __future__ import annotations

import re
import secrets

from django import forms

from gongkai.applications.forms import ApplicantForm
from gongkai.applications.models import Delivery
from gongkai.core import outcomes

PERSON_FIELDS = ("id_type", "id_number")
ORGANISATION_FIELDS = ("credit_code", "legal_representative", "contact_person")
TOKEN_PATTERN = re.compile(r"^[A-Za-z0-9_-]{20,64}$")
# A phone number: digits with the usual separators; 7–15 digits (E.164 allows at most 15),
# optionally followed by an extension (转123 / -123 after a full number is read as digits).
PHONE_CHARS = re.compile(r"^\+?[0-9\s\-()（）]+(?:(?:转|分机|ext\.?)\s*[0-9]{1,6})?$", re.IGNORECASE)


def new_submission_token() -> str:
    return secrets.token_urlsafe(24)


def phone_problem(raw: str) -> str | None:
    """Why `raw` is not a usable phone number, or None (empty is not checked here)."""
    value = raw.strip()
    if not PHONE_CHARS.match(value):
        return "联系电话只能包含数字、空格、“-”、括号和“转”分机号，如 13800000000 或 0791-12345678"
    main = re.split(r"转|分机|ext", value, flags=re.IGNORECASE)[0]
    digits = sum(c.isdigit() for c in main)
    if digits < 7:
        return "联系电话位数过少：请填写含区号的固定电话或11位手机号码"
    if digits > 15:
        return "联系电话位数过多（最多15位数字）：请核对后重新填写"
    return None


class OnlineApplicationForm(ApplicantForm):
    submission_token = forms.CharField(widget=forms.HiddenInput, required=False)

    def __init__(self, data=None, *args, **kwargs):
        if data is not None:
            data = data.copy()
            kind = data.get("applicant_type")
            ignored = ORGANISATION_FIELDS if kind == outcomes.NATURAL_PERSON else PERSON_FIELDS if kind else ()
            for name in ignored:
                data[name] = ""
        super().__init__(data, *args, **kwargs)
        self.fields["applicant_type"].widget = forms.RadioSelect()
        self.fields["applicant_type"].choices = [(t.id, t.label) for t in outcomes.APPLICANT_TYPES]
        self.fields["applicant_type"].error_messages["required"] = "请选择申请人类型"
        self.fields["applicant_type"].error_messages["invalid_choice"] = "请选择申请人类型"
        self.fields["phone"].widget = forms.TextInput(attrs={"type": "tel", "autocomplete": "tel", "inputmode": "tel"})
        self.fields["email"].widget = forms.EmailInput(attrs={"autocomplete": "email"})
        self.fields["name"].widget.attrs["autocomplete"] = "name"
        self.fields["address"].widget.attrs["autocomplete"] = "street-address"
        self.fields["id_type"].label = "证件类型"
        self.fields["id_number"].label = "证件号码"
        self.fields["credit_code"].label = "统一社会信用代码"
        self.fields["legal_representative"].label = "法定代表人或主要负责人"
        self.fields["provision_form"].widget = forms.RadioSelect(choices=self.fields["provision_form"].choices)
        self.fields["delivery"].widget = forms.RadioSelect(choices=self.fields["delivery"].choices)
        self.fields["provision_form"].error_messages["required"] = "请选择获取信息的形式"
        self.fields["delivery"].error_messages["required"] = "请选择获取信息的方式"
        if not self.is_bound:  # the defaults of the earlier select boxes: 纸质, 邮寄
            self.initial.setdefault("provision_form", self.fields["provision_form"].choices[0][0])
            self.initial.setdefault("delivery", self.fields["delivery"].choices[0][0])
        self.fields["phone"].help_text = "手机号码或含区号的固定电话"
        self.fields["email"].help_text = "选择以电子邮件方式获取信息时必填"

    def clean_phone(self):
        value = (self.cleaned_data.get("phone") or "").strip()
        if value:
            problem = phone_problem(value)
            if problem:
                raise forms.ValidationError(problem)
        return value

    def clean_submission_token(self):
        token = (self.cleaned_data.get("submission_token") or "").strip()
        return token if TOKEN_PATTERN.match(token) else ""

    def clean(self):
        data = super().clean()
        if (
            data.get("delivery") == Delivery.EMAIL
            and not (data.get("email") or "").strip()
            and "email" not in self.errors
        ):
            self.add_error("email", "选择以电子邮件方式获取信息的，请填写电子邮箱")
        return data

    @property
    def is_person(self) -> bool:
        return self.data.get("applicant_type") == outcomes.NATURAL_PERSON if self.is_bound else False
