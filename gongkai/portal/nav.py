from django.urls import reverse

from gongkai.agencies.models import Membership, Role


def staff_links(request):
    """网站设置 for the agencies the user administers (the platform operator: via 工作台)."""
    rows = (
        Membership.objects.filter(user=request.user, role=Role.AGENCY_ADMIN)
        .values_list("agency_id", flat=True)
        .order_by("agency_id")
    )
    return [("网站设置", reverse("portal:site_settings", args=[pk])) for pk in rows[:1]]
