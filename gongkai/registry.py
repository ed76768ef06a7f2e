"""Per-app registries, discovered rather than kept as lists.

Each bounded context may provide a module of a known name — `jobs.py` (periodic jobs), `nav.py`
(staff navigation), `demo.py` (demo data), `openapi_paths.py` (its part of /api/openapi.json), `desk.py`
(sections of the clerk's desk) — and it is found by looking in every installed `gongkai.*` app, in
INSTALLED_APPS order (which is also the order demo data must load in). A module that exists but
fails to import raises: a broken module is never silently skipped.
"""

from __future__ import annotations

import importlib
import importlib.util
from functools import cache
from types import ModuleType


def _gongkai_apps() -> list[str]:
    from django.apps import apps

    return [config.name for config in apps.get_app_configs() if config.name.startswith("gongkai.")]


@cache
def app_modules(name: str) -> tuple[ModuleType, ...]:
    """Every installed gongkai app's module `name`, imported; apps without one are skipped."""
    return modules_of(_gongkai_apps(), name)


def modules_of(packages: list[str], name: str) -> tuple[ModuleType, ...]:
    found = []
    for app in packages:
        full = f"{app}.{name}"
        if importlib.util.find_spec(full) is None:
            continue
        found.append(importlib.import_module(full))  # errors propagate: fail loudly
    return tuple(found)
