"""The header and footer of the public site: `{% site_footer %}` reads the page's `agency`."""

from __future__ import annotations

from django import template

from gongkai.portal.site import site_settings_for

register = template.Library()


@register.inclusion_tag("portal/_footer.html", takes_context=True)
def site_footer(context):
    agency = context.get("agency")
    if agency is not None and getattr(agency, "is_disclosure_office", False):
        agency = None
    return {"site": site_settings_for(agency), "agency": agency}
