"""主动公开: catalog columns, items, their versions, reviews, screening hits, attachments,
the 索引号 counter and the search index."""

from __future__ import annotations

from django.conf import settings
from django.db import models

from gongkai.core.catalog.index_number import DEFAULT_PATTERN
from gongkai.core.catalog.screening import HIT_LABELS, HitKind
from gongkai.core.catalog.workflow import OPEN_STATE_VALUES, STATE_LABELS, VALIDITY_LABELS, Validity, VersionState


class ColumnKind(models.TextChoices):
    GROUP = "group", "栏目组"
    STATUTORY = "statutory", "法定主动公开内容（第二十条）"
    TOWNSHIP = "township", "乡镇主动公开内容（第二十一条）"
    CUSTOM = "custom", "机构自设栏目"
    GUIDE = "guide", "政府信息公开指南"
    SYSTEM = "system", "政府信息公开制度"
    ANNUAL_REPORT = "annual_report", "政府信息公开年报"


PAGE_KINDS = {ColumnKind.GUIDE, ColumnKind.SYSTEM, ColumnKind.GROUP}


class CatalogProfile(models.Model):
    """Per-agency catalog settings and the two editable pages (指南, 制度)."""

    agency = models.OneToOneField("agencies.Agency", on_delete=models.CASCADE, related_name="catalog_profile")
    index_pattern = models.CharField("索引号规则", max_length=80, default=DEFAULT_PATTERN)
    guide_html = models.TextField("政府信息公开指南", blank=True)
    system_html = models.TextField("政府信息公开制度", blank=True)
    updated_at = models.DateTimeField(auto_now=True)
    public_generation = models.PositiveBigIntegerField(
        default=0, help_text="每次公开页面内容变化时加一（catalog.page_cache）"
    )

    class Meta:
        verbose_name = "公开目录设置"


class Column(models.Model):
    agency = models.ForeignKey("agencies.Agency", on_delete=models.CASCADE, related_name="catalog_columns")
    parent = models.ForeignKey("self", null=True, blank=True, on_delete=models.PROTECT, related_name="children")
    name = models.CharField("栏目名称", max_length=60)
    kind = models.CharField("类型", max_length=20, choices=ColumnKind.choices)
    code = models.CharField("代码", max_length=20, blank=True, help_text="法定栏目的条款代码，如 art20-1")
    description = models.CharField("说明", max_length=300, blank=True)
    position = models.PositiveIntegerField("排序", default=0)
    empty_reason = models.CharField(
        "无信息说明",
        max_length=200,
        blank=True,
        help_text="栏目没有信息时向公众说明的原因，如“本机关无行政强制职能”；填写后监督检查不再计为空白栏目",
    )

    class Meta:
        ordering = ["agency", "position", "id"]
        verbose_name = "目录栏目"
        constraints = [
            models.UniqueConstraint(fields=["agency", "parent", "name"], name="column_unique_name"),
            models.UniqueConstraint(fields=["agency", "code"], condition=~models.Q(code=""), name="column_unique_code"),
        ]

    def __str__(self):
        return self.name

    @property
    def holds_items(self) -> bool:
        return self.kind not in PAGE_KINDS


class DocKind(models.TextChoices):
    OTHER = "other", "其他信息"
    REGULATION = "regulation", "规章"
    NORMATIVE = "normative", "行政规范性文件"
    INTERPRETATION = "interpretation", "政策解读"


VALIDITY_CHOICES = [(v.value, label) for v, label in VALIDITY_LABELS.items()]
VERSION_STATE_CHOICES = [(s.value, label) for s, label in STATE_LABELS.items()]


class Item(models.Model):
    """One piece of government information in the catalog. Its text lives in versions."""

    agency = models.ForeignKey("agencies.Agency", on_delete=models.PROTECT, related_name="catalog_items")
    column = models.ForeignKey(Column, on_delete=models.PROTECT, related_name="items")
    doc_kind = models.CharField("文件类别", max_length=20, choices=DocKind.choices, default=DocKind.OTHER)
    interprets = models.ForeignKey(
        "self",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="interpretations",
        verbose_name="解读的文件",
    )
    index_number = models.CharField("索引号", max_length=80, null=True, blank=True)
    index_year = models.PositiveIntegerField(null=True, blank=True)
    index_serial = models.PositiveIntegerField(null=True, blank=True)
    public_version = models.ForeignKey("ItemVersion", null=True, blank=True, on_delete=models.PROTECT, related_name="+")
    first_published_at = models.DateTimeField(null=True, blank=True)
    sort_key = models.BigIntegerField(null=True, blank=True, help_text="公开排序键：发布日期、ID")
    validity = models.CharField("有效性", max_length=10, choices=VALIDITY_CHOICES, default=Validity.EFFECTIVE.value)
    validity_changed_on = models.DateField("有效性变更日期", null=True, blank=True)
    retire_reason = models.TextField("失效/废止原因", blank=True)
    issued_on = models.DateField("制发日期", null=True, blank=True)
    repealed_on = models.DateField("废止日期", null=True, blank=True)
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)
    imported = models.BooleanField("上线前导入", default=False)

    class Meta:
        verbose_name = "公开事项"
        constraints = [
            models.UniqueConstraint(fields=["agency", "index_number"], name="item_unique_index_number"),
            models.UniqueConstraint(
                fields=["agency", "index_year", "index_serial"],
                condition=models.Q(imported=False),
                name="item_unique_serial",
            ),
        ]
        indexes = [
            models.Index(fields=["column", "sort_key"], name="item_column_sort"),
            models.Index(fields=["agency", "sort_key"], name="item_agency_sort"),
        ]

    def __str__(self):
        return self.index_number or f"事项#{self.pk}"

    @property
    def is_public(self) -> bool:
        return self.public_version_id is not None


# The fields of a version a clerk writes (the form, the draft update, the edit page and a copy for
# an amendment all use this one list).
VERSION_FIELDS = (
    "title",
    "summary",
    "doc_number",
    "publisher",
    "written_on",
    "formed_on",
    "changed_on",
    "published_on",
    "topic",
    "keywords",
    "body_html",
    "change_note",
    "public_note",
)


class ItemVersion(models.Model):
    item = models.ForeignKey(Item, on_delete=models.CASCADE, related_name="versions")
    number = models.PositiveIntegerField("版本")
    state = models.CharField("状态", max_length=12, choices=VERSION_STATE_CHOICES, default=VersionState.DRAFT.value)
    title = models.CharField("名称", max_length=200)
    summary = models.TextField("内容概述", max_length=1000)
    doc_number = models.CharField("文号", max_length=80, blank=True)
    publisher = models.CharField("发布机构", max_length=100)
    written_on = models.DateField("成文日期")
    formed_on = models.DateField("生成日期")
    changed_on = models.DateField("变更日期", null=True, blank=True)
    published_on = models.DateField("发布日期", null=True, blank=True)
    topic = models.CharField("主题分类", max_length=60, blank=True)
    keywords = models.CharField("关键词", max_length=200, blank=True)
    body_html = models.TextField("正文", blank=True)
    body_text = models.TextField(blank=True)
    change_note = models.CharField(
        "修改说明（仅供审核）", max_length=300, blank=True, help_text="向审核人说明本版改了什么；不公开"
    )
    public_note = models.CharField(
        "公开更正说明", max_length=300, blank=True, help_text="修订已发布信息时在公开页面显示的说明；不要写入审核意见"
    )
    publish_at = models.DateTimeField("定时发布时间", null=True, blank=True)
    author = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)
    submitted_at = models.DateTimeField(null=True, blank=True)
    submitted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    published_at = models.DateTimeField(null=True, blank=True)
    # Everyone who changed this version after it was created (four eyes: none of them may approve it).
    editors = models.ManyToManyField(settings.AUTH_USER_MODEL, blank=True, related_name="+")

    class Meta:
        ordering = ["item", "number"]
        verbose_name = "事项版本"
        constraints = [
            models.UniqueConstraint(fields=["item", "number"], name="version_unique_number"),
            models.UniqueConstraint(
                fields=["item"], condition=models.Q(state__in=OPEN_STATE_VALUES), name="version_one_open_per_item"
            ),
        ]
        indexes = [models.Index(fields=["state", "publish_at"], name="version_state_publish_at")]

    def __str__(self):
        return f"{self.title}（第{self.number}版）"

    @property
    def state_enum(self) -> VersionState:
        return VersionState(self.state)


class Review(models.Model):
    """The confidentiality review (保密审查) of one version: one per version (一事一审)."""

    class Conclusion(models.TextChoices):
        APPROVED = "approved", "同意公开"
        REJECTED = "rejected", "退回修改"

    version = models.OneToOneField(ItemVersion, on_delete=models.CASCADE, related_name="review")
    reviewer = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    reviewed_at = models.DateTimeField()
    conclusion = models.CharField("审查结论", max_length=10, choices=Conclusion.choices)
    opinion = models.TextField("审查意见")

    class Meta:
        verbose_name = "保密审查记录"


class RetirementRequest(models.Model):
    """A request to mark a published item 失效 or 废止; it takes effect only when a reviewer
    approves it (the same four-eyes rule as publication: the reviewer is not the requester)."""

    class State(models.TextChoices):
        PENDING = "pending", "待审核"
        APPROVED = "approved", "已同意"
        REJECTED = "rejected", "已退回"

    item = models.ForeignKey(Item, on_delete=models.CASCADE, related_name="retirement_requests")
    validity = models.CharField("有效性", max_length=10, choices=VALIDITY_CHOICES)
    on = models.DateField("失效或废止日期")
    reason = models.TextField("原因")
    state = models.CharField("状态", max_length=10, choices=State.choices, default=State.PENDING)
    requested_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    requested_at = models.DateTimeField()
    reviewed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    reviewed_at = models.DateTimeField(null=True, blank=True)
    opinion = models.TextField("审核意见", blank=True)

    class Meta:
        ordering = ["-requested_at", "-id"]
        verbose_name = "失效或废止申请"
        constraints = [
            models.UniqueConstraint(fields=["item"], condition=models.Q(state="pending"), name="retirement_one_pending")
        ]


class ScreeningHit(models.Model):
    class Resolution(models.TextChoices):
        PENDING = "pending", "待处理"
        CONFIRMED = "confirmed", "确认可公开"
        REMOVE = "remove", "须删除"

    version = models.ForeignKey(ItemVersion, on_delete=models.CASCADE, related_name="hits")
    source = models.CharField("位置", max_length=200)
    kind = models.CharField("类型", max_length=20)
    match = models.CharField("命中内容", max_length=100)
    context = models.CharField("上下文", max_length=200)
    resolution = models.CharField(max_length=10, choices=Resolution.choices, default=Resolution.PENDING)
    reason = models.CharField("理由", max_length=300, blank=True)
    resolved_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    resolved_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["version", "id"]

    @property
    def kind_label(self) -> str:

        try:
            return HIT_LABELS[HitKind(self.kind)]
        except ValueError:
            return self.kind


def attachment_path(instance, filename):
    return f"catalog/{instance.version.item.agency_id}/{instance.sha256[:2]}/{instance.sha256}"


class Attachment(models.Model):
    version = models.ForeignKey(ItemVersion, on_delete=models.CASCADE, related_name="attachments")
    file = models.FileField(upload_to=attachment_path, max_length=200)
    name = models.CharField("文件名", max_length=200)
    content_type = models.CharField(max_length=100)
    size_bytes = models.PositiveIntegerField()
    sha256 = models.CharField(max_length=64)
    text = models.TextField(blank=True)

    class TextSource(models.TextChoices):
        LAYER = "layer", "文本层"
        OCR = "ocr", "文字识别"
        NONE = "none", "无可提取文字"

    text_source = models.CharField("文字来源", max_length=8, choices=TextSource.choices, default=TextSource.LAYER)
    # Pages (1-based) with no text that the screening could read: the reviewer must confirm each
    # (“已人工核对”) before the version can be approved.
    pages_to_check = models.JSONField(default=list, blank=True)
    pages_checked = models.JSONField(default=list, blank=True)
    checked_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )

    class Meta:
        ordering = ["version", "id"]

    @property
    def pages_unchecked(self) -> list[int]:
        return sorted(set(self.pages_to_check) - set(self.pages_checked))


class PortalTextRevision(models.Model):
    """Every version of text an agency shows on its portal outside items: column names, 无信息说明,
    指南 and 制度. Only an agency administrator may change them (catalog.actions.setup); each
    change is kept here, numbered per (agency, subject, column)."""

    class Subject(models.TextChoices):
        COLUMN_NAME = "column_name", "栏目名称"
        EMPTY_REASON = "empty_reason", "无信息说明"
        GUIDE = "guide", "政府信息公开指南"
        SYSTEM = "system", "政府信息公开制度"

    agency = models.ForeignKey("agencies.Agency", on_delete=models.CASCADE, related_name="+")
    subject = models.CharField(max_length=16, choices=Subject.choices)
    column = models.ForeignKey(Column, null=True, blank=True, on_delete=models.CASCADE, related_name="+")
    number = models.PositiveIntegerField()
    text = models.TextField(blank=True)
    author = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["agency", "subject", "column", "number"]
        verbose_name = "门户文字版本"


class IndexCounter(models.Model):
    """The last 索引号 serial allocated per agency and year (gap-free: rolled back with the publish)."""

    agency = models.ForeignKey("agencies.Agency", on_delete=models.CASCADE, related_name="+")
    year = models.PositiveIntegerField()
    last_serial = models.PositiveIntegerField(default=0)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["agency", "year"], name="index_counter_unique")]


class SearchDocument(models.Model):
    """Search index row of a public item (kept in sync by the actions, same transaction).

    `key` is the public order (search.sort_key). On SQLite a contentless FTS5 table
    `catalog_search_fts` (rowid = key) holds the bigrams; on PostgreSQL the int[] columns
    `title_grams`/`grams` with GIN indexes (created in migration 0002) do.
    """

    key = models.BigIntegerField(primary_key=True)
    item = models.OneToOneField(Item, on_delete=models.CASCADE, related_name="search_document")
    agency_id_copy = models.BigIntegerField(db_index=False)
    column_id_copy = models.BigIntegerField(db_index=False)
    validity = models.CharField(max_length=10)
    title = models.TextField()
    text = models.TextField()

    class Meta:
        indexes = [
            models.Index(fields=["agency_id_copy", "key"], name="search_agency_key"),
            models.Index(fields=["column_id_copy", "key"], name="search_column_key"),
        ]
