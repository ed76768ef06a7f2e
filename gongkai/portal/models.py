"""Per-agency website settings: what a Chinese government site shows in its header and footer.

The 网站标识码 (the 政府网站 identifier), ICP备案号, 公安机关备案号 and the 党政机关网站标识 are
issued to the site by outside bodies; the agency administrator enters them here. The demo fills
them with values marked 示例 so nobody mistakes them for real ones.
"""

from __future__ import annotations

from django.db import models


class SiteSettings(models.Model):
    agency = models.OneToOneField("agencies.Agency", on_delete=models.CASCADE, related_name="site_settings")
    sponsor = models.CharField("主办单位", max_length=100, blank=True, help_text="留空则显示本机构名称")
    organizer = models.CharField("承办单位", max_length=100, blank=True)
    site_code = models.CharField("网站标识码", max_length=20, blank=True, help_text="政府网站标识码，如 3600000001")
    icp_number = models.CharField(
        "ICP备案号", max_length=60, blank=True, help_text="如 赣ICP备12345678号；页脚链接至工业和信息化部备案管理系统"
    )
    police_number = models.CharField(
        "公安机关备案号", max_length=60, blank=True, help_text="如 赣公网安备 36000002000001号"
    )
    police_link = models.URLField("公安机关备案查询链接", blank=True)
    party_mark_image = models.CharField(
        "党政机关网站标识图片地址",
        max_length=300,
        blank=True,
        help_text="机构编制部门开具的标识图片，放在本站后填写以 / 开头的路径（本站的内容安全策略不加载外站图片）",
    )
    party_mark_link = models.URLField("党政机关网站标识链接", blank=True)
    contact_text = models.TextField(
        "“联系我们”页面内容", blank=True, help_text="纯文本，每行一段；留空则显示本机构的地址、电话、邮箱"
    )
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = "网站设置"
        verbose_name_plural = "网站设置"

    def __str__(self):
        return f"{self.agency} 网站设置"
