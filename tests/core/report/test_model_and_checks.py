import random
from datetime import date

import pytest

from bench._report_corpus import random_report
from gongkai.core.report.checks import check_deadline, check_report
from gongkai.core.report.fill import set_application_counts
from gongkai.core.report.format import APPLICATION_ROW_IDS
from gongkai.core.report.model import Report, ReportShapeError, build_empty_report, shape_problems
from gongkai.core.report.narrative import check_narrative


def codes(findings):
    return sorted({f.code for f in findings})


def test_empty_report_is_all_zeros_and_valid():
    report = build_empty_report("车辋镇人民政府", 2024)
    data = report.to_json()
    assert data["format"] == "gongkai.annual-report/1"
    assert list(data["applications"]) == list(APPLICATION_ROW_IDS)
    assert data["applications"]["withheld.state_secret"]["total"] == 0
    assert data["proactive"]["fees"] == {"amount_wan_yuan": "0"}
    assert shape_problems(data) == []
    assert check_report(report) == []


def test_json_round_trip_and_shape_errors():
    report = random_report(random.Random(1))
    assert Report.from_json(report.to_json()).to_json() == report.to_json()
    broken = report.to_json()
    broken["applications"]["granted"]["total"] = 1.5
    del broken["review_litigation"]["litigation_direct"]
    with pytest.raises(ReportShapeError) as failure:
        Report.from_json(broken)
    assert len(failure.value.problems) == 2


def test_every_cross_check_names_cells_and_both_sides():
    report = build_empty_report("某某县教育局", 2024)
    set_application_counts(report, {("new_received", "natural_person"): 3, ("granted", "natural_person"): 2})
    report.applications["granted"]["total"] = 5
    report.review_litigation["administrative_review"]["upheld"] = 1
    report.proactive["rules"]["issued"] = -1
    findings = check_report(report)
    assert codes(findings) == [
        "cell.invalid",
        "cross_check.balance",
        "cross_check.column_total",
        "cross_check.review_total",
        "cross_check.row_total",
    ]
    balance = next(f for f in findings if f.code == "cross_check.balance")
    assert balance.where == "applications.*.natural_person"
    assert "（3 + 0 = 3）" in balance.message and "（2 + 0 = 2）" in balance.message
    assert balance.message.endswith("列：自然人")
    review = next(f for f in findings if f.code == "cross_check.review_total")
    assert review.message.startswith("“行政复议”的总计（0）") and "（1 + 0 + 0 + 0 = 1）" in review.message
    assert all(f.severity == "error" for f in findings)


def test_nulls_are_not_checked_but_reported_as_incomplete():
    report = build_empty_report("某某县教育局", 2024)
    report.applications["granted"]["natural_person"] = None
    assert codes(check_report(report)) == ["cross_check.incomplete"]


def test_carry_over_continuity():
    previous = build_empty_report("某某县教育局", 2023)
    set_application_counts(previous, {("new_received", "natural_person"): 2, ("carried_forward", "natural_person"): 2})
    report = build_empty_report("某某县教育局", 2024)
    findings = check_report(report, previous)
    assert [f.where for f in findings if f.code == "continuity.carry_over"] == [
        "applications.carried_over.natural_person",
        "applications.carried_over.total",
    ]


def test_deadline_follows_article_49():
    department = build_empty_report("某某县教育局", 2024)
    government = build_empty_report("某某县人民政府", 2024)
    township = build_empty_report("车辋镇人民政府", 2024)
    assert codes(check_deadline(department, date(2025, 2, 1))) == ["deadline.late"]
    assert check_deadline(government, date(2025, 3, 31)) == []
    assert check_deadline(township, date(2025, 6, 1)) == []
    assert codes(check_deadline(township, date(2025, 3, 1), township_deadline=date(2025, 1, 31))) == ["deadline.late"]


def test_narrative_against_table():
    report = build_empty_report("某某县教育局", 2024)
    set_application_counts(report, {("new_received", "natural_person"): 1, ("granted", "natural_person"): 1})
    report.sections["overview"] = "2024年，我局共受理依申请公开申请1件。"
    assert check_narrative(report) == []
    report.sections["overview"] = "2024年，我局共受理依申请公开申请3件。"
    assert codes(check_narrative(report)) == ["narrative.mismatch"]
    report.sections["overview"] = "全年未收到政府信息公开申请。"
    assert codes(check_narrative(report)) == ["narrative.mismatch"]


def test_render_json_is_the_report_json():
    import json

    from gongkai.core.report.render_html import render_html_fragment
    from gongkai.core.report.render_json import render_json

    report = random_report(random.Random(5))
    assert json.loads(render_json(report)) == report.to_json()
    fragment = render_html_fragment(report)
    assert fragment.startswith('<article class="annual-report">') and "<html" not in fragment
    assert '<th colspan="3" rowspan="3" scope="col">（本列数据的勾稽关系为' in fragment
    for heading in ("一、总体情况", "二、主动公开政府信息情况", "六、其他需要报告的事项"):
        assert f"<h2>{heading}</h2>" in fragment
