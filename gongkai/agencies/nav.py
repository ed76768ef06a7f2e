from django.urls import reverse


def staff_links(request):
    return [("工作台", reverse("agencies:dashboard"))]
