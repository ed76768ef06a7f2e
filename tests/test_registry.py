"""Registries are discovered per app, in INSTALLED_APPS order, and a broken module fails loudly."""

import sys

import pytest

from gongkai.registry import app_modules, modules_of


def test_each_registry_finds_the_apps_modules_in_order():
    assert [m.__name__ for m in app_modules("demo")][:4] == [
        "gongkai.agencies.demo",
        "gongkai.portal.demo",
        "gongkai.catalog.demo",
        "gongkai.applications.demo",
    ]
    assert {"gongkai.catalog.openapi_paths", "gongkai.reports.openapi_paths"} == {
        m.__name__ for m in app_modules("openapi_paths")
    }
    assert "gongkai.publishing.jobs" in {m.__name__ for m in app_modules("jobs")}
    assert "gongkai.oversight.nav" in {m.__name__ for m in app_modules("nav")}


def test_a_broken_module_is_not_silently_skipped(tmp_path, monkeypatch):
    package = tmp_path / "fakeapp"
    package.mkdir()
    (package / "__init__.py").write_text("")
    (package / "nav.py").write_text("import a_module_that_does_not_exist\n")
    monkeypatch.syspath_prepend(str(tmp_path))
    with pytest.raises(ModuleNotFoundError, match="a_module_that_does_not_exist"):
        modules_of(["fakeapp"], "nav")
    assert modules_of(["fakeapp"], "jobs") == ()  # no such module: nothing, quietly
    sys.modules.pop("fakeapp", None)
