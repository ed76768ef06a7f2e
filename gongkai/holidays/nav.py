from django.urls import reverse

from gongkai.agencies.access import may_manage_calendar, may_propose_calendar


def staff_links(request):
    if may_manage_calendar(request.user) or may_propose_calendar(request.user):
        return [("节假日安排", reverse("holidays:years"))]
    return []
