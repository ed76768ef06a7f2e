from django.urls import reverse

from gongkai.agencies.access import visible_agencies


def staff_links(request):
    if not visible_agencies(request.user).exists():
        return []
    return [("监督检查", reverse("oversight:home"))]
