"""The staff list of annual reports: labelled filters, pagination (issue 12)."""

from django.utils import timezone


def test_report_list_has_labelled_filters_and_survives_bad_input(client_of, handler):
    client = client_of(handler)
    html = client.get("/staff/reports/").content.decode()
    assert (
        '<label for="id_filter-year">年度：</label>' in html and '<label for="id_filter-state">状态：</label>' in html
    )
    bad = client.get("/staff/reports/", {"filter-year": "abc", "filter-state": "nonsense", "page": "x"})
    assert bad.status_code == 200


def test_report_list_filters_by_year(client_of, township, handler):
    from gongkai.reports import actions
    from tests.reports.conftest import confirm_zero_statistics

    today = timezone.localdate()
    confirm_zero_statistics(township, year=today.year - 1)  # section 二 inputs confirmed first
    actions.create_report_draft(agency=township, year=today.year - 1, actor=handler, today=today)
    client = client_of(handler)
    assert f"{today.year - 1}年度" in client.get("/staff/reports/", {"filter-year": today.year - 1}).content.decode()
    assert (
        f"{today.year - 1}年度</a>"
        not in client.get("/staff/reports/", {"filter-year": today.year - 3}).content.decode()
    )
