"""Per-agency letter settings, the 文号 counter and the notices sent to applicants."""

from __future__ import annotations

from django.db import models


class SignerRole(models.TextChoices):
    REVIEWER = "reviewer", "审核人或机构管理员"
    ADMIN = "admin", "仅机构管理员"


class LetterSettings(models.Model):
    """How an agency's letters read and are issued: 复议机关, court, payment, 文号, sign-off, seal.

    Without a saved row the defaults of `gongkai.applications.letters.config` apply (by level)."""

    agency = models.OneToOneField("agencies.Agency", on_delete=models.CASCADE, related_name="letter_settings")
    review_body = models.CharField(
        "行政复议机关",
        max_length=100,
        help_text="行政复议法（2023年修订）第二十四条：乡镇人民政府、县级人民政府部门为县级人民政府",
    )
    court = models.CharField(
        "管辖法院", max_length=100, help_text="行政诉讼法第十八条；实行行政案件集中管辖的，填写集中管辖法院"
    )
    payment_instructions = models.TextField(
        "缴费方式和地点",
        blank=True,
        help_text="如：到本机关财务室现金或刷卡缴纳（地址、时间），或转账至（户名、开户行、账号，注明申请编号）",
    )
    number_pattern = models.CharField("文号格式", max_length=60, help_text="如：车政信复〔{year}〕{seq}号")
    signer_role = models.CharField("签发人", max_length=10, choices=SignerRole.choices, default=SignerRole.REVIEWER)
    electronic_seal = models.BooleanField("本机关有符合GB/T 38540的电子印章", default=False)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = "文书设置"
        verbose_name_plural = "文书设置"


class LetterNumberCounter(models.Model):
    """The last 文号 serial per agency and year (row-locked while issuing: gap-free)."""

    agency = models.ForeignKey("agencies.Agency", on_delete=models.CASCADE, related_name="+")
    year = models.PositiveSmallIntegerField()
    last = models.PositiveIntegerField(default=0)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["agency", "year"], name="letter_number_counter_unique")]


class NotificationKind(models.TextChoices):
    RECEIPT = "receipt", "收到申请"
    CORRECTION = "correction", "补正告知"
    FEE = "fee", "收费通知"
    EXTENSION = "extension", "延期答复"
    REPLY = "reply", "答复"


class NotificationChannel(models.TextChoices):
    EMAIL = "email", "电子邮件"
    SMS = "sms", "短信"


class NotificationStatus(models.TextChoices):
    PENDING = "pending", "待发送"
    SENT = "sent", "已发送"
    FAILED = "failed", "发送失败"


class Notification(models.Model):
    """One notice to an applicant, recorded on the application whatever became of it."""

    application = models.ForeignKey("applications.Application", on_delete=models.CASCADE, related_name="notifications")
    letter = models.ForeignKey(
        "applications.Letter", null=True, blank=True, on_delete=models.SET_NULL, related_name="notifications"
    )
    kind = models.CharField("事项", max_length=20, choices=NotificationKind.choices)
    channel = models.CharField("渠道", max_length=10, choices=NotificationChannel.choices)
    recipient = models.CharField("收件人", max_length=254)
    subject = models.CharField("主题", max_length=200, blank=True)
    body = models.TextField("内容")
    with_letter = models.BooleanField("附文书（电子送达）", default=False)
    status = models.CharField(
        "状态", max_length=10, choices=NotificationStatus.choices, default=NotificationStatus.PENDING
    )
    error = models.TextField("失败原因", blank=True)
    created_at = models.DateTimeField("创建时间", auto_now_add=True)
    sent_at = models.DateTimeField("发送时间", null=True, blank=True)

    class Meta:
        ordering = ["created_at", "id"]
        verbose_name = "申请人通知"
        verbose_name_plural = "申请人通知"
