"""Comparing reports: year on year per agency, robust outliers among peers, missing and late
reports (条例 第四十九条); a null figure is never taken as 0."""

import random

from bench._report_corpus import random_report
from gongkai.core.report.compare import compare, metrics, robust_outliers
from gongkai.core.report.compare_render import to_html, to_xlsx


def _entry(report, published=None, url=None):
    return {"report": report.to_json(), "published_on": published, "url": url}


def test_year_on_year_changes_and_carry_over_continuity():
    rng = random.Random(1)
    before = random_report(rng, agency="某某县教育局", year=2023)
    after = random_report(rng, agency="某某县教育局", year=2024)
    after.applications["carried_over"] = dict(before.applications["carried_forward"])
    result = compare([_entry(before, "2024-01-20", "/a/2023"), _entry(after, "2025-02-10", "/a/2024")])
    agency = result["agencies"][0]
    change = agency["changes"]["2024"]
    assert change["carry_over_continuous"] is True
    old, new = before.applications["new_received"]["total"], after.applications["new_received"]["total"]
    assert change["new_received_growth"] == round((new - old) / old, 4)
    assert agency["years"]["2024"]["url"] == "/a/2024"
    # a department must publish by 31 January (条例 第四十九条): 2025-02-10 is late
    assert result["late"] == [
        {
            "agency": "某某县教育局",
            "year": 2024,
            "published_on": "2025-02-10",
            "deadline": "2025-01-31",
            "url": "/a/2024",
        }
    ]
    after.applications["carried_over"]["natural_person"] += 1
    broken = compare([_entry(before), _entry(after)])["agencies"][0]["changes"]["2024"]
    assert broken["carry_over_continuous"] is False and broken["carry_over_breaks"][0]["column"] == "natural_person"


def test_null_figures_give_null_metrics_never_zero():
    report = random_report(random.Random(2))
    report.applications["withheld.state_secret"]["total"] = None
    report.review_litigation["administrative_review"]["corrected"] = None
    found = metrics(report.to_json())
    assert found["withheld_share"] is None and found["correction_rate"] is None


def test_peers_outliers_and_missing_reports():
    rng = random.Random(3)
    entries = []
    for number in range(12):
        for year in (2023, 2024):
            if number == 5 and year == 2024:
                continue  # a missing report
            report = random_report(rng, agency=f"某某县第{number}局", year=year)
            entries.append(_entry(report))
    outlier = random_report(rng, agency="某某县第11局", year=2024)
    outlier.applications["new_received"]["total"] = 100000
    entries.append(_entry(outlier, "2025-01-30"))
    result = compare(entries)
    assert {"agency": "某某县第5局", "year": 2024} in result["missing"]
    flagged = [o["agency"] for o in result["peers"]["department"]["metrics"]["new_received"]["outliers"]]
    assert flagged[0] == "某某县第11局"
    html = to_html(result, "/* echarts */")
    assert "某某县第11局" in html and "chart-applications" in html
    assert to_xlsx(result).startswith(b"PK")


def test_robust_outliers_need_spread():
    assert robust_outliers({"a": 1, "b": 1, "c": 1, "d": 50})["outliers"] == []  # MAD 0: no judgement
    found = robust_outliers({"a": 10, "b": 11, "c": 12, "d": 13, "e": 200})
    assert [o["agency"] for o in found["outliers"]] == ["e"]
