from django.contrib import admin
from django.contrib.auth import views as auth_views
from django.urls import include, path

from gongkai.security.views import LoginView

urlpatterns = [
    path("", include("gongkai.portal.urls")),
    path("staff/", include("gongkai.agencies.urls")),
    path("staff/calendar/", include("gongkai.holidays.urls")),
    path("staff/publishing/", include("gongkai.publishing.urls")),
    path("", include("gongkai.catalog.urls")),
    path("", include("gongkai.applications.urls")),
    path("", include("gongkai.reports.urls")),
    path("", include("gongkai.oversight.urls")),
    path("accounts/login/", LoginView.as_view(), name="login"),
    path("", include("gongkai.security.urls")),
    path("accounts/logout/", auth_views.LogoutView.as_view(), name="logout"),
    path("admin/", admin.site.urls),
]

handler400 = "gongkai.portal.views.bad_request"
handler403 = "gongkai.portal.views.permission_denied"
handler404 = "gongkai.portal.views.page_not_found"
handler500 = "gongkai.portal.views.server_error"
