from django.urls import path, re_path

from gongkai.catalog.views import api, public, public_search, staff

app_name = "catalog"
urlpatterns = [
    # public portal
    path("agency/<slug:slug>/", public.agency_home, name="agency_home"),
    path("agency/<slug:slug>/column/<int:pk>/", public.column_page, name="column"),
    # Pages 2… of a listing: paths, not query strings, so each page is a file when published.
    path("agency/<slug:slug>/column/<int:pk>/page/<int:page>/", public.column_page, name="column_page"),
    path("agency/<slug:slug>/column/<int:pk>/feed.xml", public.column_feed, name="column_feed"),
    path("agency/<slug:slug>/column/<int:pk>/feed/", public.legacy_feed),
    path("agency/<slug:slug>/item/<int:pk>/", public.item_page, name="item"),
    path("agency/<slug:slug>/item/<int:pk>/file/<int:attachment_pk>/", public.attachment, name="attachment"),
    path(
        "agency/<slug:slug>/item/<int:pk>/file/<int:attachment_pk>/<str:filename>",
        public.attachment,
        name="attachment_file",
    ),
    path("agency/<slug:slug>/guide/", public.guide, name="guide"),
    path("agency/<slug:slug>/system/", public.system_page, name="system"),
    path("agency/<slug:slug>/annual-reports/", public.annual_reports, name="annual_reports"),
    path("agency/<slug:slug>/annual-reports/page/<int:page>/", public.annual_reports, name="annual_reports_page"),
    path("search/", public_search.search_page, name="search"),
    path("qr.svg", public.qr_image, name="qr"),
    # Each public page's QR code beside it (<page>qr.svg), a file when published.
    re_path(r"^(?P<page>agency/(?:[^/]+/)+)qr\.svg$", public.page_qr_image, name="page_qr"),
    path("api/v1/items", api.items, name="api_items"),
    # staff
    path("staff/catalog/", staff.staff_index, name="staff_index"),
    path("staff/catalog/agency/<int:agency_pk>/", staff.staff_agency, name="staff_agency"),
    path("staff/catalog/agency/<int:agency_pk>/new/", staff.item_create, name="staff_item_create"),
    path("staff/catalog/agency/<int:agency_pk>/columns/", staff.columns, name="staff_columns"),
    path("staff/catalog/agency/<int:agency_pk>/settings/", staff.catalog_settings, name="staff_settings"),
    path("staff/catalog/agency/<int:agency_pk>/import/", staff.import_catalog, name="staff_import"),
    path("staff/catalog/agency/<int:agency_pk>/items/", staff.item_list, name="staff_items"),
    path("staff/catalog/agency/<int:agency_pk>/items/bulk/", staff.item_bulk, name="staff_items_bulk"),
    path("staff/catalog/item/<int:pk>/", staff.item_detail, name="staff_item"),
    path("staff/catalog/item/<int:pk>/edit/", staff.item_edit, name="staff_item_edit"),
    path("staff/catalog/item/<int:pk>/submit/", staff.item_submit, name="staff_item_submit"),
    path("staff/catalog/item/<int:pk>/approve/", staff.item_approve, name="staff_item_approve"),
    path("staff/catalog/item/<int:pk>/reject/", staff.item_reject, name="staff_item_reject"),
    path("staff/catalog/item/<int:pk>/amend/", staff.item_amend, name="staff_item_amend"),
    path("staff/catalog/item/<int:pk>/retire/", staff.item_retire, name="staff_item_retire"),
    path("staff/catalog/item/<int:pk>/retire/approve/", staff.retirement_approve, name="staff_retirement_approve"),
    path("staff/catalog/item/<int:pk>/retire/reject/", staff.retirement_reject, name="staff_retirement_reject"),
    path("staff/catalog/item/<int:pk>/interpret/", staff.item_interpret, name="staff_item_interpret"),
    path("staff/catalog/item/<int:pk>/file/<int:attachment_pk>/", staff.staff_attachment, name="staff_attachment"),
    path("staff/catalog/hit/<int:pk>/resolve/", staff.hit_resolve, name="staff_hit_resolve"),
    path("staff/catalog/attachment/<int:pk>/pages/", staff.attachment_pages, name="staff_attachment_pages"),
]
