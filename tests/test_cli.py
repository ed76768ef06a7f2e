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
