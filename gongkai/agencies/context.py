"""Template context: the staff navigation, contributed by each bounded context.

An app adds links by defining `gongkai/<app>/nav.py` with `staff_links(request) -> list[(label, url)]`;
the modules are discovered (gongkai.registry).
"""

from gongkai.registry import app_modules


def staff_navigation(request):
    if not getattr(request, "user", None) or not request.user.is_authenticated:
        return {}
    return {"staff_links": [link for module in app_modules("nav") for link in module.staff_links(request)]}
