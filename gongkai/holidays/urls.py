from django.urls import path

from gongkai.holidays import views

app_name = "holidays"
urlpatterns = [
    path("", views.year_list, name="years"),
    path("proposals/<int:pk>/<str:decision>/", views.decide, name="decide"),
]
