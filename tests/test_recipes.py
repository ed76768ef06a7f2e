"""The recipes of docs/architecture.md, followed once each with a throwaway example, so that a
recipe that goes stale fails here."""

from __future__ import annotations

import json
from datetime import date
from pathlib import Path

import pytest
from django.test import override_settings

import gongkai
from gongkai import jobs, registry
from gongkai.cli import main as cli_main
from gongkai.core.report import document_checks
from gongkai.core.report.model import Finding, build_empty_report, warning
from gongkai.reports.checks import publication_findings

FIXTURES = Path(__file__).parent / "fixtures" / "reports"


def _example_check(report, context) -> list[Finding]:
    return [warning("recipe.example", "document", "示例检查：每份报告都提示一次")]


def test_recipe_a_report_check_runs_in_the_platform_and_in_gongkai_report_check(monkeypatch, township, capsys):
    """Recipe: a function `(report, context) -> list[Finding]` added to `DOCUMENT_CHECKS`."""
    monkeypatch.setattr(
        document_checks, "DOCUMENT_CHECKS", (*document_checks.DOCUMENT_CHECKS, ("示例检查", _example_check))
    )
    report = build_empty_report(township.name, 2024)
    platform = publication_findings(township, report, None, date(2025, 3, 1))
    assert "recipe.example" in {f.code for f in platform}

    status = cli_main(["report", "check", "--json", str(FIXTURES / "township-2024-annual-report.txt")])
    lines = [json.loads(line) for line in capsys.readouterr().out.splitlines() if line.strip()]
    assert status in (0, 1) and lines
    assert "recipe.example" in {f["code"] for line in lines for f in line["findings"]}


EXAMPLE_JOBS = '''"""A throwaway app module for the job recipe."""


def tidy(now):
    """示例任务：什么也不做"""
    return "ok"


JOBS = [("recipe_example.tidy", tidy)]
'''


@pytest.fixture
def example_app(tmp_path, monkeypatch):
    """`gongkai.recipe_example`, an installed app that exists only for the test."""
    package = tmp_path / "recipe_example"
    package.mkdir()
    (package / "__init__.py").write_text("")
    (package / "jobs.py").write_text(EXAMPLE_JOBS)
    monkeypatch.setattr(gongkai, "__path__", [*gongkai.__path__, str(tmp_path)])
    registry.app_modules.cache_clear()
    with override_settings(INSTALLED_APPS=[*_installed_apps(), "gongkai.recipe_example"]):
        yield
    registry.app_modules.cache_clear()


def _installed_apps() -> list[str]:
    from django.conf import settings

    return list(settings.INSTALLED_APPS)


def test_recipe_a_job_is_discovered_listed_and_run(example_app, capsys):
    """Recipe: `gongkai/<app>/jobs.py` with `JOBS = [(name, function(now) -> str)]`, discovered."""
    assert "recipe_example.tidy" in [name for name, _ in jobs.registered_jobs()]
    assert jobs.run_all(now=None, only="recipe_example.tidy") == [("recipe_example.tidy", "ok")]
    assert cli_main(["jobs", "list"]) == 0
    assert "recipe_example.tidy\t示例任务：什么也不做" in capsys.readouterr().out
