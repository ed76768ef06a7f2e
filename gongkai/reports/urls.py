from django.urls import path

from gongkai.reports import views_api, views_check, views_compare, views_public, views_staff

app_name = "reports"
urlpatterns = [
    path("staff/reports/", views_staff.report_list, name="staff_list"),
    path("staff/reports/<int:pk>/", views_staff.report_detail, name="staff_detail"),
    path("staff/reports/<int:pk>/refresh/", views_staff.report_refresh, name="refresh"),
    path("staff/reports/<int:pk>/submit/", views_staff.report_submit, name="submit"),
    path("staff/reports/<int:pk>/review/", views_staff.report_review, name="review"),
    path("staff/reports/<int:pk>/download.<str:fmt>", views_staff.report_download, name="staff_download"),
    path("staff/reports/statistics/<int:agency_pk>/<int:year>/", views_staff.statistics, name="statistics"),
    path("staff/reports/suggestions/<int:agency_pk>/", views_staff.suggestions, name="suggestions"),
    path("staff/reports/check/", views_check.check_reports, name="check"),
    path("staff/reports/county/<int:office_pk>/<int:year>/", views_staff.county, name="county"),
    path("staff/reports/county/<int:office_pk>/compare/", views_compare.county_compare, name="county_compare"),
    path("api/v1/reports", views_api.report_index, name="api_reports"),
    path("api/v1/reports/<slug:slug>/<int:year>", views_api.report_json, name="api_report"),
    path("agency/<slug:slug>/annual-reports/", views_public.report_list, name="public_list"),
    path("agency/<slug:slug>/annual-reports/<int:year>/", views_public.report_page, name="public_detail"),
    path("agency/<slug:slug>/annual-reports/<int:year>/report.<str:fmt>", views_public.report_file, name="public_file"),
]
