from django import template

from gongkai.security.masking import mask_address, mask_email, mask_id, mask_phone
from gongkai.security.masking import shows_personal_data as allowed

register = template.Library()
register.filter("mask_id", mask_id)
register.filter("mask_phone", mask_phone)
register.filter("mask_email", mask_email)
register.filter("mask_address", mask_address)


@register.simple_tag(takes_context=True)
def shows_personal_data(context, application) -> bool:
    """{% shows_personal_data application as full %}: may the viewer see the full values?"""

    request = context.get("request")
    return bool(request is not None and allowed(request.user, application))
