"""The console script as a user runs it: a real subprocess, exit codes and one-line reasons."""

import os
import subprocess
import sys
from pathlib import Path

import pytest

GONGKAI = Path(sys.executable).with_name("gongkai")


def run(*args, tmp_path):
    env = dict(os.environ, GONGKAI_VAR_DIR=str(tmp_path))
    env.pop("DATABASE_URL", None)
    return subprocess.run([str(GONGKAI), *args], capture_output=True, text=True, env=env, timeout=60)


def test_help_lists_subcommands(tmp_path):
    result = run("--help", tmp_path=tmp_path)
    assert result.returncode == 0
    for name in ("workdays", "demo", "jobs", "serve", "manage"):
        assert name in result.stdout


def test_workdays_add_over_national_day(tmp_path):
    result = run("workdays", "add", "2024-09-27", "20", tmp_path=tmp_path)
    assert result.returncode == 0
    assert result.stdout == "2024-10-30\n"


def test_workdays_between(tmp_path):
    result = run("workdays", "between", "2024-09-27", "2024-10-30", tmp_path=tmp_path)
    assert (result.returncode, result.stdout) == (0, "20\n")


@pytest.mark.parametrize(
    "args, fragment",
    [
        (("workdays", "add", "2024-02-30", "3"), "日期格式无效"),
        (("workdays", "add", "2024-09-27", "-2"), "不能为负数"),
        (("workdays", "add", "2030-01-02", "5"), "2030年"),
        (("workdays", "between", "2024-10-30", "2024-09-27"), "早于"),
        (("workdays", "add", "2024-09-27", "many"), "不是整数"),
    ],
)
def test_bad_input_exits_2_with_one_line(args, fragment, tmp_path):
    result = run(*args, tmp_path=tmp_path)
    assert result.returncode == 2
    assert fragment in result.stderr
    assert len(result.stderr.strip().splitlines()) == 1
    assert "Traceback" not in result.stderr


def test_workdays_keep_refusing_a_year_without_official_data(tmp_path):
    """暂定 dates come only from the application clock: `workdays` refuses 2027 (no notice yet)."""
    for args in (("workdays", "add", "2026-12-20", "20"), ("workdays", "between", "2026-12-20", "2027-01-10")):
        result = run(*args, tmp_path=tmp_path)
        assert result.returncode == 2 and "2027年" in result.stderr


# ---- gongkai applications clock CASE.json (issue 10)

import json  # noqa: E402

KEYS = {"due_on", "pay_by", "reply_by", "provisional", "overdue", "lapsed", "warnings", "periods"}


def clock(case, tmp_path):
    path = tmp_path / "case.json"
    path.write_text(case if isinstance(case, str) else json.dumps(case), encoding="utf-8")
    return run("applications", "clock", str(path), tmp_path=tmp_path)


def test_clock_plain_case_prints_every_key(tmp_path):
    result = clock({"received_on": "2025-03-03", "today": "2025-03-10", "events": []}, tmp_path)
    assert result.returncode == 0, result.stderr
    out = json.loads(result.stdout)
    assert KEYS <= set(out)
    assert out["due_on"] == "2025-03-31" and out["pay_by"] is None and out["reply_by"] is None
    assert out["provisional"] is False and out["overdue"] is False and out["lapsed"] is None
    assert out["periods"] == [
        {
            "from": "2025-03-04",
            "to": "2025-03-31",
            "working_days": 20,
            "counted": True,
            "kind": "counted",
            "article": "条例第三十三条",
            "reason": "计入答复期限（条例第三十三条）",
        }
    ]


def test_clock_december_2026_fee_and_consultation_are_provisional(tmp_path):
    """暂定: a fee notice and a consultation served in December 2026 reach into 2027."""
    out = json.loads(
        clock(
            {
                "received_on": "2026-12-01",
                "today": "2026-12-21",
                "events": [
                    {"kind": "consultation_started", "on": "2026-12-03", "with": "agency"},
                    {"kind": "consultation_ended", "on": "2026-12-10"},
                    {"kind": "fee_notified", "on": "2026-12-15"},
                ],
            },
            tmp_path,
        ).stdout
    )
    assert out["pay_by"] == "2027-01-13" and out["provisional"] is True and out["reply_by"] is None
    assert any("以国务院办公厅公布的节假日安排为准" in w for w in out["warnings"])
    assert {p["article"] for p in out["periods"]} >= {"条例第三十四条、第三十三条", "国办函〔2020〕109号"}


def test_clock_waiting_for_correction_and_lapses(tmp_path):
    """Art. 30: due_on is null while waiting; after the 补正期限 the case is lapsed="correction"."""
    case = {
        "received_on": "2025-03-03",
        "today": "2025-03-20",
        "events": [{"kind": "correction_requested", "on": "2025-03-05", "correct_by": "2025-03-19"}],
    }
    out = json.loads(clock(case, tmp_path).stdout)
    assert out["due_on"] is None and out["lapsed"] == "correction" and out["overdue"] is False
    case["events"] = [{"kind": "fee_notified", "on": "2025-03-05"}]
    case["today"] = "2025-04-03"
    out = json.loads(clock(case, tmp_path).stdout)
    assert out["lapsed"] == "fee" and out["pay_by"] == "2025-04-02"


def test_clock_open_consultation_stops_pausing_at_reply_by(tmp_path):
    """Arts. 32, 33: the consultation left open since March no longer pauses the clock in June."""
    out = json.loads(
        clock(
            {
                "received_on": "2025-03-03",
                "today": "2025-06-30",
                "events": [{"kind": "consultation_started", "on": "2025-03-05", "with": "third_party"}],
            },
            tmp_path,
        ).stdout
    )
    assert out["due_on"] == "2025-04-22" and out["overdue"] is True and out["reply_by"] == "2025-03-26"


def test_clock_delayed_reply_art35(tmp_path):
    out = json.loads(
        clock(
            {
                "received_on": "2025-03-03",
                "today": "2025-04-10",
                "events": [{"kind": "delayed_reply", "on": "2025-03-20", "until": "2025-05-30"}],
            },
            tmp_path,
        ).stdout
    )
    assert out["due_on"] == "2025-05-30" and out["overdue"] is False


@pytest.mark.parametrize(
    "events, fragment",
    [
        (
            [
                {"kind": "extension", "on": "2025-03-05", "days": 5},
                {"kind": "extension", "on": "2025-03-06", "days": 5},
            ],
            "延长答复期限不被允许",
        ),
        ([{"kind": "extension", "on": "2025-03-05", "days": 21}], "最长不得超过20个工作日"),
        ([{"kind": "extension", "on": "2025-04-01", "days": 5}], "届满"),
        ([{"kind": "correction_requested", "on": "2025-04-01", "correct_by": "2025-04-20"}], "补正告知不被允许"),
        ([{"kind": "fee_notified", "on": "2025-04-01"}], "收费通知不被允许"),
        (
            [
                {"kind": "fee_notified", "on": "2025-03-05"},
                {"kind": "fee_paid", "on": "2025-03-06"},
                {"kind": "fee_notified", "on": "2025-03-07"},
            ],
            "一份收费通知",
        ),
        ([{"kind": "consultation_ended", "on": "2025-03-07"}], "征求意见结束不被允许"),
    ],
)
def test_clock_event_the_law_does_not_allow_exits_1(events, fragment, tmp_path):
    result = clock({"received_on": "2025-03-03", "today": "2025-04-10", "events": events}, tmp_path)
    assert result.returncode == 1 and result.stdout == ""
    assert fragment in result.stderr and len(result.stderr.strip().splitlines()) == 1


@pytest.mark.parametrize(
    "case, fragment",
    [
        ("{not json", "不是有效的 JSON"),
        ("[]", "JSON 对象"),
        ({"received_on": "2025-02-30", "today": "2025-03-10"}, "日期格式无效"),
        (
            {"received_on": "2025-03-03", "today": "2025-03-10", "events": [{"kind": "party", "on": "2025-03-04"}]},
            "类型无效",
        ),
        (
            {
                "received_on": "2025-03-03",
                "today": "2025-03-10",
                "events": [{"kind": "consultation_started", "on": "2025-03-04", "with": "neighbour"}],
            },
            "third_party",
        ),
        (
            {
                "received_on": "2025-03-03",
                "today": "2025-03-10",
                "events": [{"kind": "correction_requested", "on": "2025-03-04"}],
            },
            "correct_by",
        ),
        (
            {
                "received_on": "2025-03-03",
                "today": "2025-03-10",
                "events": [{"kind": "extension", "on": "2025-03-04", "days": "5"}],
            },
            "days",
        ),
        (
            {"received_on": "2025-03-03", "today": "2025-03-10", "events": [{"kind": "fee_paid", "on": "2025-03-11"}]},
            "晚于",
        ),
    ],
)
def test_clock_invalid_input_exits_2(case, fragment, tmp_path):
    result = clock(case, tmp_path)
    assert result.returncode == 2 and fragment in result.stderr, result.stderr
    assert len(result.stderr.strip().splitlines()) == 1 and "Traceback" not in result.stderr


def test_clock_unreadable_file_exits_2(tmp_path):
    result = run("applications", "clock", str(tmp_path / "missing.json"), tmp_path=tmp_path)
    assert result.returncode == 2 and "无法读取" in result.stderr
