from django.urls import path

from gongkai.oversight.views import bulletin, inspections, lists, rectifications

app_name = "oversight"
urlpatterns = [
    path("staff/oversight/", inspections.home, name="home"),
    path("staff/oversight/run-all/", inspections.run_all, name="run_all"),
    path("staff/oversight/agency/<int:agency_pk>/", inspections.agency_detail, name="agency"),
    path("staff/oversight/agency/<int:agency_pk>/run/", inspections.run_inspection, name="run"),
    path("staff/oversight/agency/<int:agency_pk>/rectify/", inspections.issue_rectification, name="issue"),
    path("staff/oversight/rectifications/", lists.rectification_list, name="rectifications"),
    path("staff/oversight/rectifications/<int:pk>/", rectifications.rectification_detail, name="rectification"),
    path("staff/oversight/rectifications/<int:pk>/submit/", rectifications.submit, name="submit"),
    path("staff/oversight/rectifications/<int:pk>/verify/", rectifications.verify, name="verify"),
    path("staff/oversight/bulletin/", bulletin.bulletin, name="bulletin"),
    path("staff/oversight/bulletin/<int:year>-W<int:week>.xlsx", bulletin.bulletin_export, name="bulletin_export"),
]
