"""The county office's comparison page: published reports only, each figure linked to its
report, exports; 404 for anyone who does not supervise the office."""

import random
from datetime import UTC, datetime

from django.urls import reverse

from bench._report_corpus import random_report
from gongkai.reports.models import AnnualReport, ReportState


def _published(agency, year, user, state=ReportState.PUBLISHED):
    report = random_report(random.Random(year), agency=agency.name, year=year)
    return AnnualReport.objects.create(
        agency=agency,
        year=year,
        state=state,
        data=report.to_json(),
        created_by=user,
        published_at=datetime(year + 1, 1, 20, tzinfo=UTC),
    )


def test_county_office_compares_published_reports(township, county_office, handler, supervisor, client_of):
    _published(township, 2023, handler)
    latest = _published(township, 2024, handler)
    _published(township, 2025, handler, state=ReportState.DRAFT)  # never compared
    url = reverse("reports:county_compare", args=[county_office.pk])
    page = client_of(supervisor).get(url).content.decode()
    detail = reverse("reports:public_detail", args=[township.slug, 2024])
    assert township.name in page and f'href="{detail}"' in page
    assert "vendor/echarts.min.js" in page
    data = client_of(supervisor).get(url + "?format=json").json()
    assert data["years"] == [2023, 2024]
    figures = data["agencies"][0]["years"]["2024"]
    assert figures["metrics"]["new_received"] == latest.data["applications"]["new_received"]["total"]
    assert figures["url"] == detail
    xlsx = client_of(supervisor).get(url + "?format=xlsx")
    assert xlsx.status_code == 200 and xlsx.getvalue().startswith(b"PK")
    assert xlsx["Content-Disposition"] == 'attachment; filename="county-compare.xlsx"'


def test_compare_page_is_hidden_from_agency_staff(township, county_office, handler, client_of):
    url = reverse("reports:county_compare", args=[county_office.pk])
    assert client_of(handler).get(url).status_code == 404


def test_cli_compare_from_platform_and_files(township, county_office, handler, tmp_path, capsys):
    from gongkai.cli import main

    _published(township, 2023, handler)
    _published(township, 2024, handler)
    out = tmp_path / "compare"
    assert main(["report", "compare", "--platform", county_office.slug, "--out", str(out)]) == 0
    assert (tmp_path / "compare.html").read_text(encoding="utf-8").count("echarts") > 1
    assert (tmp_path / "compare.xlsx").read_bytes().startswith(b"PK")
    assert "对比了 1 个机关的 2 份报告" in capsys.readouterr().err
    assert main(["report", "compare", "--out", str(out)]) == 2
