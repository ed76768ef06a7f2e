"""Template context: the staff navigation, contributed by each bounded context.

An app adds links by defining `gongkai/<app>/nav.py` with `staff_links(request) -> list[(label, url)]`.
"""

import importlib

_APPS_WITH_NAV = ["agencies", "portal", "catalog", "applications", "reports", "oversight", "holidays", "security",
                  "publishing"]


def staff_navigation(request):
    if not getattr(request, "user", None) or not request.user.is_authenticated:
        return {}
    links = []
    for app in _APPS_WITH_NAV:
        try:
            module = importlib.import_module(f"gongkai.{app}.nav")
        except ModuleNotFoundError:
            continue
        links.extend(module.staff_links(request))
    return {"staff_links": links}
