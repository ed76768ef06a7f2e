"""Named changes of the security app: each checks permission, writes its audit record in the
same transaction and raises Refused with a Chinese message."""

from __future__ import annotations

from django.db import transaction

from gongkai.agencies.access import Action, can
from gongkai.audit import record
from gongkai.core.refusal import PermissionRefused
from gongkai.security.models import AgencySecurityPolicy


@transaction.atomic
def set_two_factor_for_all_staff(*, agency, actor, required: bool) -> AgencySecurityPolicy:
    """An agency requires (or stops requiring) the second factor for all its staff."""
    if not can(actor, Action.ADMINISTER, agency):
        raise PermissionRefused("只有本机构管理员可以修改登录安全设置。")
    policy, _ = AgencySecurityPolicy.objects.select_for_update().get_or_create(agency=agency)
    before = policy.two_factor_for_all_staff
    policy.two_factor_for_all_staff = required
    policy.save(update_fields=["two_factor_for_all_staff"])
    record(
        subject=policy,
        actor=actor,
        kind="security.policy.two_factor_changed",
        agency=agency,
        before={"two_factor_for_all_staff": before},
        after={"two_factor_for_all_staff": required},
    )
    return policy
