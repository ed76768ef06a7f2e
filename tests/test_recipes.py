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
from gongkai.core.report import document_checks, read
from gongkai.core.report.model import Finding, build_empty_report, warning
from gongkai.core.report.read_text import read_text
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


EXAMPLE_PAGE_FILES = {
    "views.py": """from django.contrib.auth.decorators import login_required
from django.shortcuts import get_object_or_404, render

from gongkai.agencies.access import Action, agency_for
from gongkai.agencies.models import Agency


@login_required
def agency_page(request, agency_pk):
    agency = agency_for(request.user, agency_pk, Action.VIEW)
    return render(request, "recipe_example/agency.html", {"shown": agency})


def public_page(request, slug):
    agency = get_object_or_404(Agency, slug=slug)
    return render(request, "recipe_example/public.html", {"agency": agency})
""",
    "urls.py": """from django.urls import path

from gongkai.recipe_example import views

app_name = "recipe_example"
urlpatterns = [
    path("staff/recipe-example/agency/<int:agency_pk>/", views.agency_page, name="agency"),
    path("agency/<slug:slug>/recipe-example/", views.public_page, name="public"),
]
""",
    "root_urls.py": """from django.urls import include, path

from gongkai import urls

urlpatterns = [*urls.urlpatterns, path("", include("gongkai.recipe_example.urls"))]
handler400, handler403 = urls.handler400, urls.handler403
handler404, handler500 = urls.handler404, urls.handler500
""",
    "nav.py": """def staff_links(request):
    return [("示例页面", "/staff/recipe-example/")]
""",
    "templates/recipe_example/agency.html": (
        '{% extends "staff_base.html" %}{% block staff_content %}<h1>示例页面：{{ shown.name }}</h1>{% endblock %}'
    ),
    "templates/recipe_example/public.html": (
        '{% extends "base.html" %}{% block content %}<h1>示例公开页面：{{ agency.name }}</h1>{% endblock %}'
    ),
}


@pytest.fixture
def example_app(tmp_path, monkeypatch):
    """`gongkai.recipe_example`, an installed app that exists only for the test."""
    package = tmp_path / "recipe_example"
    package.mkdir()
    (package / "__init__.py").write_text("")
    for name, text in {**EXAMPLE_PAGE_FILES, "jobs.py": EXAMPLE_JOBS}.items():
        (package / name).parent.mkdir(parents=True, exist_ok=True)
        (package / name).write_text(text, encoding="utf-8")
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


@pytest.mark.django_db
def test_recipe_a_page_is_reachable_gated_and_in_the_site_frame(
    example_app, township, handler, other_handler, client_of
):
    """Recipe: a thin view with an object gate from `agencies.access`, a URL in the app's
    `urls.py`, a template extending `staff_base.html` / `base.html`; the authorization matrix
    covers the URL without being edited."""
    from django.test import Client

    from tests.security import test_authorization_matrix as matrix

    with override_settings(ROOT_URLCONF="gongkai.recipe_example.root_urls"):
        staff_url = f"/staff/recipe-example/agency/{township.pk}/"
        page = client_of(handler).get(staff_url)
        assert page.status_code == 200
        html = page.content.decode()
        assert f"示例页面：{township.name}" in html
        assert 'class="staff-nav"' in html and '<a href="/staff/recipe-example/">示例页面</a>' in html
        assert 'class="site-footer"' in html and "工作人员页面不对外公开" in html
        assert client_of(other_handler).get(staff_url).status_code == 404  # another agency's page
        anonymous = Client().get(staff_url)
        assert anonymous.status_code == 302 and "/accounts/login/" in anonymous["Location"]

        public = Client().get(f"/agency/{township.slug}/recipe-example/")
        assert public.status_code == 200
        text = public.content.decode()
        assert f"示例公开页面：{township.name}" in text and 'class="site-header"' in text
        assert 'class="site-footer"' in text and "跳到主要内容" in text
        assert Client().get("/agency/no-such-agency/recipe-example/").status_code == 404

        routes = list(matrix._patterns())
        for route in ("staff/recipe-example/agency/<int:agency_pk>/", "agency/<slug:slug>/recipe-example/"):
            assert route in routes
            filled = matrix._variants(route, township, lambda agency: agency.pk, [2025])
            assert filled and all("<" not in url for url in filled)


READER_MAGIC = b"GKRECIPE\n"


def _read_recipe(data: bytes, name: str, fetch):
    """A throwaway format: a marker line, then the report as UTF-8 text."""
    return read_text(data[len(READER_MAGIC) :].decode("utf-8"))


def test_recipe_a_reader_input_format_is_read_and_checked(monkeypatch, tmp_path, capsys):
    """Recipe: its first bytes in `MAGIC`, its reader in `READERS`; `read_report` and `gongkai
    report check` then read it."""
    text = (FIXTURES / "township-2024-annual-report.txt").read_bytes()
    data = READER_MAGIC + text
    assert read.sniff(data) == "text"  # not yet recognised: read as text with a stray line

    monkeypatch.setattr(read, "MAGIC", (*read.MAGIC, (READER_MAGIC, "recipe")))
    monkeypatch.setitem(read.READERS, "recipe", _read_recipe)
    assert read.sniff(data) == "recipe"
    result = read.read_report(data, "report.recipe")
    expected = read.read_report(text, "report.txt")
    assert result.report is not None
    assert result.report.to_json() == expected.report.to_json()

    source = tmp_path / "report.recipe"
    source.write_bytes(data)
    status = cli_main(["report", "check", "--json", str(source)])
    checked = json.loads(capsys.readouterr().out)
    assert status in (0, 1)
    assert checked["report"] == expected.report.to_json()
    assert not any(f["code"].startswith("input.") for f in checked["findings"])
