import json
from pathlib import Path

import pytest

from gongkai.core.report.examine import check_source, exit_status
from gongkai.core.report.read import read_report
from tests.core.report.conftest import FIXTURES

EXPECTED = json.loads((FIXTURES / "expected.json").read_text(encoding="utf-8"))
EXACT = {
    "county-education-2024.html",
    "county-education-2024-in-script.html",
    "city-government-2023.docx",
    "district-market-2024.pdf",
    "resources-2024-tabs.txt",
    "resources-2024-labels-after.txt",
    "resources-2024-one-cell-per-line.txt",
    "resources-2024-converted.md",
    "finance-2020-old-format.txt",
}
SEED = "township-2024-annual-report.txt"


def cells(report: dict):
    for table in ("proactive", "applications", "review_litigation"):
        for row, values in report[table].items():
            for column, value in values.items():
                yield f"{table}.{row}.{column}", value


@pytest.mark.parametrize("name", sorted(EXPECTED))
def test_fixture_reads_as_expected(name):
    expected = EXPECTED[name]
    checked = check_source(str(FIXTURES / name))
    found_codes = {f["code"] for f in checked["findings"]}
    assert set(expected["codes"]) <= found_codes
    if expected["report"] is None:
        return
    report = checked["report"]
    if name in EXACT:
        assert {k: v for k, v in report.items() if k != "sections"} == {
            k: v for k, v in expected["report"].items() if k != "sections"
        }
    else:
        truth = dict(cells(expected["report"]))
        for where, value in cells(report):
            assert value is None or value == truth[where], where  # never a wrong number
        if any(value is None for _, value in cells(report)):
            assert any(f["severity"] == "warning" for f in checked["findings"])


def test_seed_reads_as_the_spec_describes():
    checked = check_source(str(FIXTURES / SEED))
    report = checked["report"]
    assert report["agency"]["name"] == "车辋镇人民政府" and report["year"] == 2024
    assert all(v in (0, "0") for row in report["proactive"].values() for v in row.values())
    for row_id, row in report["applications"].items():
        for column, value in row.items():
            one = row_id in ("new_received", "granted", "total") and column in ("natural_person", "total")
            assert value == (1 if one else 0), (row_id, column)
    assert all(v is None for row in report["review_litigation"].values() for v in row.values())
    found = {f["code"]: f["severity"] for f in checked["findings"]}
    # The seed states 责任追究 but not 工作考核/社会评议 results (条例 第五十条第（四）项): a warning.
    assert found == {"missing.table.review_litigation": "warning", "incomplete.art50_4": "warning"}
    assert exit_status(checked) == 0
    assert report["sections"]["overview"].startswith("2024年度,车辋镇人民政府")
    assert "扫一扫" not in report["sections"]["other"]


def test_seed_copy_matches_shared_seed():
    shared = Path("/work/shared/seed") / SEED
    if not shared.exists():
        pytest.skip("no shared seed on this machine")
    assert shared.read_bytes() == (FIXTURES / SEED).read_bytes()


def test_bad_inputs_never_raise(tmp_path):
    big = tmp_path / "big.html"
    big.write_text("<html><body>" + "<div>新闻 通知 公告</div>" * 500_000 + "</body></html>", encoding="utf-8")
    assert big.stat().st_size > 10_000_000
    cases = {
        b"": "input.unreadable",
        b"\x00\x01\x02" * 999: "input.unreadable",
        b"PK\x03\x04broken": "input.unreadable",
        b"%PDF-1.4 broken": "input.unreadable",
        "一、总体情况\n无\n".encode(): "input.not_a_report",
        big.read_bytes(): "input.not_a_report",
    }
    for data, code in cases.items():
        result = read_report(data)
        assert result.report is None
        assert [f.code for f in result.findings] == [code]


def test_blank_cell_is_null_with_a_warning_and_arithmetic_errors_are_found():
    text = (FIXTURES / SEED).read_text(encoding="utf-8")
    # The row's 总计 (1) disagrees with its printed cells, so the empty cell is not proven 0.
    text = text.replace(
        "二、上年结转政府信息公开申请数量 | 0 | 0 | 0 | 0 | 0 | 0 | 0",
        "二、上年结转政府信息公开申请数量 |  | 0 | 0 | 0 | 0 | 0 | 1",
    )
    text = text.replace("(七)总计 | 1 | 0 | 0 | 0 | 0 | 0 | 1", "(七)总计 | 1 | 0 | 0 | 0 | 0 | 0 | 2")
    result = read_report(text.encode())
    assert result.report.applications["carried_over"]["natural_person"] is None
    assert result.report.applications["total"]["total"] == 2
    from gongkai.core.report.examine import findings_of

    found = {(f.code, f.where) for f in findings_of(result)}
    assert ("cell.blank", "applications.carried_over.natural_person") in found
    assert ("cross_check.row_total", "applications.total.total") in found


def test_empty_cells_proven_zero_by_the_tables_arithmetic():
    """An empty cell is 0 only when a 勾稽关系 of 国办公开办函〔2021〕30号 proves it."""
    text = (FIXTURES / SEED).read_text(encoding="utf-8")
    text = text.replace("二、上年结转政府信息公开申请数量 | 0 | 0 |", "二、上年结转政府信息公开申请数量 |  | 0 |")
    result = read_report(text.encode())
    assert result.report.applications["carried_over"]["natural_person"] == 0
    codes = {f.code for f in result.findings}
    assert "cell.blank_zero" in codes and "cell.blank" not in codes
