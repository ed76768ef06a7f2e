from django import template

from gongkai.security.masking import mask_address, mask_email, mask_id, mask_phone

register = template.Library()
register.filter("mask_id", mask_id)
register.filter("mask_phone", mask_phone)
register.filter("mask_email", mask_email)
register.filter("mask_address", mask_address)
