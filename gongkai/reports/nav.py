from django.urls import reverse


def staff_links(request):
    return [("年度报告", reverse("reports:staff_list")), ("年报检查", reverse("reports:check"))]
