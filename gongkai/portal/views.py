"""The public portal's home and the error pages (Chinese, never Django's debug pages)."""

from django.shortcuts import render

from gongkai.agencies.models import Agency, AgencyLevel


def home(request):
    agencies = Agency.objects.exclude(level=AgencyLevel.DISCLOSURE_OFFICE).order_by("level", "name")
    return render(request, "portal/home.html", {"agencies": agencies})


def _error(request, status, title, text):
    return render(request, "portal/error.html", {"title": title, "text": text}, status=status)


def bad_request(request, exception=None):
    return _error(request, 400, "请求有误", "请求的格式不正确，请检查后重试。")


def permission_denied(request, exception=None):
    return _error(request, 403, "无权访问", "您没有访问该页面的权限。")


def page_not_found(request, exception=None):
    return _error(request, 404, "页面不存在", "您访问的页面不存在或已被删除。")


def server_error(request):
    return _error(request, 500, "系统繁忙", "服务器处理请求时出错，请稍后重试。")
