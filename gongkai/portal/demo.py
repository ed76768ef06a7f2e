"""Demo website settings of the demo agencies: every value visibly marked 示例 (not real)."""

from __future__ import annotations

from django.db import transaction

from gongkai.agencies.models import Agency, AgencyLevel
from gongkai.portal.models import SiteSettings

SAMPLE = {
    "cheyang": dict(
        sponsor="车辋镇人民政府",
        organizer="车辋镇党政综合办公室（示例）",
        site_code="示例0000000001",
        icp_number="示例ICP备00000000号",
        police_number="示例公网安备 00000000000001号",
        contact_text="车辋镇人民政府党政综合办公室（政府信息公开工作机构）\n"
        "地址：车辋镇政府街1号（示例）\n邮编：000000（示例）\n"
        "电话：0000-7654321（示例）\n电子邮箱：cheyang@example.gov.cn\n"
        "办公时间：工作日 8:30-12:00，14:30-18:00",
    )
}


@transaction.atomic
def load(stdout=None) -> None:
    for agency in Agency.objects.exclude(level=AgencyLevel.DISCLOSURE_OFFICE):
        values = SAMPLE.get(
            agency.slug,
            dict(
                sponsor=agency.name,
                organizer=f"{agency.name}办公室（示例）",
                site_code="示例0000000000",
                icp_number="示例ICP备00000000号",
            ),
        )
        SiteSettings.objects.get_or_create(
            agency=agency, defaults=dict(values, party_mark_image="/static/gongkai/sample-party-mark.svg")
        )
    if stdout:
        stdout.write("demo: website settings (示例) ready\n")
