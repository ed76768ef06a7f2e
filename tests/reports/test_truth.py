"""A report that says only what is true (issue 10): the draft's sentences are computed from the
data, the checks flag claims the data contradicts (platform and `gongkai report check` alike),
条例 第五十条第（四）项 for 人民政府, section 二 inputs never assumed."""

from datetime import date
from decimal import Decimal

import pytest
from django.urls import reverse

from gongkai.core.refusal import Refused
from gongkai.core.report.model import Report
from gongkai.reports import actions
from gongkai.reports.models import AnnualReport, Suggestion, YearlyStatistics
from tests.applications.factories import decided
from tests.reports.conftest import confirm_zero_statistics, filled

TODAY = date(2025, 1, 15)


def _draft(agency, handler):
    return actions.create_report_draft(agency=agency, year=2024, actor=handler, today=TODAY)


def _codes(row):
    return {f.code for f in actions.findings_for(row, TODAY)}


def test_art_33_the_draft_states_late_replies_and_a_false_claim_is_blocked(township, statistics_2024, handler):
    decided(township, handler, date(2024, 3, 4), date(2024, 3, 20))
    decided(township, handler, date(2024, 3, 4), date(2024, 6, 20))  # due in April: late
    row = _draft(township, handler)
    overview = Report.from_json(row.data).sections["overview"]
    assert "共受理政府信息公开申请2件，本年度办结2件，其中1件逾期答复。" in overview
    assert "均在法定期限内" not in overview
    sections = filled(Report.from_json(row.data).sections)
    sections["overview"] = sections["overview"].replace("其中1件逾期答复", "办结的申请均已依法依规予以答复")
    row = actions.update_sections(row=row, actor=handler, sections=sections)
    with pytest.raises(Refused, match="逾期答复"):
        actions.submit_report(row=row, actor=handler, today=TODAY)


def test_art_33_late_count_is_the_application_clocks(township, handler):
    """The report's count agrees with each application's own clock, extensions included."""
    from gongkai.applications.clock import clock_of
    from gongkai.applications.models import Application, ClockEvent
    from gongkai.reports.selectors import late_reply_count

    quick = decided(township, handler, date(2024, 3, 4), date(2024, 3, 20))
    extended = decided(township, handler, date(2024, 3, 4), date(2024, 4, 20))
    ClockEvent.objects.create(application=extended, kind="extended", on=date(2024, 3, 25), working_days=20)
    late = decided(township, handler, date(2024, 3, 4), date(2024, 6, 20))
    clocks = {a.pk: clock_of(a, today=a.decided_on).answered_late for a in Application.objects.all()}
    assert clocks == {quick.pk: False, extended.pk: False, late.pk: True}
    assert late_reply_count(township, 2024) == 1


def test_art_33_no_late_reply_gives_the_on_time_sentence(township, statistics_2024, handler):
    decided(township, handler, date(2024, 3, 4), date(2024, 3, 20))
    overview = Report.from_json(_draft(township, handler).data).sections["overview"]
    assert "本年度办结1件，办结的申请均在法定期限内予以答复。" in overview


def test_suggestion_result_not_public_is_stated_and_the_contrary_blocked(township, statistics_2024, handler):
    actions.add_suggestion(
        agency=township,
        actor=handler,
        fields={
            "kind": "npc",
            "number": "1",
            "title": "关于道路",
            "received_on": date(2024, 5, 1),
            "answered_on": date(2024, 6, 1),
            "result_published": False,
        },
    )
    row = _draft(township, handler)
    other = Report.from_json(row.data).sections["other"]
    assert "共办理人大代表建议1件、政协提案0件，其中1件的办理结果尚未公开。" in other
    sections = filled(Report.from_json(row.data).sections)
    sections["other"] = sections["other"].replace("其中1件的办理结果尚未公开", "办理结果已按要求公开")
    row = actions.update_sections(row=row, actor=handler, sections=sections)
    with pytest.raises(Refused, match="办理结果尚未公开"):
        actions.submit_report(row=row, actor=handler, today=TODAY)
    Suggestion.objects.update(result_published=True)
    assert "narrative.mismatch" not in _codes(row)


def test_suggestion_action_refuses_bad_dates_and_strangers(township, handler, other_handler):
    fields = {
        "kind": "cppcc",
        "number": "",
        "title": "提案",
        "received_on": date(2024, 5, 1),
        "answered_on": date(2024, 4, 1),
        "result_published": True,
    }
    with pytest.raises(Refused, match="答复日期不能早于交办日期"):
        actions.add_suggestion(agency=township, actor=handler, fields=fields)
    with pytest.raises(Refused, match="权限"):
        actions.add_suggestion(agency=township, actor=other_handler, fields={**fields, "answered_on": None})
    assert not Suggestion.objects.exists()


def test_art_50_4_a_people_governments_report_must_state_assessment_results(township, statistics_2024, handler):
    row = _draft(township, handler)
    overview = Report.from_json(row.data).sections["overview"]
    assert "工作考核、社会评议和责任追究结果情况" in overview  # asked for, not invented
    sections = filled(Report.from_json(row.data).sections)
    sections["overview"] = sections["overview"].split("5、监督保障方面。")[0] + "5、监督保障方面。按周检查网站。"
    row = actions.update_sections(row=row, actor=handler, sections=sections)
    assert "missing.art50_4" in _codes(row)
    with pytest.raises(Refused, match="第五十条第（四）项"):
        actions.submit_report(row=row, actor=handler, today=TODAY)


def test_art_50_4_not_asked_of_a_county_department(county_office, handler, db):
    from gongkai.agencies.demo import demo_credit_code
    from gongkai.agencies.models import Agency, Membership

    bureau = Agency.objects.create(
        name="测试县某局",
        credit_code=demo_credit_code("900019"),
        level="county_department",
        supervisor=county_office,
        slug="bureau",
    )
    Membership.objects.create(user=handler, agency=bureau, role="handler")
    confirm_zero_statistics(bureau)
    row = _draft(bureau, handler)
    assert "第五十条第（四）项" not in Report.from_json(row.data).sections["overview"]
    row = actions.update_sections(row=row, actor=handler, sections=filled(Report.from_json(row.data).sections))
    assert not {"missing.art50_4", "incomplete.art50_4"} & _codes(row)


def test_rules_for_an_agency_that_may_not_make_them_block_publication(township, statistics_2024, handler):
    """立法法 第九十一条、第九十三条: a township makes no 规章."""
    row = _draft(township, handler)
    data = dict(row.data)
    data["proactive"]["rules"] = {"issued": 1, "repealed": 0, "in_force": 1}
    AnnualReport.objects.filter(pk=row.pk).update(data=data)
    row.refresh_from_db()
    assert "rules.not_allowed" in _codes(row)


def test_a_false_table_claim_is_flagged_by_the_platform_and_report_check_alike(
    township, statistics_2024, handler, tmp_path, capsys
):
    from gongkai.cli import main
    from gongkai.core.report.render_text import render_text

    row = _draft(township, handler)
    sections = filled(Report.from_json(row.data).sections)
    sections["overview"] = sections["overview"].replace("未收到政府信息公开申请", "共受理政府信息公开申请5件")
    row = actions.update_sections(row=row, actor=handler, sections=sections)
    assert "narrative.mismatch" in _codes(row)
    path = tmp_path / "report.txt"
    path.write_text(render_text(Report.from_json(row.data)), encoding="utf-8")
    main(["report", "check", "--json", str(path)])
    import json

    checked = json.loads(capsys.readouterr().out)
    assert "narrative.mismatch" in {f["code"] for f in checked["findings"]}


def test_build_with_an_unconfirmed_cell_is_refused_with_the_list(township, handler, tmp_path, capsys):
    """Never written as null or 0: the action, the CLI (no file written) and the page refuse."""
    from gongkai.cli import main

    YearlyStatistics.objects.create(agency=township, year=2024, licensing_decisions=0, penalty_decisions=0)
    with pytest.raises(Refused, match="行政强制·本年处理决定数量；.*行政事业性收费"):
        _draft(township, handler)
    assert not AnnualReport.objects.exists()
    out = tmp_path / "r.json"
    assert main(["report", "build", "--agency", township.name, "--year", "2024", "-o", str(out)]) == 2
    err = capsys.readouterr().err
    assert "行政事业性收费·本年收费金额（万元）" in err and "行政许可" not in err.split("：", 1)[1]
    assert not out.exists()


def test_statistics_form_keeps_an_empty_cell_empty_until_confirmed(township, handler, client_of):
    url = reverse("reports:statistics", args=[township.pk, 2024])
    client = client_of(handler)
    assert (
        client.post(
            url,
            {"licensing_decisions": "3", "penalty_decisions": "", "coercion_decisions": "", "fees_amount_wan_yuan": ""},
        ).status_code
        == 302
    )
    stats = YearlyStatistics.objects.get(agency=township, year=2024)
    assert stats.licensing_decisions == 3 and stats.penalty_decisions is None and stats.fees_amount_wan_yuan is None
    page = client.get(url).content.decode()
    assert "尚未填写或确认的项目" in page and "行政事业性收费" in page
    client.post(url, {"licensing_decisions": "3", "confirm_zero": "on"})
    stats.refresh_from_db()
    assert (stats.penalty_decisions, stats.coercion_decisions, stats.fees_amount_wan_yuan) == (0, 0, Decimal(0))
    assert "本年度统计数据已全部填写" in client.get(url).content.decode()


def test_wan_yuan_column_refuses_an_implausible_amount_until_confirmed(township, handler, client_of):
    """条例 第二十条第（八）项 is in 万元: 123450 is almost certainly 元."""
    url = reverse("reports:statistics", args=[township.pk, 2024])
    client = client_of(handler)
    values = {
        "licensing_decisions": "0",
        "penalty_decisions": "0",
        "coercion_decisions": "0",
        "fees_amount_wan_yuan": "123450",
    }
    response = client.post(url, values)
    assert response.status_code == 400 and "12.345" in response.content.decode()
    assert not YearlyStatistics.objects.exists()
    assert client.post(url, {**values, "confirm_magnitude": "on"}).status_code == 302
    assert YearlyStatistics.objects.get().fees_amount_wan_yuan == Decimal(123450)


def test_xlsx_import_keeps_an_empty_fee_cell_empty(township, handler, client_of):
    from tests.reports.test_reports import HEADER, _xlsx

    url = reverse("reports:statistics", args=[township.pk, 2024])
    assert client_of(handler).post(url, {"file": _xlsx([HEADER, [2024, 1, 0, 0, None]])}).status_code == 302
    assert YearlyStatistics.objects.get().fees_amount_wan_yuan is None
    bad = _xlsx([HEADER, [2024, 1, 0, 0, "1.123456"]])
    assert "4位小数" in client_of(handler).post(url, {"file": bad}).content.decode()


def test_the_list_page_refuses_a_draft_with_unconfirmed_inputs_and_links_to_them(township, handler, client_of):
    response = client_of(handler).post(reverse("reports:staff_list"), {"agency": township.pk, "year": 2024})
    html = response.content.decode()
    assert "行政事业性收费·本年收费金额（万元）" in html
    assert reverse("reports:statistics", args=[township.pk, 2024]) in html
    assert not AnnualReport.objects.exists()


def test_refresh_with_a_cell_made_empty_is_refused_and_keeps_the_draft(township, statistics_2024, handler):
    row = _draft(township, handler)
    before = row.data
    YearlyStatistics.objects.update(fees_amount_wan_yuan=None)
    with pytest.raises(Refused, match="行政事业性收费"):
        actions.refresh_figures(row=row, actor=handler)
    row.refresh_from_db()
    assert row.data == before and row.data["proactive"]["fees"]["amount_wan_yuan"] == "0"


def test_xlsx_with_an_implausible_amount_saves_no_row(township, handler, client_of):
    from tests.reports.test_reports import HEADER, _xlsx

    url = reverse("reports:statistics", args=[township.pk, 2024])
    upload = _xlsx([HEADER, [2023, 1, 0, 0, "2"], [2024, 1, 0, 0, 123450]])
    response = client_of(handler).post(url, {"file": upload})
    assert response.status_code == 400 and "2024年度：行政事业性收费金额为 123450 万元" in response.content.decode()
    assert not YearlyStatistics.objects.exists()
