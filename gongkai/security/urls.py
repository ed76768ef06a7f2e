from django.urls import path

from gongkai.security import staff_views, views

app_name = "security"
urlpatterns = [
    path("accounts/two-factor/", views.two_factor, name="two_factor"),
    path("staff/security/agency/<int:agency_pk>/", staff_views.agency_settings, name="agency"),
]
