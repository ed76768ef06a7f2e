from django.contrib.auth.decorators import login_required
from django.urls import path

from gongkai.publishing import views

app_name = "publishing"
urlpatterns = [path("", login_required(views.status), name="status")]
