"""Changes of the website settings (one named action; audited; bumps the public page cache)."""

from __future__ import annotations

from django.db import transaction

from gongkai import audit
from gongkai.agencies.access import Action, can
from gongkai.catalog import page_cache
from gongkai.core.refusal import PermissionRefused
from gongkai.portal.models import SiteSettings

FIELDS = (
    "sponsor",
    "organizer",
    "site_code",
    "icp_number",
    "police_number",
    "police_link",
    "party_mark_image",
    "party_mark_link",
    "contact_text",
)


@transaction.atomic
def update_site_settings(*, agency, actor, data: dict) -> SiteSettings:
    """Save the agency's website settings (机构管理员 or platform operator only)."""
    if not can(actor, Action.ADMINISTER, agency):
        raise PermissionRefused("只有本机构的机构管理员可以修改网站设置")
    row, _ = SiteSettings.objects.select_for_update().get_or_create(agency=agency)
    before = {f: getattr(row, f) for f in FIELDS}
    for field in FIELDS:
        setattr(row, field, (data.get(field) or "").strip())
    row.save()
    after = {f: getattr(row, f) for f in FIELDS}
    audit.record(
        subject=row,
        actor=actor,
        kind="portal.site_settings.updated",
        agency=agency,
        before={k: v for k, v in before.items() if v != after[k]},
        after={k: v for k, v in after.items() if v != before[k]},
    )
    page_cache.bump(agency.pk)  # header and footer of every cached public page change
    return row
