from django.urls import path

from gongkai.portal import openapi, views, views_site, views_staff

app_name = "portal"
urlpatterns = [
    path("", views.home, name="home"),
    path("favicon.ico", views_site.favicon, name="favicon"),
    path("api/openapi.json", openapi.openapi, name="openapi"),
    path("agency/<slug:slug>/contact/", views_site.contact, name="contact"),
    path("agency/<slug:slug>/sitemap/", views_site.sitemap, name="sitemap"),
    path("agency/<slug:slug>/apply-notice/", views_site.apply_notice, name="apply_notice"),
    path("staff/site/<int:agency_pk>/", views_staff.site_settings, name="site_settings"),
]
