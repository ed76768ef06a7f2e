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
    entered_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.PROTECT, related_name="+"
    )
    entered_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["year"]
        verbose_name = "年度节假日安排"
        verbose_name_plural = "年度节假日安排"

    def __str__(self):
        return f"{self.year}年节假日安排"
