"""行政复议 and 行政诉讼 cases about an application (table 四 of the annual report)."""

from __future__ import annotations

from django.db import models
from django.db.models import Q


class CaseKind(models.TextChoices):
    ADMINISTRATIVE_REVIEW = "administrative_review", "行政复议"
    LITIGATION_DIRECT = "litigation_direct", "行政诉讼（未经复议直接起诉）"
    LITIGATION_AFTER_REVIEW = "litigation_after_review", "行政诉讼（复议后起诉）"


class CaseResult(models.TextChoices):
    UPHELD = "upheld", "结果维持"
    CORRECTED = "corrected", "结果纠正"
    OTHER = "other", "其他结果"
    PENDING = "pending", "尚未审结"


class ReviewCase(models.Model):
    """An administrative review or lawsuit about an application (table 四)."""

    application = models.ForeignKey("applications.Application", on_delete=models.PROTECT, related_name="review_cases")
    kind = models.CharField("类型", max_length=32, choices=CaseKind.choices)
    filed_on = models.DateField("申请或起诉日期")
    result = models.CharField("结果", max_length=20, choices=CaseResult.choices, default=CaseResult.PENDING)
    concluded_on = models.DateField("审结日期", null=True, blank=True)
    note = models.TextField("说明", blank=True)

    class Meta:
        ordering = ["filed_on", "id"]
        constraints = [
            models.CheckConstraint(
                condition=(Q(result="pending") & Q(concluded_on__isnull=True))
                | (~Q(result="pending") & Q(concluded_on__isnull=False)),
                name="review_case_concluded_has_date",
            )
        ]
