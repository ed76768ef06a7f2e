from django.db import models


class AgencySecurityPolicy(models.Model):
    """An agency's own security choices beyond the platform's minimum."""

    agency = models.OneToOneField("agencies.Agency", on_delete=models.CASCADE, related_name="security_policy")
    two_factor_for_all_staff = models.BooleanField(
        "全体工作人员登录须使用动态验证码",
        default=False,
        help_text="不选时，仅机构管理员在生产环境中须使用动态验证码。",
    )

    class Meta:
        verbose_name = "机构安全设置"
        verbose_name_plural = "机构安全设置"

    def __str__(self):
        return f"{self.agency} 安全设置"
