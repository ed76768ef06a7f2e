from datetime import date
from decimal import Decimal
from io import BytesIO

import pytest
from django.urls import reverse
from openpyxl import Workbook

from gongkai.core.refusal import Refused
from gongkai.core.report.checks import check_report
from gongkai.core.report.model import Report
from gongkai.reports import actions
from gongkai.reports.build import compute_figures, compute_report, is_all_zero
from gongkai.reports.models import AnnualReport, ReportState, YearlyStatistics

TODAY = date(2025, 1, 15)
FILLED = {
    "overview": (
        "2024年度，测试镇认真落实条例。2024年，未收到政府信息公开申请。"
        "政务公开工作纳入年度工作考核，未开展社会评议，未发生责任追究。"
    ),
    "problems": "存在的问题：人手不足。\n\n改进情况：加强培训。",
    "other": "（一）依申请公开信息处理费收费情况。\n\n2024年度，未收取政府信息公开信息处理费。",
}


def test_an_agency_without_data_gets_a_report_of_zeros(township, statistics_2024):
    report = compute_report(township, 2024)
    assert is_all_zero(report)
    assert check_report(report) == []
    assert "本年度未主动公开政府信息" in report.sections["overview"]


def test_statistics_feed_section_two(township, handler):
    YearlyStatistics.objects.create(
        agency=township,
        year=2024,
        licensing_decisions=12,
        penalty_decisions=3,
        coercion_decisions=1,
        fees_amount_wan_yuan=Decimal("1.2500"),
    )
    report = compute_figures(township, 2024)
    assert report.proactive["licensing"] == {"decisions": 12}
    assert report.proactive["penalty"] == {"decisions": 3}
    assert report.proactive["fees"] == {"amount_wan_yuan": "1.25"}


def test_future_year_is_refused(township, handler):
    with pytest.raises(Refused, match="尚未开始"):
        actions.create_report_draft(agency=township, year=2026, actor=handler, today=TODAY)
    assert not AnnualReport.objects.exists()


def test_whole_workflow_publishes_into_the_annual_report_column(township, statistics_2024, handler, reviewer, client):
    row = actions.create_report_draft(agency=township, year=2024, actor=handler, today=TODAY)
    with pytest.raises(Refused, match="尚未填写完整"):
        actions.submit_report(row=row, actor=handler, today=TODAY)
    actions.update_sections(row=row, actor=handler, sections=FILLED)
    actions.submit_report(row=row, actor=handler, today=TODAY)
    with pytest.raises(Refused, match="权限"):
        actions.approve_and_publish(row=row, actor=handler, today=TODAY)
    row = actions.approve_and_publish(row=row, actor=reviewer, today=TODAY, opinion="同意")
    assert row.state == ReportState.PUBLISHED and row.catalog_item_id

    from gongkai.catalog.models import Item

    item = Item.objects.get(pk=row.catalog_item_id)
    assert item.index_number and item.column.kind == "annual_report"
    page = client.get(reverse("reports:public_detail", args=[township.slug, 2024]))
    assert page.status_code == 200 and "二、主动公开政府信息情况" in page.content.decode()
    for fmt, magic in (("pdf", b"%PDF"), ("docx", b"PK"), ("json", b"{")):
        response = client.get(reverse("reports:public_file", args=[township.slug, 2024, fmt]))
        assert response.status_code == 200 and response.getvalue().startswith(magic)

    with pytest.raises(Refused):
        actions.update_sections(row=row, actor=handler, sections=FILLED)
    with pytest.raises(Refused, match="更正说明"):
        actions.create_report_draft(agency=township, year=2024, actor=handler, today=TODAY)
    correction = actions.create_report_draft(
        agency=township, year=2024, actor=handler, today=TODAY, change_note="更正第六部分表述"
    )
    assert correction.version == 2
    actions.submit_report(row=correction, actor=handler, today=TODAY)
    actions.approve_and_publish(row=correction, actor=reviewer, today=TODAY)
    row.refresh_from_db()
    assert row.state == ReportState.SUPERSEDED
    item.refresh_from_db()
    assert item.public_version.change_note == "更正第六部分表述"


def test_narrative_contradicting_the_tables_blocks_submission(township, statistics_2024, handler):
    row = actions.create_report_draft(agency=township, year=2024, actor=handler, today=TODAY)
    wrong = dict(FILLED, overview="2024年，我镇共受理依申请公开申请3件。")
    actions.update_sections(row=row, actor=handler, sections=wrong)
    with pytest.raises(Refused, match="不符"):
        actions.submit_report(row=row, actor=handler, today=TODAY)


def test_missing_fee_statement_blocks_submission(township, statistics_2024, handler):
    row = actions.create_report_draft(agency=township, year=2024, actor=handler, today=TODAY)
    actions.update_sections(row=row, actor=handler, sections=dict(FILLED, other="无。"))
    with pytest.raises(Refused, match="信息处理费"):
        actions.submit_report(row=row, actor=handler, today=TODAY)


def test_other_agency_cannot_see_the_draft(township, statistics_2024, handler, other_handler, client_of):
    row = actions.create_report_draft(agency=township, year=2024, actor=handler, today=TODAY)
    url = reverse("reports:staff_detail", args=[row.pk])
    assert client_of(handler).get(url).status_code == 200
    assert client_of(other_handler).get(url).status_code == 404
    public = client_of(other_handler).get(reverse("reports:public_detail", args=[township.slug, 2024]))
    assert public.status_code == 404  # not published yet


def _xlsx(rows):
    book = Workbook()
    for row in rows:
        book.active.append(row)
    out = BytesIO()
    book.save(out)
    out.seek(0)
    out.name = "stats.xlsx"
    return out


HEADER = ["年度", "行政许可", "行政处罚", "行政强制", "行政事业性收费（万元）"]


def test_statistics_import_rejects_the_whole_file_naming_bad_rows(township, handler, client_of):
    url = reverse("reports:statistics", args=[township.pk, 2024])
    bad = _xlsx([HEADER, [2023, 5, 1, 0, 0.5], [2024, -1, 0, 0, 0], [2024, "x", 0, 0, 0]])
    response = client_of(handler).post(url, {"file": bad})
    html = response.content.decode()
    assert response.status_code == 400
    assert "第3行" in html and "第4行" in html
    assert not YearlyStatistics.objects.exists()
    good = _xlsx([HEADER, [2023, 5, 1, 0, 0.5], [2024, 7, 2, 0, "1.2"]])
    assert client_of(handler).post(url, {"file": good}).status_code == 302
    assert YearlyStatistics.objects.get(year=2024).licensing_decisions == 7


def test_statistics_import_refuses_non_xlsx(township, handler, client_of):
    from django.core.files.uploadedfile import SimpleUploadedFile

    url = reverse("reports:statistics", args=[township.pk, 2024])
    response = client_of(handler).post(url, {"file": SimpleUploadedFile("a.xlsx", b"not a workbook")})
    assert "不是有效的 XLSX" in response.content.decode()


def test_county_office_sees_every_supervised_agency_and_exports(
    township, statistics_2024, county_office, handler, reviewer, supervisor, client_of
):
    row = actions.create_report_draft(agency=township, year=2024, actor=handler, today=TODAY)
    actions.update_sections(row=row, actor=handler, sections=FILLED)
    actions.submit_report(row=row, actor=handler, today=TODAY)
    actions.approve_and_publish(row=row, actor=reviewer, today=TODAY)
    client = client_of(supervisor)
    url = reverse("reports:county", args=[county_office.pk, 2024])
    page = client.get(url).content.decode()
    assert township.name in page and "已公开" in page
    data = client.get(url + "?format=json").json()
    assert data["applications"]["total"]["total"] == 0 and data["format"] == "gongkai.annual-report/1"
    xlsx = client.get(url + "?format=xlsx")
    assert xlsx.status_code == 200 and xlsx.getvalue().startswith(b"PK")
    assert client_of(handler).get(url).status_code == 404


def test_cli_build(township, statistics_2024, capsys):
    import json

    from gongkai.cli import main

    assert main(["report", "build", "--agency", township.name, "--year", "2024", "--format", "json"]) == 0
    data = json.loads(capsys.readouterr().out)
    assert data["year"] == 2024 and data["applications"]["new_received"]["total"] == 0
    assert main(["report", "build", "--agency", "不存在的机构", "--year", "2024"]) == 2
    assert main(["report", "build", "--agency", township.name, "--year", "2999"]) == 2
    assert "尚未开始" in capsys.readouterr().err
    Report.from_json(data)


def test_an_admin_cannot_approve_a_report_they_wrote(township, statistics_2024, agency_admin):
    row = actions.create_report_draft(agency=township, year=2024, actor=agency_admin, today=TODAY)
    actions.update_sections(row=row, actor=agency_admin, sections=FILLED)
    actions.submit_report(row=row, actor=agency_admin, today=TODAY)
    with pytest.raises(Refused, match="四眼原则"):
        actions.approve_and_publish(row=row, actor=agency_admin, today=TODAY)
    row.refresh_from_db()
    assert row.state == ReportState.SUBMITTED


def test_uploaded_reports_are_read_and_checked(handler, client_of):
    import io
    import zipfile
    from pathlib import Path

    from django.core.files.uploadedfile import SimpleUploadedFile

    fixtures = Path(__file__).resolve().parents[1] / "fixtures" / "reports"
    seed = (fixtures / "township-2024-annual-report.txt").read_bytes()
    archive = io.BytesIO()
    with zipfile.ZipFile(archive, "w") as z:
        z.writestr("seed.txt", seed)
        z.writestr("junk.bin", bytes(range(256)) * 10)
    client = client_of(handler)
    response = client.post(
        reverse("reports:check"),
        {"files": [SimpleUploadedFile("many.zip", archive.getvalue())], "text": seed.decode("utf-8")},
    )
    html = response.content.decode()
    assert response.status_code == 200
    assert "检查结果（3 份）" in html
    assert "missing.table.review_litigation" in html
    assert "input.unreadable" in html
    assert "车辋镇人民政府" in html


def test_empty_check_form_is_a_clear_message(handler, client_of):
    response = client_of(handler).post(reverse("reports:check"), {"text": ""})
    assert "请上传报告文件或粘贴报告全文" in response.content.decode()


def test_county_aggregate_sums_published_reports_not_live_data(township, county_office, handler, reviewer, db):
    """The county aggregate is the sum of the PUBLISHED reports (what the public saw); live data
    that changed since, and agencies that have not published, are listed as differences."""
    from gongkai.agencies.demo import demo_credit_code
    from gongkai.agencies.models import Agency, Membership
    from gongkai.reports.aggregate import county_overview, live_differences, live_figures, published_figures
    from tests.applications.factories import company, decided, registered
    from tests.reports.conftest import confirm_zero_statistics, publish_report

    second = Agency.objects.create(
        name="测试县某局",
        credit_code=demo_credit_code("900009"),
        level="county_department",
        supervisor=county_office,
        slug="second",
    )
    Membership.objects.create(user=handler, agency=second, role="handler")
    decided(township, handler, date(2024, 3, 4), date(2024, 3, 20), "granted")
    decided(township, handler, date(2023, 12, 20), date(2024, 1, 10), "partially_granted", data=company())
    registered(second, handler, date(2024, 12, 25), today=date(2024, 12, 26))
    decided(second, handler, date(2024, 5, 6), date(2024, 5, 20), "unavailable.not_held")
    confirm_zero_statistics(township, licensing_decisions=0, fees_amount_wan_yuan="0.5")
    confirm_zero_statistics(second, licensing_decisions=3, fees_amount_wan_yuan="1.25")
    publish_report(township, handler, reviewer)

    # After publication, the township's live figure changes (行政许可 12): the aggregate keeps 0.
    confirm_zero_statistics(township, licensing_decisions=12, fees_amount_wan_yuan="0.5")
    agencies = Agency.objects.filter(supervisor=county_office).order_by("name")
    statuses = county_overview(agencies, 2024, date(2025, 2, 1))
    total = published_figures(statuses, 2024, "合计")
    published = Report.from_json(AnnualReport.objects.get(agency=township).data)
    assert total.applications == published.applications
    assert total.proactive["licensing"]["decisions"] == 0
    assert total.proactive["fees"]["amount_wan_yuan"] == "0.5"
    assert [f for f in check_report(total) if f.severity == "error"] == []

    live = live_figures(agencies, 2024, "合计")
    assert live.proactive["licensing"]["decisions"] == 15 and live.applications["new_received"]["total"] == 3
    differences = {(d.agency.name, d.cell): (d.published, d.live) for d in live_differences(statuses, 2024)}
    assert differences[(township.name, "第二部分 行政许可·本年处理决定数量")] == (0, 12)
    assert differences[(second.name, "年度报告")] == ("尚未公开", "不计入合计")
    assert len(differences) == 2


def test_county_export_and_difference_page(
    township, statistics_2024, county_office, handler, reviewer, supervisor, client_of
):
    from tests.reports.conftest import confirm_zero_statistics, publish_report

    publish_report(township, handler, reviewer)
    confirm_zero_statistics(township, licensing_decisions=12)
    url = reverse("reports:county", args=[county_office.pk, 2024])
    client = client_of(supervisor)
    assert client.get(url + "?format=json").json()["proactive"]["licensing"]["decisions"] == 0
    page = client.get(url + "?diff=1").content.decode()
    assert "行政许可·本年处理决定数量" in page and "<td>12</td>" in page


def test_report_api_serves_only_published_reports(township, statistics_2024, handler, reviewer, client):
    url = reverse("reports:api_report", args=[township.slug, 2024])
    assert client.get(url).status_code == 404
    row = actions.create_report_draft(agency=township, year=2024, actor=handler, today=TODAY)
    assert client.get(url).status_code == 404
    actions.update_sections(row=row, actor=handler, sections=FILLED)
    actions.submit_report(row=row, actor=handler, today=TODAY)
    actions.approve_and_publish(row=row, actor=reviewer, today=TODAY)
    data = client.get(url).json()
    assert data["format"] == "gongkai.annual-report/1" and data["year"] == 2024
    Report.from_json(data)
    listing = client.get(reverse("reports:api_reports") + f"?agency={township.slug}").json()
    assert listing["count"] == 1 and listing["results"][0]["year"] == 2024
    assert client.get(reverse("reports:api_reports") + "?year=abc").status_code == 400
    assert client.get(reverse("reports:api_reports") + "?bogus=1").status_code == 400
