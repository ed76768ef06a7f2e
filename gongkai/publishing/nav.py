from django.urls import reverse

from gongkai.publishing.selectors import may_see_publishing


def staff_links(request):
    return [("静态发布", reverse("publishing:status"))] if may_see_publishing(request.user) else []
