"""Corrected reports (v2, v3) publish on a later day; a correction is not a late publication
(条例 第四十九条 is judged on the first publication); the year-end preview lists unconfirmed
online/fax applications (条例 第三十一条); table 四's one rule for cases pending at year end."""

from datetime import date, datetime
from zoneinfo import ZoneInfo

from django.urls import reverse

from gongkai.core.report.model import Report
from gongkai.reports import actions
from gongkai.reports.build import compute_figures
from gongkai.reports.models import AnnualReport, ReportState
from tests.reports.conftest import filled, publish_report

SHANGHAI = ZoneInfo("Asia/Shanghai")
FIRST = datetime(2025, 1, 20, 10, 0, tzinfo=SHANGHAI)


def _correct(agency, handler, reviewer, on: datetime, note: str):
    row = actions.create_report_draft(agency=agency, year=2024, actor=handler, today=on.date(), change_note=note)
    codes = {f.code for f in actions.findings_for(row, on.date())}
    assert "deadline.late" not in codes  # an on-time report's correction is not "逾期 N 天"
    row = actions.update_sections(row=row, actor=handler, sections=filled(Report.from_json(row.data).sections))
    row = actions.submit_report(row=row, actor=handler, today=on.date())
    return actions.approve_and_publish(row=row, actor=reviewer, today=on.date(), now=on)


def test_art_49_corrections_v2_and_v3_publish_on_later_days(township, statistics_2024, handler, reviewer, client):
    from gongkai.catalog.models import Item

    first = publish_report(township, handler, reviewer, today=FIRST.date(), now=FIRST)
    item = Item.objects.get(pk=first.catalog_item_id)
    written_on, published_on = item.public_version.written_on, item.public_version.published_on
    assert written_on == published_on == date(2025, 1, 20)

    v2 = _correct(township, handler, reviewer, datetime(2026, 11, 27, 9, tzinfo=SHANGHAI), "更正第三部分表述")
    v3 = _correct(township, handler, reviewer, datetime(2026, 12, 3, 9, tzinfo=SHANGHAI), "再次更正")
    assert (v2.version, v3.version) == (2, 3) and v3.state == ReportState.PUBLISHED
    assert list(AnnualReport.objects.filter(agency=township).order_by("version").values_list("state", flat=True)) == [
        ReportState.SUPERSEDED,
        ReportState.SUPERSEDED,
        ReportState.PUBLISHED,
    ]
    item.refresh_from_db()
    version = item.public_version
    assert (version.written_on, version.published_on, version.changed_on) == (
        written_on,
        published_on,
        date(2026, 12, 3),
    )
    assert version.change_note == "再次更正" and v3.catalog_item_id == first.catalog_item_id
    assert "deadline.late" not in {f.code for f in actions.findings_for(v3, date(2026, 12, 3))}
    page = client.get(reverse("reports:public_detail", args=[township.slug, 2024]))
    assert page.status_code == 200


def test_art_49_a_late_first_publication_stays_late_after_correction(township, statistics_2024, handler, reviewer):
    late = datetime(2025, 3, 1, 10, tzinfo=SHANGHAI)  # township deadline 31 January
    first = publish_report(township, handler, reviewer, today=late.date(), now=late)
    messages = [f.message for f in actions.findings_for(first, date(2025, 6, 1)) if f.code == "deadline.late"]
    assert messages and "2025年03月01日" in messages[0]


def test_art_31_year_end_preview_lists_unconfirmed_online_and_fax(township, statistics_2024, handler, client_of):
    from gongkai.applications.actions import submit_online
    from gongkai.reports.selectors import unconfirmed_applications
    from tests.applications.factories import person

    online, _ = submit_online(agency=township, data=person(), today=date(2024, 12, 30))
    later, _ = submit_online(agency=township, data=person(name="李四"), today=date(2025, 1, 3))
    assert list(unconfirmed_applications(township, 2024)) == [online]
    row = actions.create_report_draft(agency=township, year=2024, actor=handler, today=date(2025, 1, 10))
    page = client_of(handler).get(reverse("reports:staff_detail", args=[row.pk])).content.decode()
    assert 'id="unconfirmed-applications"' in page and online.number in page and later.number not in page
    assert "2024年12月30日" in page


def test_table_four_counts_a_case_once_in_its_filing_year(township, handler):
    """One rule every year: filed 2023, pending on 31 Dec → 2023 「尚未审结」, unchanged after it
    concludes; the 2024 table does not count it again, the 2024 section 六 states its result."""
    from gongkai.applications.models import ReviewCase
    from tests.applications.factories import decided
    from tests.reports.conftest import confirm_zero_statistics

    application = decided(township, handler, date(2023, 9, 1), date(2023, 9, 20))
    case = ReviewCase.objects.create(application=application, kind="administrative_review", filed_on=date(2023, 11, 10))
    confirm_zero_statistics(township, 2023)
    confirm_zero_statistics(township, 2024)
    assert compute_figures(township, 2023).review_litigation["administrative_review"]["pending"] == 1
    case.result, case.concluded_on = "upheld", date(2024, 3, 1)
    case.save()
    again = compute_figures(township, 2023).review_litigation["administrative_review"]
    assert again["pending"] == 1 and again["upheld"] == 0 and again["total"] == 1
    assert compute_figures(township, 2024).review_litigation["administrative_review"]["total"] == 0
    row = actions.create_report_draft(agency=township, year=2024, actor=handler, today=date(2025, 1, 10))
    other = Report.from_json(row.data).sections["other"]
    assert "以前年度申请或起诉、2024年度审结的案件共1件：结果维持1件。" in other
    assert "当年12月31日尚未审结的，计入“尚未审结”" in other
