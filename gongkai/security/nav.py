from django.urls import reverse

from gongkai.agencies.models import Membership, Role


def staff_links(request):
    agencies = (
        Membership.objects.filter(user=request.user, role=Role.AGENCY_ADMIN)
        .select_related("agency")
        .order_by("agency__name")
    )
    return [
        (f"登录安全设置（{m.agency.short_name or m.agency.name}）", reverse("security:agency", args=[m.agency_id]))
        for m in agencies
    ]
