from django.urls import path

from gongkai.applications.views import ledger, letters, public, staff

app_name = "applications"
urlpatterns = [
    path("apply/status/", public.status, name="status"),
    path("apply/status/letters/<int:pk>/<str:fmt>/", public.letter, name="public_letter"),
    path("apply/<slug:slug>/", public.apply, name="apply"),
    path("apply/<slug:slug>/receipt/<int:pk>/", public.receipt, name="receipt"),
    path("apply/<slug:slug>/receipt/<int:pk>/receipt.pdf", public.receipt_pdf, name="receipt_pdf"),
    path("staff/applications/", staff.application_list, name="list"),
    path("staff/applications/deadlines/", staff.deadlines, name="deadlines"),
    path("staff/applications/register/", staff.register, name="register"),
    path("staff/applications/<int:pk>/", staff.detail, name="detail"),
    path("staff/applications/<int:pk>/act/<str:name>/", staff.act, name="act"),
    path("staff/applications/<int:pk>/cases/", staff.add_case, name="add_case"),
    path("staff/applications/<int:pk>/cases/<int:case_pk>/", staff.update_case, name="update_case"),
    path("staff/applications/<int:pk>/letters/<int:letter_pk>/preview/", letters.preview, name="letter_preview"),
    path("staff/applications/<int:pk>/letters/<int:letter_pk>/sign/", letters.sign, name="letter_sign"),
    path("staff/applications/<int:pk>/letters/<int:letter_pk>/serve/", letters.serve, name="letter_serve"),
    path("staff/applications/<int:pk>/letters/<int:letter_pk>/email/", letters.email, name="letter_email"),
    path("staff/applications/<int:pk>/letters/<int:letter_pk>/sealed/", letters.sealed_scan, name="letter_sealed"),
    path("staff/applications/<int:pk>/letters/<int:letter_pk>/<str:fmt>/", staff.staff_letter, name="letter"),
    path("staff/applications/agency/<int:agency_pk>/templates/", letters.templates, name="templates"),
    path("staff/applications/agency/<int:agency_pk>/letter-settings/", letters.settings_view, name="letter_settings"),
    path("staff/applications/agency/<int:agency_pk>/ledger/", ledger.ledger, name="ledger"),
    path("staff/applications/agency/<int:agency_pk>/ledger/<int:year>.xlsx", ledger.export, name="ledger_export"),
    path("staff/applications/agency/<int:agency_pk>/ledger/import/", ledger.import_view, name="ledger_import"),
]
