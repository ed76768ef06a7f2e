"""Masked display of applicants' personal data (个人信息保护法 Art. 51: least exposure).

Lists and exports show masked values by default; the full value is on the case page, for the
agency's own handlers only (`shows_personal_data`)."""

from __future__ import annotations

from gongkai.agencies.access import roles_in
from gongkai.agencies.models import Role


def mask_id(value: str) -> str:
    """110105********1234: first 6 (region) and last 4 characters."""
    value = value or ""
    if len(value) > 10:
        return value[:6] + "*" * (len(value) - 10) + value[-4:]
    if len(value) > 4:
        return value[:2] + "*" * (len(value) - 4) + value[-2:]
    return "*" * len(value)


def mask_phone(value: str) -> str:
    """138****5678: keep the first 3 and last 4 digits."""
    value = value or ""
    if len(value) <= 7:
        return value[:1] + "*" * max(0, len(value) - 1)
    return value[:3] + "*" * (len(value) - 7) + value[-4:]


def mask_email(value: str) -> str:
    value = value or ""
    if "@" not in value:
        return mask_phone(value)
    local, domain = value.split("@", 1)
    return (local[:1] + "***@" + domain) if local else "***@" + domain


def mask_address(value: str) -> str:
    """Keep the first 6 characters (province/city/county), hide the rest."""
    value = value or ""
    if len(value) <= 6:
        return value[:2] + "*" * max(0, len(value) - 2)
    return value[:6] + "****"


MASKS = {
    "id_number": mask_id,
    "phone": mask_phone,
    "email": mask_email,
    "address": mask_address,
    "contact_person": lambda v: (v[:1] + "*" * (len(v) - 1)) if v else v,
}


def masked(field: str, value):
    mask = MASKS.get(field)
    return mask(value) if mask and isinstance(value, str) else value


def shows_personal_data(user, application) -> bool:
    """The agency's own staff (经办人, 审核人, 机构管理员) see the full values on the case page;
    the supervising 政务公开办 and the platform operator see them masked."""

    return bool(roles_in(user, application.agency) & {Role.HANDLER, Role.REVIEWER, Role.AGENCY_ADMIN})
