from django.urls import reverse


def staff_links(request):
    return [("公开目录", reverse("catalog:staff_index"))]
