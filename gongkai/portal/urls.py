from django.urls import path

from gongkai.portal import openapi, views

app_name = "portal"
urlpatterns = [
    path("", views.home, name="home"),
    path("api/openapi.json", openapi.openapi, name="openapi"),
]
