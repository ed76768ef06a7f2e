"""gongkai/core holds the law in pure Python: no Django, no reading of ../shared at run time."""

import ast
import json
from pathlib import Path

import pytest

import gongkai.core

CORE = Path(gongkai.core.__file__).parent
SHARED_SPEC = Path(__file__).resolve().parents[3] / "shared" / "spec"


def _imports(path: Path):
    tree = ast.parse(path.read_text(encoding="utf-8"))
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            yield from (alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module:
            yield node.module


def test_core_never_imports_django():
    offenders = [
        f"{path.relative_to(CORE)}: {name}"
        for path in CORE.rglob("*.py")
        for name in _imports(path)
        if name == "django" or name.startswith("django.")
    ]
    assert offenders == []


def test_core_never_reads_the_shared_folder():
    offenders = [p for p in CORE.rglob("*.py") if "shared/" in p.read_text(encoding="utf-8")]
    assert offenders == []


def test_packaged_report_format_matches_the_spec_when_present():
    packaged = json.loads((CORE / "spec" / "report_format.json").read_text(encoding="utf-8"))
    assert packaged["basis"] == "国办公开办函〔2021〕30号"
    spec = SHARED_SPEC / "report_format.json"
    if not spec.exists():  # a user's clone has no ../shared; CI and developers have it
        pytest.skip("../shared/spec/report_format.json is not beside this checkout")
    assert packaged == json.loads(spec.read_text(encoding="utf-8"))
