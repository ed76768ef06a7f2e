import csv
import json

from gongkai.cli import main
from tests.core.report.conftest import FIXTURES

SEED = str(FIXTURES / "township-2024-annual-report.txt")


def test_check_json_one_object_per_input(capsys):
    assert main(["report", "check", "--json", SEED]) == 0
    out = capsys.readouterr().out.strip().splitlines()
    assert len(out) == 1 and json.loads(out[0])["report"]["year"] == 2024
    status = main(["report", "check", "--json", SEED, str(FIXTURES / "health-2024-with-errors.html")])
    captured = capsys.readouterr()
    assert status == 1
    assert [json.loads(line)["source"].rsplit("/", 1)[-1] for line in captured.out.splitlines()] == [
        "township-2024-annual-report.txt",
        "health-2024-with-errors.html",
    ]


def test_check_unreadable_exits_2_with_reason_on_stderr(capsys, tmp_path):
    empty = tmp_path / "empty.txt"
    empty.write_bytes(b"")
    assert main(["report", "check", str(empty)]) == 2
    assert "文件为空" in capsys.readouterr().err
    assert main(["report", "check", str(FIXTURES / "news-page.html")]) == 2


def test_check_human_summary_and_previous(capsys):
    assert main(["report", "check", SEED, "--previous", str(FIXTURES / "county-education-2024.html")]) == 1
    out = capsys.readouterr().out
    assert "车辋镇人民政府" in out and "不等于上一年度报告的“结转下年度继续办理”" in out
    assert "continuity" not in out  # codes only in --json


def test_audit_writes_lines_and_summary(capsys, tmp_path):
    out = tmp_path / "results.jsonl"
    assert main(["report", "audit", str(FIXTURES), "--out", str(out), "--jobs", "1"]) == 0
    lines = out.read_text(encoding="utf-8").splitlines()
    assert len(lines) == len([p for p in FIXTURES.iterdir() if not p.name.startswith(".")])
    rows = list(csv.DictReader((tmp_path / "results.summary.csv").open(encoding="utf-8")))
    assert {"severity", "code", "findings", "reports"} == set(rows[0])
    assert any(r["code"] == "input.not_a_report" for r in rows)


def test_check_reads_ofd_by_content_and_refuses_a_broken_one(capsys, tmp_path):
    shapes = FIXTURES.parent / "report-shapes"
    labels = json.loads((shapes / "labels.json").read_text(encoding="utf-8"))
    renamed = tmp_path / "年报（版式文件）.bin"  # recognised by its OFD.xml, not its name
    renamed.write_bytes((shapes / "1-ofd.ofd").read_bytes())
    main(["report", "check", "--json", str(renamed)])
    checked = json.loads(capsys.readouterr().out)
    assert checked["report"]["applications"] == labels["1-ofd.ofd"]["report"]["applications"]
    broken = tmp_path / "broken.ofd"
    broken.write_bytes(b"PK\x03\x04 broken")
    assert main(["report", "check", str(broken)]) == 2
    assert "年报文件“" in capsys.readouterr().err
