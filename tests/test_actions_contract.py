"""Every change of state is a named action that checks permission itself (issue 15).

The rule, for every app's `actions` module or package:
- every public function (no leading underscore) defined there takes an `actor` and checks it — its body
  (or an action or private helper of the actions it calls) calls a permission check — so an action is
  safe even when called outside a view (a job, the CLI, another action); `actor=None` is the system;
- helpers that change state without checking are private: a `_name`, or a module `_name.py` of the
  package, used only by the actions (nothing outside the actions package imports them);
- the few public functions that take no actor are listed below, each with the reason.
Where it can be done without building the object first (the agency is the only object an action
needs), the action is also called with a user who has no role in the agency: it must refuse with
`PermissionRefused` before it looks at anything else.
"""

from __future__ import annotations

import ast
import importlib
import inspect
import re
import textwrap
from pathlib import Path

import pytest
from django.utils import timezone

import gongkai
from gongkai.core.refusal import PermissionRefused

ROOT = Path(gongkai.__file__).parent

# Public functions of the actions modules that take no actor, each with why that is right.
NO_ACTOR = {
    # The system's own steps: only the job runner calls them.
    "gongkai.catalog.actions.publishing.publish_due_versions": "the scheduled-publication job (actor None)",
    "gongkai.oversight.actions.run_weekly_inspections": "the weekly inspection job (actor None)",
    # The public: a citizen's online application has no staff actor (throttled and checked in the view).
    "gongkai.applications.actions.intake.submit_online": "the public's own submission; no staff permission",
    # Counters that must run inside the caller's transaction (they refuse to run outside one).
    "gongkai.catalog.actions.publishing.allocate_index_number": "the 索引号 counter; only inside publish_version",
    "gongkai.applications.actions.intake.allocate_number": "the application-number counter; inside intake/ledger",
    # Reads and checks that change nothing (used by forms and pages to offer a step).
    "gongkai.applications.actions.intake.query_code_matches": "compares a query code; changes nothing",
    "gongkai.applications.actions.intake.submitted_with_token": "looks up a double submission; changes nothing",
    "gongkai.applications.actions.handling.open_consultations": "lists open consultations; changes nothing",
    "gongkai.applications.actions.letters.reply_problems": "validates reply details for the form; changes nothing",
    "gongkai.applications.actions.letters.may_sign": "is itself a permission check (the page offers 签发)",
    "gongkai.applications.actions.service.check_service": "validates 送达 dates and method; changes nothing",
    "gongkai.catalog.actions.items.checked_uploads": "checks and extracts uploads before an action stores them",
    "gongkai.catalog.actions.items.attachment_text_fields": "maps extracted text to fields; changes nothing",
    "gongkai.catalog.actions.items.open_version": "finds an item's unfinished version; changes nothing",
    "gongkai.reports.actions.lifecycle.findings_for": "runs the report checks for a page; changes nothing",
}

# What counts as checking the actor (agencies/access.py and the actions' shared `require`).
PERMISSION_CALLS = {"can", "require", "may_manage_calendar", "may_sign"}
PERMISSION_PATTERN = re.compile(r"^check_\w*permission\w*$")


def _action_modules():
    for app in sorted(p for p in ROOT.iterdir() if p.is_dir()):
        if (app / "actions.py").exists():
            yield f"gongkai.{app.name}.actions"
        elif (app / "actions").is_dir():
            for file in sorted((app / "actions").glob("*.py")):
                stem = file.stem
                yield f"gongkai.{app.name}.actions" + ("" if stem == "__init__" else f".{stem}")


def _is_private_module(name: str) -> bool:
    return name.rsplit(".", 1)[-1].startswith("_") and not name.endswith("__init__")


def _public_functions():
    for name in _action_modules():
        if _is_private_module(name):
            continue
        module = importlib.import_module(name)
        for attr, value in sorted(vars(module).items()):
            # Re-exported names (the package's __init__) are checked where they are defined.
            if attr.startswith("_") or not inspect.isfunction(value) or value.__module__ != name:
                continue
            yield f"{name}.{attr}", value


PUBLIC = dict(_public_functions())
ACTIONS = {name: fn for name, fn in PUBLIC.items() if name not in NO_ACTOR}


def _called_names(fn) -> list[str]:
    tree = ast.parse(textwrap.dedent(inspect.getsource(inspect.unwrap(fn))))
    names = []
    for node in ast.walk(tree):
        if isinstance(node, ast.Call):
            if isinstance(node.func, ast.Name):
                names.append(node.func.id)
            elif isinstance(node.func, ast.Attribute):
                names.append(node.func.attr)
    return names


def _checks_permission(fn, seen=None) -> bool:
    """Does `fn`, or an actions-package function it calls, call a permission check?"""
    seen = set() if seen is None else seen
    fn = inspect.unwrap(fn)
    if fn in seen:
        return False
    seen.add(fn)
    for called in _called_names(fn):
        if called in PERMISSION_CALLS or PERMISSION_PATTERN.match(called):
            return True
        target = fn.__globals__.get(called)
        if inspect.isfunction(target) and ".actions" in target.__module__ and _checks_permission(target, seen):
            return True
    return False


def test_the_walk_finds_the_actions_of_every_app():
    apps = {name.split(".")[1] for name in ACTIONS}
    assert {"applications", "catalog", "holidays", "oversight", "portal", "reports", "security"} <= apps
    assert len(ACTIONS) > 50


def test_the_allow_list_names_only_existing_public_functions_without_an_actor():
    for name in NO_ACTOR:
        assert name in PUBLIC, f"{name} is no longer a public action-module function: drop it from NO_ACTOR"
        assert "actor" not in inspect.signature(PUBLIC[name]).parameters, f"{name} takes an actor: check it"


@pytest.mark.parametrize("name", sorted(ACTIONS))
def test_every_public_action_takes_an_actor_and_checks_it(name):
    fn = ACTIONS[name]
    assert "actor" in inspect.signature(fn).parameters, (
        f"{name} is public in an actions module but takes no actor: check permission, make it private (_name) "
        "or list it in NO_ACTOR with the reason"
    )
    assert _checks_permission(fn), f"{name} takes an actor but never checks its permission (can/require/…)"


def test_private_helpers_of_the_actions_are_used_only_by_the_actions():
    offenders = []
    for file in sorted(ROOT.rglob("*.py")):
        relative = file.relative_to(ROOT)
        if "actions" in relative.parts[:-1] or relative.name == "actions.py":
            continue
        text = file.read_text(encoding="utf-8")
        for line in re.findall(r"^from gongkai\.\w+\.actions[\w.]* import .*$", text, re.MULTILINE):
            module = line.split(" import ")[0]
            names = line.split(" import ")[1].strip("() ").split(",")
            if re.search(r"\.actions\._\w+$", module) or any(n.strip().startswith("_") for n in names):
                offenders.append(f"{relative}: {line}")
        if re.search(r"\bactions\._\w+", text):
            offenders.append(f"{relative}: uses a private actions name")
    assert offenders == []


def _agency_only(fn) -> bool:
    """Can the action be called with just an agency, an actor and scalars (None)?"""
    objects = {"application", "item", "items", "version", "letter", "row", "request", "proposal"}
    objects |= {"rectification", "case", "hit", "attachment", "column", "target", "recipients"}
    return not (objects & set(inspect.signature(fn).parameters))


DRIVEN = {name: fn for name, fn in ACTIONS.items() if _agency_only(fn)}


def test_enough_actions_are_driven_for_real():
    assert len(DRIVEN) >= 15, sorted(DRIVEN)


@pytest.mark.parametrize("name", sorted(DRIVEN))
def test_an_action_refuses_a_user_with_no_role_in_the_agency(name, township, other_handler):
    """Called outside any view, with every other argument left empty: the permission is checked
    first, so the refusal is `PermissionRefused` (not a missing value, not a 500)."""
    fn = DRIVEN[name]
    kwargs = {}
    for parameter in inspect.signature(fn).parameters.values():
        if parameter.name == "agency":
            kwargs["agency"] = township
        elif parameter.name == "actor":
            kwargs["actor"] = other_handler
        elif parameter.name == "now":
            kwargs["now"] = timezone.now()
        elif parameter.default is inspect.Parameter.empty:
            kwargs[parameter.name] = None
    with pytest.raises(PermissionRefused):
        fn(**kwargs)
