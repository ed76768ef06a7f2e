"""Models of the oversight context: weekly inspections, their findings, rectification notices.

Lifecycle states live in `gongkai.core.oversight`; "overdue" is derived when reading.
"""

from __future__ import annotations

from django.conf import settings
from django.db import models

from gongkai.core.oversight import (
    CODES,
    RECTIFICATION_STATE_LABELS,
    SEVERITY_LABELS,
    RectificationState,
    Severity,
    rectification_overdue,
)


class Trigger(models.TextChoices):
    SCHEDULED = "scheduled", "每周自动检查"
    ON_DEMAND = "on_demand", "政务公开办即时检查"


class Inspection(models.Model):
    """One run of the weekly inspection (按周检查) of one agency."""

    agency = models.ForeignKey("agencies.Agency", on_delete=models.PROTECT, related_name="inspections")
    iso_year = models.PositiveSmallIntegerField("ISO年")
    iso_week = models.PositiveSmallIntegerField("周次")
    inspected_on = models.DateField("检查日期")
    run_at = models.DateTimeField("运行时间")
    run_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
        help_text="空 = 系统定时任务",
    )
    trigger = models.CharField("方式", max_length=12, choices=Trigger.choices)
    rules_version = models.CharField("检查规则版本", max_length=20)
    finding_count = models.PositiveIntegerField("问题数", default=0)
    serious_count = models.PositiveIntegerField("严重问题数", default=0)

    class Meta:
        ordering = ["-inspected_on", "-run_at", "-id"]
        verbose_name = "按周检查"
        verbose_name_plural = "按周检查"
        constraints = [
            models.UniqueConstraint(
                fields=["agency", "iso_year", "iso_week"],
                condition=models.Q(trigger="scheduled"),
                name="inspection_one_scheduled_per_week",
            )
        ]
        indexes = [models.Index(fields=["agency", "iso_year", "iso_week"], name="inspection_agency_week")]

    def __str__(self):
        return f"{self.agency} {self.iso_year}年第{self.iso_week}周检查"

    @property
    def week_label(self) -> str:
        return f"{self.iso_year}年第{self.iso_week}周"


class Rectification(models.Model):
    """A 整改通知 from the 政务公开办 to an agency, for one or more findings."""

    agency = models.ForeignKey("agencies.Agency", on_delete=models.PROTECT, related_name="rectifications")
    state = models.CharField(
        "状态",
        max_length=12,
        default=RectificationState.ISSUED.value,
        choices=[(s.value, label) for s, label in RECTIFICATION_STATE_LABELS.items()],
    )
    requirement = models.TextField("整改要求")
    issued_on = models.DateField("下发日期")
    due_on = models.DateField("整改期限")
    issued_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    report = models.TextField("整改情况", blank=True)
    reported_on = models.DateField("报送日期", null=True, blank=True)
    reported_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    verification_note = models.TextField("验收意见", blank=True)
    verified_on = models.DateField("验收日期", null=True, blank=True)
    verified_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )

    class Meta:
        ordering = ["-issued_on", "-id"]
        verbose_name = "整改通知"
        verbose_name_plural = "整改通知"
        constraints = [
            models.CheckConstraint(
                condition=models.Q(due_on__gte=models.F("issued_on")), name="rectification_due_after_issue"
            ),
            models.CheckConstraint(
                condition=~models.Q(state__in=["submitted", "accepted"]) | ~models.Q(report=""),
                name="rectification_submitted_has_report",
            ),
            models.CheckConstraint(
                condition=~models.Q(state="accepted") | models.Q(verified_by__isnull=False),
                name="rectification_accepted_is_verified",
            ),
        ]

    def __str__(self):
        return f"整改通知#{self.pk}（{self.agency}）"

    @property
    def state_enum(self) -> RectificationState:
        return RectificationState(self.state)

    def overdue_on(self, today) -> bool:
        return rectification_overdue(self.state, self.due_on, today)


class InspectionFinding(models.Model):
    """One finding of an inspection; at most one rectification notice covers it."""

    inspection = models.ForeignKey(Inspection, on_delete=models.PROTECT, related_name="findings")
    code = models.CharField("问题代码", max_length=40)
    severity = models.CharField(
        "程度", max_length=10, choices=[(s.value, label) for s, label in SEVERITY_LABELS.items()]
    )
    message = models.TextField("问题描述")
    subject_type = models.CharField("对象类型", max_length=20)
    subject_id = models.BigIntegerField("对象编号", null=True, blank=True)
    subject_label = models.CharField("对象", max_length=200)
    rectification = models.ForeignKey(
        Rectification, null=True, blank=True, on_delete=models.PROTECT, related_name="findings"
    )

    class Meta:
        ordering = ["inspection", "id"]
        verbose_name = "检查发现的问题"
        verbose_name_plural = "检查发现的问题"

    @property
    def code_label(self) -> str:
        """The rule broken, in Chinese (the code itself is for JSON and logs only)."""

        return CODES.get(self.code, "其他问题")

    def __str__(self):
        return f"{self.code}: {self.subject_label}"

    @property
    def agency(self):
        return self.inspection.agency

    @property
    def is_serious(self) -> bool:
        return self.severity == Severity.SERIOUS.value
