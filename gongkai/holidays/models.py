from django.conf import settings
from django.db import models


class EnteredYearSchedule(models.Model):
    """A year's 放假/调休 schedule entered by an administrator from the State Council notice.

    It takes precedence over the data shipped in `chinesecalendar` for the same year.
    """

    year = models.PositiveSmallIntegerField("年份", unique=True)
    holidays = models.JSONField("放假日期", default=list)  # ISO dates
    makeup_workdays = models.JSONField("调休上班日期", default=list)  # ISO dates
    source = models.CharField("依据", max_length=200, blank=True)
    entered_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.PROTECT, related_name="+")
    entered_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["year"]
        verbose_name = "年度节假日安排"
        verbose_name_plural = "年度节假日安排"

    def __str__(self):
        return f"{self.year}年节假日安排"


class ProposedYearSchedule(models.Model):
    """A year's schedule proposed by an agency administrator; it counts only once a 政务公开办
    member or the platform administrator confirms it (it then becomes the EnteredYearSchedule)."""

    class State(models.TextChoices):
        PENDING = "pending", "待确认"
        CONFIRMED = "confirmed", "已确认"
        REJECTED = "rejected", "已退回"

    year = models.PositiveSmallIntegerField("年份")
    holidays = models.JSONField("放假日期", default=list)  # ISO dates
    makeup_workdays = models.JSONField("调休上班日期", default=list)  # ISO dates
    source = models.CharField("依据", max_length=200, blank=True)
    agency = models.ForeignKey("agencies.Agency", on_delete=models.PROTECT, related_name="+")
    proposed_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    proposed_at = models.DateTimeField()
    state = models.CharField("状态", max_length=10, choices=State.choices, default=State.PENDING)
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    decided_at = models.DateTimeField(null=True, blank=True)
    note = models.CharField("说明", max_length=300, blank=True)

    class Meta:
        ordering = ["-proposed_at", "-id"]
        verbose_name = "节假日安排（待确认）"
        verbose_name_plural = "节假日安排（待确认）"

    def __str__(self):
        return f"{self.year}年节假日安排（{self.get_state_display()}）"
