"""Who must sign in with a second factor (TOTP), and the pending-login state between the
password and the code.

Rule (等保 2.0 三级 for administrators): when GONGKAI_TWO_FACTOR is on (default in production),
机构管理员 and 平台管理员 (superusers) need a code; 政务公开办 staff are not administrators for
this rule. An agency may require it for all its staff (AgencySecurityPolicy), in any environment.
"""

from __future__ import annotations

from django.conf import settings

from gongkai.agencies.models import Membership, Role

PENDING_KEY = "gongkai_2fa_pending"  # session: {"user": pk, "backend": path, "next": url}
CHECKED_KEY = "gongkai_2fa_checked"  # session: this login's requirement was decided


def requires_two_factor(user) -> bool:
    if not user.is_authenticated:
        return False
    if settings.GONGKAI_TWO_FACTOR:
        if user.is_superuser:
            return True
        if Membership.objects.filter(user=user, role=Role.AGENCY_ADMIN).exists():
            return True
    return Membership.objects.filter(user=user, agency__security_policy__two_factor_for_all_staff=True).exists()


def confirmed_device(user):
    from django_otp.plugins.otp_totp.models import TOTPDevice

    return TOTPDevice.objects.filter(user=user, confirmed=True).order_by("id").first()


def enrolment_device(user):
    """The unconfirmed device being enrolled (created on first visit, kept until confirmed)."""
    from django_otp.plugins.otp_totp.models import TOTPDevice

    device = TOTPDevice.objects.filter(user=user, confirmed=False).order_by("-id").first()
    if device is None:
        device = TOTPDevice.objects.create(user=user, name="身份验证器", confirmed=False)
    return device


def qr_svg(text: str) -> str:
    import qrcode
    import qrcode.image.svg

    image = qrcode.make(text, image_factory=qrcode.image.svg.SvgPathImage, box_size=8)
    return image.to_string(encoding="unicode")
