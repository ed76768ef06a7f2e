from django.urls import path

from gongkai.security import views

app_name = "security"
urlpatterns = [
    path("accounts/two-factor/", views.two_factor, name="two_factor"),
]
