from django.urls import reverse

from gongkai.agencies.access import visible_agencies


def staff_links(request):
    if not visible_agencies(request.user).exists():
        return []
    return [("依申请公开", reverse("applications:list")), ("答复期限提醒", reverse("applications:deadlines"))]
