"""Applications (依申请公开): the application, its clock events, letters, fees and review cases.

The lifecycle state is stored (`state`); the due date is derived from `ClockEvent` rows by
`gongkai.core.clock` (see `gongkai.applications.clock.clock_of`), never stored.
"""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.db.models import F, Q

from gongkai.core import outcomes
from gongkai.core.application_states import STATE_LABELS, State
from gongkai.core.clock import RULES, Counting, Kind, Party
from gongkai.core.fees import METHOD_LABELS, Method
from gongkai.holidays.services import working_calendar
from gongkai.security.crypto import EncryptedCharField, EncryptedEmailField

StateChoices = models.TextChoices("StateChoices", [(s.name, (s.value, STATE_LABELS[s])) for s in State])
ApplicantTypeChoices = [(t.id, t.full_label) for t in outcomes.APPLICANT_TYPES]
OutcomeChoices = [(o.id, o.full_label) for o in outcomes.OUTCOMES]


class Channel(models.TextChoices):
    ONLINE = "online", "网上申请"
    REGISTERED_POST = "registered_post", "邮寄（需签收）"
    ORDINARY_LETTER = "ordinary_letter", "平信（无需签收）"
    IN_PERSON = "in_person", "当面提交"
    FAX = "fax", "传真"
    ORAL = "oral", "口头提出（代为填写）"


class IdType(models.TextChoices):
    RESIDENT_ID = "resident_id", "居民身份证"
    PASSPORT = "passport", "护照"
    OTHER = "other", "其他有效证件"


class ProvisionForm(models.TextChoices):
    PAPER = "paper", "纸质"
    ELECTRONIC = "electronic", "电子文档"
    OTHER = "other", "其他"


class Delivery(models.TextChoices):
    POST = "post", "邮寄"
    EMAIL = "email", "电子邮件"
    PICKUP = "pickup", "当面领取"
    ONLINE = "online", "网上查看"


class ServiceMethod(models.TextChoices):
    POST = "post", "邮寄送达"
    EMAIL = "email", "电子邮件送达"
    IN_PERSON = "in_person", "直接送达"
    ONLINE = "online", "网上送达"


class Application(models.Model):
    agency = models.ForeignKey("agencies.Agency", on_delete=models.PROTECT, related_name="applications")
    year = models.PositiveSmallIntegerField("编号年度")
    serial = models.PositiveIntegerField("年度序号")
    number = models.CharField("申请编号", max_length=60)
    query_code_hash = models.CharField(max_length=64, blank=True)
    channel = models.CharField("申请方式", max_length=20, choices=Channel.choices)
    state = models.CharField("状态", max_length=24, choices=StateChoices.choices, default=State.SUBMITTED.value)
    submitted_on = models.DateField("提交日期")
    received_on = models.DateField("收到申请日期", null=True, blank=True)
    # Art. 31(二): an ordinary letter's arrival; the receipt date is the confirmation date, which
    # the law wants on the same day (a difference is warned about on the application page).
    arrived_on = models.DateField("平信到达日期", null=True, blank=True)
    applicant_type = models.CharField("申请人类型", max_length=32, choices=ApplicantTypeChoices)
    name = models.CharField("姓名或名称", max_length=100)
    id_type = models.CharField("证件类型", max_length=20, choices=IdType.choices, blank=True)
    # Encrypted at rest (个人信息保护法 Art. 51; gongkai/security/crypto.py); exact lookups still work.
    id_number = EncryptedCharField("证件号码", max_length=40, blank=True)
    credit_code = models.CharField("统一社会信用代码", max_length=18, blank=True)
    legal_representative = models.CharField("法定代表人", max_length=50, blank=True)
    contact_person = models.CharField("联系人", max_length=50, blank=True)
    phone = EncryptedCharField("联系电话", max_length=40)
    email = EncryptedEmailField("电子邮箱", max_length=254, blank=True)
    address = EncryptedCharField("通信地址", max_length=200, blank=True)
    information = models.TextField("所需信息的名称或描述")
    document_number = models.CharField("文号", max_length=100, blank=True)
    provision_form = models.CharField("获取信息的形式", max_length=20, choices=ProvisionForm.choices)
    delivery = models.CharField("获取信息的方式", max_length=20, choices=Delivery.choices)
    outcome = models.CharField("办理结果", max_length=60, choices=OutcomeChoices, blank=True)
    decided_on = models.DateField("办结日期", null=True, blank=True)
    decision_note = models.TextField("答复内容", blank=True)
    imported = models.BooleanField("由台账导入", default=False)
    submission_token = models.CharField(
        max_length=64, blank=True, help_text="网上申请表的一次性提交令牌（SHA-256），防止重复提交"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-year", "-serial"]
        verbose_name = "政府信息公开申请"
        verbose_name_plural = "政府信息公开申请"
        constraints = [
            models.UniqueConstraint(fields=["agency", "year", "serial"], name="application_serial_unique"),
            models.UniqueConstraint(fields=["agency", "number"], name="application_number_unique"),
            models.UniqueConstraint(
                fields=["submission_token"],
                condition=~Q(submission_token=""),
                name="application_submission_token_unique",
            ),
            models.CheckConstraint(
                condition=(Q(state="closed") & ~Q(outcome="") & Q(decided_on__isnull=False))
                | (~Q(state="closed") & Q(outcome="") & Q(decided_on__isnull=True)),
                name="application_closed_has_outcome",
            ),
            models.CheckConstraint(
                condition=Q(decided_on__isnull=True) | Q(decided_on__gte=F("received_on")),
                name="application_decided_after_receipt",
            ),
            models.CheckConstraint(
                condition=Q(state="submitted") | Q(received_on__isnull=False),
                name="application_received_unless_submitted",
            ),
        ]
        indexes = [
            models.Index(fields=["agency", "received_on"], name="application_received_idx"),
            models.Index(fields=["agency", "decided_on"], name="application_decided_idx"),
            models.Index(fields=["agency", "state"], name="application_state_idx"),
        ]

    def __str__(self):
        return self.number

    @property
    def state_enum(self) -> State:
        return State(self.state)

    @property
    def is_closed(self) -> bool:
        return self.state_enum is State.CLOSED

    @property
    def is_person(self) -> bool:
        return self.applicant_type == outcomes.NATURAL_PERSON

    @property
    def outcome_info(self):
        return outcomes.outcome(self.outcome) if self.outcome else None


class NumberCounter(models.Model):
    """The last serial allocated per agency and year (row-locked while allocating)."""

    agency = models.ForeignKey("agencies.Agency", on_delete=models.CASCADE, related_name="+")
    year = models.PositiveSmallIntegerField()
    last = models.PositiveIntegerField(default=0)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["agency", "year"], name="number_counter_unique")]


KindChoices = [
    (Kind.RECEIVED.value, "收到申请"),
    (Kind.CORRECTION_REQUESTED.value, "发出补正告知"),
    (Kind.CORRECTION_RECEIVED.value, "收到补正"),
    (Kind.CONSULTATION_STARTED.value, "发出征求意见"),
    (Kind.CONSULTATION_ENDED.value, "征求意见结束"),
    (Kind.FEE_NOTICE_SENT.value, "发出收费通知"),
    (Kind.FEE_PAID.value, "缴费"),
    (Kind.EXTENDED.value, "延长答复期限"),
    (Kind.DELAYED_REPLY.value, "延迟答复（条例第三十五条）"),
]


class ConsultedParty(models.TextChoices):
    THIRD_PARTY = Party.THIRD_PARTY.value, "第三方（条例第三十二条）"
    AGENCY = Party.AGENCY.value, "共同制作的其他机关（条例第三十四条）"


class ClockEvent(models.Model):
    """One event that moves the statutory clock. Append-only; the clock is computed from these."""

    application = models.ForeignKey(Application, on_delete=models.CASCADE, related_name="clock_events")
    kind = models.CharField(max_length=32, choices=KindChoices)
    on = models.DateField("日期")
    working_days = models.PositiveSmallIntegerField(default=0)
    served_on = models.DateField("送达日期", null=True, blank=True)
    service_method = models.CharField("送达方式", max_length=20, choices=ServiceMethod.choices, blank=True)
    # An entered date only: 补正期限 (correction_requested) or 延迟答复 date (delayed_reply).
    # Computed deadlines (a consultation's reply-by, a fee's pay-by) are derived, never stored.
    deadline_on = models.DateField("期限", null=True, blank=True)
    party = models.CharField("被征求意见方", max_length=20, choices=ConsultedParty.choices, blank=True)
    note = models.TextField(blank=True)
    closes = models.ForeignKey(
        "self",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
        help_text="征求意见结束：结束的是哪一项征求意见",
    )
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["on", "id"]

    @property
    def kind_enum(self) -> Kind:
        return Kind(self.kind)


class LetterKind(models.TextChoices):
    REPLY = "reply", "政府信息公开申请答复告知书"
    CORRECTION = "correction", "补正告知书"
    EXTENSION = "extension", "延期答复告知书"
    CONSULTATION = "consultation", "第三方意见征询书"
    FEE = "fee", "信息处理费收费通知书"
    CONSULTATION_AGENCY = "consultation_agency", "征求意见函"  # Art. 34: a co-producing agency
    DISCLOSURE_NOTICE = "disclosure_notice", "决定公开告知书"  # Art. 32: to the objecting third party
    DELAYED_REPLY = "delayed_reply", "延迟答复告知书"  # Art. 35
    LAPSE_CORRECTION = "lapse_correction", "逾期未补正视为放弃申请告知书"  # Art. 30, 其他处理1
    LAPSE_FEE = "lapse_fee", "逾期未缴费视为放弃申请告知书"  # 109号, 其他处理2


# Letters that close the application: drafted, previewed and issued only at 签发 (four eyes).
CLOSING_KINDS = (LetterKind.REPLY, LetterKind.LAPSE_CORRECTION, LetterKind.LAPSE_FEE)
_CLOSING = [k.value for k in CLOSING_KINDS]


class LetterTemplate(models.Model):
    """An agency's editable text of one letter type ($placeholders; defaults in letters.py)."""

    agency = models.ForeignKey("agencies.Agency", on_delete=models.CASCADE, related_name="+")
    kind = models.CharField(max_length=20, choices=LetterKind.choices)
    body = models.TextField("正文模板")
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["agency", "kind"], name="letter_template_unique")]


class LetterState(models.TextChoices):
    DRAFT = "draft", "待签发"
    ISSUED = "issued", "已签发"


class SealKind(models.TextChoices):  # how the copy sent electronically carries the seal
    IMAGE = "image", "加盖印章的原件扫描图像"
    ELECTRONIC = "electronic", "电子印章（GB/T 38540）"


class Letter(models.Model):
    """A letter, stored with the application as text, DOCX and PDF once issued.

    A letter that closes the application (the reply; the lapse letters of 其他处理1 and 2) starts
    as a draft (`state` draft: outcome and `details` chosen, no 文号) and is issued only when a
    second person signs it off (`signed_by`); the 文号 is allocated then. Letters of the procedure
    (补正, 延期, 收费, 征求意见) are issued by their actions directly, linked to their clock event.

    `sealed_pdf`: the only copy ever e-mailed (sealed scan or GB/T 38540 PDF, `seal_kind` says which)."""

    application = models.ForeignKey(Application, on_delete=models.CASCADE, related_name="letters")
    agency = models.ForeignKey("agencies.Agency", on_delete=models.PROTECT, related_name="+", null=True)
    kind = models.CharField(max_length=20, choices=LetterKind.choices)
    state = models.CharField("状态", max_length=10, choices=LetterState.choices, default=LetterState.ISSUED)
    title = models.CharField(max_length=100)
    body = models.TextField()
    docx = models.BinaryField(default=b"")
    pdf = models.BinaryField(default=b"")
    for_applicant = models.BooleanField(default=True)
    issued_on = models.DateField("发文日期", null=True, blank=True)
    served_on = models.DateField("送达日期", null=True, blank=True)
    service_method = models.CharField(max_length=20, choices=ServiceMethod.choices, blank=True)
    letter_number = models.CharField("文号", max_length=60, blank=True)
    number_year = models.PositiveSmallIntegerField(null=True, blank=True)
    number_seq = models.PositiveIntegerField(null=True, blank=True)
    outcome = models.CharField("办理结果", max_length=60, choices=OutcomeChoices, blank=True)
    details = models.JSONField("答复要素", default=dict, blank=True)
    drafted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name="拟稿人",
    )
    signed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name="签发人",
    )
    signed_at = models.DateTimeField("签发时间", null=True, blank=True)
    seal_kind = models.CharField("印章形式", max_length=20, choices=SealKind.choices, blank=True)
    sealed_pdf = models.BinaryField("加盖印章的文书（PDF）", default=b"", blank=True)
    clock_event = models.OneToOneField(
        ClockEvent, null=True, blank=True, on_delete=models.SET_NULL, related_name="letter", editable=False
    )
    fee_notice = models.OneToOneField(
        "FeeNotice", null=True, blank=True, on_delete=models.SET_NULL, related_name="letter", editable=False
    )
    emailed_to = models.EmailField("电子邮件送达地址", blank=True)
    emailed_at = models.DateTimeField("电子邮件发出时间", null=True, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["issued_on", "id"]
        constraints = [
            models.UniqueConstraint(
                fields=["agency", "number_year", "number_seq"],
                condition=Q(number_seq__isnull=False),
                name="letter_number_unique",
            ),
            models.UniqueConstraint(
                fields=["application", "kind"],
                condition=Q(kind__in=_CLOSING, state="draft"),
                name="letter_one_closing_draft",
            ),
            models.UniqueConstraint(
                fields=["application"], condition=Q(kind__in=_CLOSING, state="issued"), name="letter_one_closing_issued"
            ),
            models.CheckConstraint(
                condition=Q(state="draft") | Q(issued_on__isnull=False), name="letter_issued_has_date"
            ),
        ]

    @property
    def is_draft(self) -> bool:
        return self.state == LetterState.DRAFT

    @property
    def is_served(self) -> bool:
        return self.served_on is not None


class FeeNotice(models.Model):
    application = models.ForeignKey(Application, on_delete=models.CASCADE, related_name="fee_notices")
    method = models.CharField(
        "计收方式", max_length=20, choices=[(m.value, label) for m, label in METHOD_LABELS.items()]
    )
    units = models.PositiveIntegerField("件数或页数")
    earlier_in_month = models.PositiveIntegerField("本月此前申请件数", default=0)
    amount_yuan = models.PositiveIntegerField("收费金额（元）")
    basis = models.CharField("依据", max_length=200)
    standard = models.TextField("标准")
    issued_on = models.DateField("通知日期")
    # None while the notice waits for 电子邮件送达 (the day the e-mail is sent is the service date).
    served_on = models.DateField("送达日期", null=True, blank=True)
    # 109号: one notice per application; a corrected notice replaces the earlier one.
    replaces = models.OneToOneField(
        "self",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="replaced_by",
        verbose_name="更正的收费通知",
    )
    replaced = models.BooleanField("已被更正通知取代", default=False)
    paid_on = models.DateField("缴费日期", null=True, blank=True)
    paid_amount_yuan = models.PositiveIntegerField("实收金额（元）", null=True, blank=True)

    class Meta:
        ordering = ["issued_on", "id"]
        indexes = [models.Index(fields=["issued_on"], name="fee_notice_issued_idx")]

    @property
    def method_enum(self) -> Method:
        return Method(self.method)

    def pay_by(self, calendar=None):
        """The pay-by date (20 working days after service), derived on every read so that entering
        a year's holidays corrects it; a ProvisionalDate (暂定 flag). None until served."""

        if self.served_on is None:
            return None
        return Counting(calendar or working_calendar()).add(self.served_on, RULES.fee_payment_working_days)

    @property
    def pay_by_on(self):
        pay_by = self.pay_by()
        return pay_by.on if pay_by else None


from gongkai.applications.case_models import CaseKind, CaseResult, ReviewCase  # noqa: E402,F401
from gongkai.applications.letter_models import (  # noqa: E402,F401  (models of letters and notices)
    LetterNumberCounter,
    LetterSettings,
    Notification,
    NotificationChannel,
    NotificationKind,
    NotificationStatus,
    SignerRole,
)
