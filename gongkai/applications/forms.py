"""Forms: parse and validate input; they never change state (actions do)."""

from __future__ import annotations

from django import forms

from gongkai.applications.actions.letters import NOT_DECIDABLE, reply_problems
from gongkai.applications.models import (
    ApplicantTypeChoices,
    CaseKind,
    CaseResult,
    Channel,
    ConsultedParty,
    Delivery,
    IdType,
    ProvisionForm,
    ServiceMethod,
)
from gongkai.applications.validation import applicant_problems
from gongkai.boundary.forms import CleanForm
from gongkai.core import outcomes
from gongkai.core.fees import METHOD_LABELS
from gongkai.core.letters import decisions

DATE = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")


def date_field(label, required=True):
    return forms.DateField(
        label=label,
        required=required,
        widget=DATE,
        error_messages={"invalid": "请输入有效日期（YYYY-MM-DD）", "required": f"请填写{label}"},
    )


class ApplicantForm(CleanForm):
    applicant_type = forms.ChoiceField(label="申请人类型", choices=ApplicantTypeChoices)
    name = forms.CharField(label="姓名或单位名称", max_length=100, required=False)
    id_type = forms.ChoiceField(label="证件类型（自然人）", choices=[("", "—")] + IdType.choices, required=False)
    id_number = forms.CharField(label="证件号码（自然人）", max_length=40, required=False)
    credit_code = forms.CharField(label="统一社会信用代码（法人或其他组织）", max_length=18, required=False)
    legal_representative = forms.CharField(
        label="法定代表人或主要负责人（法人或其他组织）", max_length=50, required=False
    )
    contact_person = forms.CharField(label="联系人", max_length=50, required=False)
    phone = forms.CharField(label="联系电话", max_length=40, required=False)
    email = forms.EmailField(label="电子邮箱", required=False, error_messages={"invalid": "请输入有效的电子邮箱"})
    address = forms.CharField(label="通信地址", max_length=200, required=False)
    information = forms.CharField(
        label="所需政府信息的名称或描述", widget=forms.Textarea(attrs={"rows": 4}), required=False
    )
    document_number = forms.CharField(label="文号（如知道）", max_length=100, required=False)
    provision_form = forms.ChoiceField(label="获取信息的形式", choices=ProvisionForm.choices)
    delivery = forms.ChoiceField(label="获取信息的方式", choices=Delivery.choices)

    def clean(self):
        data = super().clean()
        for field, message in applicant_problems(data).items():
            if field not in self.errors:
                self.add_error(field, message)
        return data


class RegisterForm(ApplicantForm):
    channel = forms.ChoiceField(label="申请方式", choices=[c for c in Channel.choices if c[0] != Channel.ONLINE])
    submitted_on = date_field("提交或寄达日期")
    signed_on = date_field("签收日期（挂号信等需签收的邮件）", required=False)
    arrived_on = date_field("平信到达日期（平信）", required=False)
    confirmed_on = date_field("与申请人确认日期（平信、传真；尚未确认的留空，列入待确认接收）", required=False)


class DateForm(CleanForm):
    on = date_field("日期")


class NoteForm(DateForm):
    note = forms.CharField(label="说明", widget=forms.Textarea(attrs={"rows": 2}), required=False)


class ConsultationEndForm(NoteForm):
    consultation = forms.TypedChoiceField(label="结束的征求意见", coerce=int, required=False, empty_value=None)

    def __init__(self, *args, open_consultations=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["consultation"].choices = [(e.pk, f"{e.on:%Y-%m-%d} {e.note[:40]}") for e in open_consultations]


class ServedForm(DateForm):
    served_on = date_field("送达日期（电子邮件送达的不填：上传盖章文书后发送，发出之日为送达日期）", required=False)
    service_method = forms.ChoiceField(label="送达方式", choices=ServiceMethod.choices)

    def clean(self):
        data = super().clean()
        if data.get("service_method") == ServiceMethod.EMAIL:
            data["served_on"] = None  # served the day the sealed copy is e-mailed (the action records it)
        return data


class LapseForm(CleanForm):
    """Drafting a 视为放弃申请告知书 needs no input: the facts come from the notice and its period."""


class CorrectionForm(ServedForm):
    content = forms.CharField(label="需补正的事项", widget=forms.Textarea(attrs={"rows": 3}))
    correct_by = date_field("补正期限")
    late_reason = forms.CharField(
        label="逾期告知的理由（收到申请已超过7个工作日时必填；逾期告知不重新起算答复期限）",
        widget=forms.Textarea(attrs={"rows": 2}),
        required=False,
    )


class ConsultationForm(ServedForm):
    party = forms.ChoiceField(
        label="被征求意见方", choices=ConsultedParty.choices, initial=ConsultedParty.THIRD_PARTY, required=False
    )

    def clean_party(self):
        return self.cleaned_data.get("party") or ConsultedParty.THIRD_PARTY.value

    third_party = forms.CharField(label="第三方或机关名称", max_length=100)
    content = forms.CharField(label="征求意见事项", widget=forms.Textarea(attrs={"rows": 3}), required=False)


class ExtensionForm(ServedForm):
    working_days = forms.IntegerField(
        label="延长工作日数",
        min_value=1,
        max_value=20,
        initial=20,
        error_messages={
            "max_value": "延长期限最长不得超过20个工作日（条例第三十三条第二款）",
            "min_value": "延长的工作日数必须为正整数",
        },
    )
    reason = forms.CharField(label="延期理由", widget=forms.Textarea(attrs={"rows": 2}))


class DelayForm(ServedForm):
    until = date_field("延迟答复期限")
    reason = forms.CharField(
        label="延迟答复的理由（申请数量、频次明显超过合理范围，条例第三十五条）",
        widget=forms.Textarea(attrs={"rows": 2}),
    )


class FeeForm(ServedForm):
    method = forms.ChoiceField(label="计收方式", choices=[(m.value, label) for m, label in METHOD_LABELS.items()])
    units = forms.IntegerField(label="页数（按量）或本申请拆分件数（按件）", min_value=1, initial=1)
    earlier_in_month = forms.IntegerField(label="本月此前申请件数（按件，留空则自动统计）", min_value=0, required=False)


class PaymentForm(DateForm):
    amount_yuan = forms.IntegerField(label="实收金额（元）", min_value=0)


class CaseForm(CleanForm):
    kind = forms.ChoiceField(label="类型", choices=CaseKind.choices)
    filed_on = date_field("申请复议或起诉日期")
    result = forms.ChoiceField(label="结果", choices=CaseResult.choices, initial=CaseResult.PENDING)
    concluded_on = date_field("审结日期", required=False)
    note = forms.CharField(label="说明", required=False)


class CaseUpdateForm(CleanForm):
    result = forms.ChoiceField(label="结果", choices=CaseResult.choices)
    concluded_on = date_field("审结日期", required=False)
    note = forms.CharField(label="说明", required=False)


class StatusForm(CleanForm):
    number = forms.CharField(label="申请编号", max_length=60)
    code = forms.CharField(label="查询码", max_length=20)


class TemplateForm(CleanForm):
    body = forms.CharField(label="正文模板", widget=forms.Textarea(attrs={"rows": 14}))


class LedgerImportForm(CleanForm):
    file = forms.FileField(label="台账文件（XLSX）")
    go_live = forms.BooleanField(label="上线导入：与上一年度已发布年报的“结转下年度继续办理”核对", required=False)
    expected_carried_forward = forms.IntegerField(
        label="上一年度年报“结转下年度继续办理”总计（无法从已发布年报读取时填写）", min_value=0, required=False
    )


class ReplyDraftForm(CleanForm):
    """The reply letter's outcome and the fields its wording needs (条例 Arts. 36–39; each outcome
    lists its own in `gongkai.core.letters.decisions`). Fields of other outcomes are ignored."""

    outcome = forms.ChoiceField(label="办理结果", error_messages={"required": "请选择办理结果"})

    def __init__(self, *args, **kwargs):

        kwargs.setdefault("label_suffix", "：")
        super().__init__(*args, **kwargs)
        # Read from the core's lists when the form is built (the outcome recipe, docs/architecture.md).
        decidable = [(o.id, o.full_label) for o in outcomes.OUTCOMES if o.id not in NOT_DECIDABLE]
        self.fields["outcome"].choices = [("", "—请选择—"), *decidable]
        users = {}
        for outcome_id, fields in decisions.FIELDS.items():
            for field in fields:
                users.setdefault(field.name, []).append(outcome_id)
        for name, spec in decisions.ALL_FIELDS.items():
            attrs = {"data-outcomes": " ".join(users[name])}
            if spec.choices:
                field = forms.ChoiceField(
                    label=spec.label,
                    required=False,
                    choices=[("", "—请选择—")] + list(spec.choices),
                    widget=forms.Select(attrs=attrs),
                    help_text=spec.help,
                )
            elif name in {"reason", "search_done", "withheld_part"}:
                field = forms.CharField(
                    label=spec.label,
                    required=False,
                    help_text=spec.help,
                    widget=forms.Textarea(attrs=attrs | {"rows": 3}),
                )
            else:
                field = forms.CharField(
                    label=spec.label,
                    required=False,
                    help_text=spec.help,
                    max_length=500,
                    widget=forms.TextInput(attrs=attrs),
                )
            self.fields[name] = field

    def clean(self):

        data = super().clean()
        outcome_id = data.get("outcome")
        if outcome_id:
            details = {k: v for k, v in data.items() if k != "outcome"}
            for name, message in reply_problems(outcome_id, details).items():
                self.add_error(name if name in self.fields else None, message)
        return data

    @property
    def details(self) -> dict:
        return {k: v for k, v in self.cleaned_data.items() if k != "outcome" and v}


class ChineseForm(CleanForm):
    """Labels end with the Chinese colon."""

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("label_suffix", "：")
        super().__init__(*args, **kwargs)


class SignForm(ChineseForm):
    on = date_field("签发日期")


class ServiceForm(ChineseForm):
    served_on = date_field("送达日期（邮寄的，以回执上的签收日期为准）")
    service_method = forms.ChoiceField(label="送达方式", choices=[c for c in ServiceMethod.choices if c[0] != "email"])


class LetterSettingsForm(ChineseForm):
    review_body = forms.CharField(
        label="行政复议机关",
        max_length=100,
        help_text="行政复议法（2023年修订）第二十四条：乡镇人民政府、街道办事处、县级人民政府部门的复议机关为县级人民政府",
        error_messages={"required": "请填写行政复议机关"},
    )
    court = forms.CharField(
        label="管辖法院",
        max_length=100,
        help_text="行政诉讼法第十八条；实行行政案件集中管辖的，填写集中管辖法院",
        error_messages={"required": "请填写管辖法院"},
    )
    payment_instructions = forms.CharField(
        label="缴费方式和地点", required=False, widget=forms.Textarea(attrs={"rows": 3})
    )
    number_pattern = forms.CharField(
        label="文号格式",
        max_length=60,
        help_text="须包含 {year} 和 {seq}，例如：车政信复〔{year}〕{seq}号",
        error_messages={"required": "请填写文号格式"},
    )
    signer_role = forms.ChoiceField(
        label="答复告知书签发人", choices=[("reviewer", "审核人或机构管理员"), ("admin", "仅机构管理员")]
    )
    electronic_seal = forms.BooleanField(
        label="本机关有符合GB/T 38540的电子印章（电子送达的文书使用电子印章）", required=False
    )
