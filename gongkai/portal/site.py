"""Reads of the website settings (the header and footer of every public page)."""

from __future__ import annotations

from types import SimpleNamespace

from gongkai.portal.models import SiteSettings

ICP_LINK = "https://beian.miit.gov.cn/"


def site_settings_for(agency) -> SimpleNamespace:
    """The site settings shown for `agency` (None: the platform's pages); always an object.

    Missing settings fall back to the agency's own name as 主办单位."""
    row = None
    if agency is not None and getattr(agency, "pk", None):
        cached = getattr(getattr(agency, "_state", None), "fields_cache", {})
        if "site_settings" in cached:  # loaded with select_related("site_settings")
            row = cached["site_settings"]
        else:
            row = SiteSettings.objects.filter(agency_id=agency.pk).first()
    name = getattr(agency, "name", "") if agency is not None else ""
    return SimpleNamespace(
        agency=agency,
        sponsor=(row.sponsor if row and row.sponsor else name),
        organizer=row.organizer if row else "",
        site_code=row.site_code if row else "",
        icp_number=row.icp_number if row else "",
        icp_link=ICP_LINK,
        police_number=row.police_number if row else "",
        police_link=row.police_link if row else "",
        party_mark_image=row.party_mark_image if row else "",
        party_mark_link=row.party_mark_link if row else "",
        contact_text=row.contact_text if row else "",
    )
