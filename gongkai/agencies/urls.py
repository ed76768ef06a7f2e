from django.urls import path

from gongkai.agencies import views

app_name = "agencies"
urlpatterns = [
    path("", views.dashboard, name="dashboard"),
    path("agency/<int:pk>/", views.agency_detail, name="detail"),
    path("agency/<int:pk>/edit/", views.agency_edit, name="edit"),
]
