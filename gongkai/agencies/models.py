from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models

from gongkai.core.identifiers import uscc_problem


def validate_uscc(value: str) -> None:
    problem = uscc_problem(value)
    if problem:
        raise ValidationError(problem, code="uscc")


class AgencyLevel(models.TextChoices):
    TOWNSHIP_GOVERNMENT = "township_government", "乡镇人民政府"
    SUBDISTRICT_OFFICE = "subdistrict_office", "街道办事处"
    COUNTY_GOVERNMENT = "county_government", "县级人民政府"
    COUNTY_DEPARTMENT = "county_department", "县级人民政府部门"
    DISCLOSURE_OFFICE = "disclosure_office", "政务公开工作主管部门"


class Agency(models.Model):
    """A 行政机关 that discloses information, or the 政务公开办 that supervises such agencies."""

    name = models.CharField("机构名称", max_length=100, unique=True)
    short_name = models.CharField("简称", max_length=40, blank=True)
    credit_code = models.CharField("统一社会信用代码", max_length=18, unique=True, validators=[validate_uscc])
    level = models.CharField("机构层级", max_length=32, choices=AgencyLevel.choices)
    supervisor = models.ForeignKey(
        "self",
        verbose_name="政务公开主管部门",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="supervised",
    )
    address = models.CharField("办公地址", max_length=200, blank=True)
    office_hours = models.CharField("办公时间", max_length=100, blank=True)
    phone = models.CharField("联系电话", max_length=50, blank=True)
    fax = models.CharField("传真号码", max_length=50, blank=True)
    email = models.EmailField("电子邮箱", blank=True)
    slug = models.SlugField("网址标识", max_length=40, unique=True)

    class Meta:
        ordering = ["name"]
        verbose_name = "机构"
        verbose_name_plural = "机构"
        constraints = [
            models.CheckConstraint(condition=~models.Q(supervisor=models.F("id")), name="agency_not_own_supervisor")
        ]

    def __str__(self):
        return self.name

    @property
    def is_disclosure_office(self) -> bool:
        return self.level == AgencyLevel.DISCLOSURE_OFFICE


class Role(models.TextChoices):
    HANDLER = "handler", "经办人"
    REVIEWER = "reviewer", "审核人"
    AGENCY_ADMIN = "agency_admin", "机构管理员"
    SUPERVISOR = "supervisor", "政务公开办"


class Membership(models.Model):
    """A user's role in one agency. A user may hold several roles, in several agencies."""

    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="memberships")
    agency = models.ForeignKey(Agency, on_delete=models.CASCADE, related_name="memberships")
    role = models.CharField("角色", max_length=20, choices=Role.choices)

    class Meta:
        verbose_name = "角色分配"
        verbose_name_plural = "角色分配"
        constraints = [models.UniqueConstraint(fields=["user", "agency", "role"], name="membership_unique")]

    def __str__(self):
        return f"{self.user} · {self.agency} · {self.get_role_display()}"
