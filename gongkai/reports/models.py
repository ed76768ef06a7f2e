"""The annual report in the platform: yearly statistics, the suggestion register, report versions."""

from decimal import Decimal

from django.conf import settings
from django.core.validators import MinValueValidator
from django.db import models

from gongkai.core.report_states import STATUS_LABELS, ReportStatus


class YearlyStatistics(models.Model):
    """Figures of report section 二 that no other part of the platform records.

    行政许可 / 行政处罚 / 行政强制 decisions (条例 第二十条第（五）（六）项) and the amount of
    行政事业性收费 in 万元 (第（八）项), entered by staff or imported from XLSX. A cell nobody has
    entered stays empty (null) — never 0 — until someone enters a figure or confirms 0; a report
    is not built while a cell is empty (`gongkai.reports.build.IncompleteInputs`).
    """

    agency = models.ForeignKey("agencies.Agency", on_delete=models.CASCADE, related_name="+")
    year = models.PositiveSmallIntegerField("年度")
    licensing_decisions = models.PositiveIntegerField("行政许可本年处理决定数量", null=True, blank=True)
    penalty_decisions = models.PositiveIntegerField("行政处罚本年处理决定数量", null=True, blank=True)
    coercion_decisions = models.PositiveIntegerField("行政强制本年处理决定数量", null=True, blank=True)
    fees_amount_wan_yuan = models.DecimalField(
        "行政事业性收费本年收费金额（万元）",
        max_digits=14,
        decimal_places=4,
        null=True,
        blank=True,
        validators=[MinValueValidator(Decimal(0))],
    )
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = "年度统计数据"
        verbose_name_plural = "年度统计数据"
        constraints = [models.UniqueConstraint(fields=["agency", "year"], name="statistics_agency_year")]


class SuggestionKind(models.TextChoices):
    NPC = "npc", "人大代表建议"
    CPPCC = "cppcc", "政协提案"


class Suggestion(models.Model):
    """A 人大代表建议 or 政协提案 the agency handled (report section 六)."""

    agency = models.ForeignKey("agencies.Agency", on_delete=models.CASCADE, related_name="+")
    kind = models.CharField("类别", max_length=10, choices=SuggestionKind.choices)
    number = models.CharField("编号", max_length=50, blank=True)
    title = models.CharField("标题", max_length=200)
    received_on = models.DateField("交办日期")
    answered_on = models.DateField("答复日期", null=True, blank=True)
    result_published = models.BooleanField("办理结果已公开", default=False)

    class Meta:
        ordering = ["-received_on", "id"]
        verbose_name = "建议提案"
        verbose_name_plural = "建议提案"

    def __str__(self):
        return f"{self.get_kind_display()} {self.number} {self.title}"


# The states and their labels are the core's (gongkai.core.report_states), one source.
ReportState = models.TextChoices("ReportState", [(s.name, (s.value, STATUS_LABELS[s])) for s in ReportStatus])


class AnnualReport(models.Model):
    """One version of an agency's 政府信息公开工作年度报告 for a year.

    `data` is the report JSON (docs: report-json.md). A published version is never changed; a
    correction is a new version with a change note, and the old one becomes SUPERSEDED.
    """

    agency = models.ForeignKey("agencies.Agency", on_delete=models.PROTECT, related_name="annual_reports")
    year = models.PositiveSmallIntegerField("年度")
    version = models.PositiveSmallIntegerField("版本", default=1)
    state = models.CharField("状态", max_length=12, choices=ReportState.choices, default=ReportState.DRAFT)
    data = models.JSONField("报告数据")
    change_note = models.TextField("更正说明", blank=True)
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)
    submitted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    reviewed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    reviewed_at = models.DateTimeField(null=True, blank=True)
    review_opinion = models.TextField("审核意见", blank=True)
    published_at = models.DateTimeField(null=True, blank=True)
    catalog_item_id = models.BigIntegerField(null=True, blank=True)

    class Meta:
        ordering = ["agency", "-year", "-version"]
        verbose_name = "年度报告"
        verbose_name_plural = "年度报告"
        constraints = [
            models.UniqueConstraint(fields=["agency", "year", "version"], name="report_version_unique"),
            models.UniqueConstraint(
                fields=["agency", "year"],
                condition=models.Q(state__in=[ReportStatus.DRAFT.value, ReportStatus.SUBMITTED.value]),
                name="report_one_open_version",
            ),
        ]

    def __str__(self):
        return f"{self.agency} {self.year}年度报告（第{self.version}版）"

    @property
    def is_editable(self) -> bool:
        return self.state == ReportState.DRAFT

    @property
    def is_submitted(self) -> bool:
        return self.state == ReportState.SUBMITTED

    @property
    def is_published(self) -> bool:
        return self.state == ReportState.PUBLISHED
