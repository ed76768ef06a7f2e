"""The recipes of docs/architecture.md that touch our own data (a letter type, an outcome
category), followed with a throwaway example; and a check that every file and name the recipes
mention exists, so that the recipes cannot drift from the code."""

from __future__ import annotations

import importlib
import re
from datetime import date
from pathlib import Path

import pytest
from django.db import transaction

from gongkai.applications import forms as application_forms
from gongkai.applications import letters
from gongkai.applications.letters import lapse
from gongkai.applications.models import CLOSING_KINDS, LetterKind
from gongkai.applications.selectors import application_table_counts
from gongkai.core import outcomes
from gongkai.core.letters import decisions, remedies, templates
from gongkai.core.letters.form import placeholder_problem, placeholders_of
from gongkai.core.letters.templates import BY_KIND, DEFAULTS, REQUIRED, allowed, missing_required
from tests.applications.factories import decided, registered

ROOT = Path(__file__).resolve().parent.parent
ARCHITECTURE = ROOT / "docs" / "architecture.md"


# --- every file and name a recipe mentions exists ---------------------------------------------


def recipes_text() -> str:
    text = ARCHITECTURE.read_text(encoding="utf-8")
    start = text.index("## Recipes")
    end = text.find("\n## ", start + 1)
    return text[start : end if end != -1 else len(text)]


def _backticked(text: str) -> list[str]:
    return re.findall(r"`([^`\n]+)`", text)


FILE = re.compile(r"^[\w./-]+\.(?:py|json|html|md)$")
DOTTED = re.compile(r"^(?:[A-Za-z_]\w*\.)+[A-Za-z_]\w*$")
NAME = re.compile(r"^[A-Za-z_]\w*$")


def _file(token: str) -> Path | None:
    """The repository file a backticked path names (as written, or under gongkai/, or a template)."""
    candidates = [ROOT / token, ROOT / "gongkai" / token]
    if token.endswith(".html") and "/" not in token:
        candidates.append(ROOT / "gongkai" / "templates" / token)
    return next((c for c in candidates if c.is_file()), None)


def _resolve_dotted(token: str):
    """`gongkai.x.y.Name` (or `x.y.Name` under gongkai): the object, or None."""
    for dotted in (token, f"gongkai.{token}"):
        parts = dotted.split(".")
        for cut in range(len(parts), 0, -1):
            module_name = ".".join(parts[:cut])
            try:
                found = importlib.import_module(module_name)
            except ImportError:
                continue
            try:
                for attribute in parts[cut:]:
                    found = getattr(found, attribute)
            except AttributeError:
                break
            return found
    return None


def _defined_names() -> set[str]:
    names = set()
    for source in (ROOT / "gongkai").rglob("*.py"):
        text = source.read_text(encoding="utf-8")
        names |= set(re.findall(r"^\s*(?:def|class)\s+(\w+)", text, re.MULTILINE))
        names |= set(re.findall(r"^\s*(\w+)\s*(?::[^=\n]*)?=", text, re.MULTILINE))
    return names


def _strip_call(token: str) -> str:
    return re.sub(r"\(.*$", "", token).rstrip(":")


def test_every_file_and_name_the_recipes_mention_exists():
    text = recipes_text()
    defined = _defined_names()
    missing, checked = [], 0
    for token in _backticked(text):
        if "<" in token or "…" in token and "(" not in token:
            continue  # a pattern (`read_<format>.py`) or an elided example
        bare = _strip_call(token)
        if token.startswith("../"):
            continue  # outside the repository (the shared spec), never read at run time
        if FILE.match(token) and ("/" in token or token.endswith(".html")):
            checked += 1
            if _file(token) is None:
                missing.append(f"file {token}")
        elif "/" in bare and "." in bare.rsplit("/", 1)[1]:  # `core/archive_limits.KINDS`
            path, attribute = bare.rsplit(".", 1)
            checked += 1
            source = _file(path + ".py")
            if source is None or not re.search(rf"\b{attribute}\b", source.read_text(encoding="utf-8")):
                missing.append(f"name {token}")
        elif DOTTED.match(bare) and bare.split(".")[0] in ("gongkai", *_gongkai_packages()):
            checked += 1
            if _resolve_dotted(bare) is None:
                missing.append(f"name {token}")
        elif DOTTED.match(bare) and bare[0].isupper():  # `ImportRefused.lines`
            checked += 1
            if bare.split(".")[0] not in defined:
                missing.append(f"name {token}")
        elif NAME.match(bare) and ("_" in bare.strip("_") or any(c.isupper() for c in bare)):
            checked += 1
            if bare not in defined:
                missing.append(f"name {token}")
    assert checked > 60, "the recipes' names were not found: has the section moved?"
    assert missing == [], "docs/architecture.md recipes name what does not exist: " + ", ".join(missing)


def _gongkai_packages() -> tuple[str, ...]:
    return tuple(p.name for p in (ROOT / "gongkai").iterdir() if (p / "__init__.py").is_file())


def _names_with_their_file(text: str) -> list[tuple[str, str]]:
    """(name, path) pairs the recipes write as `path` (`A`, `B`), `A` (`path`) or `A` in `path`."""
    pairs = []
    for path, inside in re.findall(r"`([\w./-]+\.py)`\s*\(((?:[^()]|\([^()]*\))*)\)", text):
        pairs += [(_strip_call(token), path) for token in _backticked(inside)]
    pairs += re.findall(r"`([A-Za-z_]\w*)`\s*(?:\(|in\s)`([\w./-]+\.py)`", text)
    return [(name, path) for name, path in pairs if NAME.match(name) and "/" in path]


def _definition(name: str) -> str:
    return rf"^\s*(?:(?:async\s+)?def|class)\s+{name}\b|^\s*{name}\s*(?::[^=\n]*)?="


def test_names_next_to_a_file_are_defined_in_that_file():
    """`gongkai/core/letters/decisions.py` (`FIELDS`, `paragraphs`): each name is in that file."""
    pairs = _names_with_their_file(recipes_text().replace("\n  ", " "))
    assert len(pairs) >= 8, pairs
    wrong = [
        f"{name} not in {path}"
        for name, path in pairs
        if _file(path) is not None
        and not re.search(_definition(name), _file(path).read_text(encoding="utf-8"), re.MULTILINE)
    ]
    assert wrong == [], ", ".join(wrong)


def test_the_cli_commands_the_recipes_name_exist(capsys):
    from gongkai.cli import main as cli_main

    commands = {tuple(t.split()[1:]) for t in _backticked(recipes_text()) if re.match(r"^gongkai [a-z]+ [a-z]+$", t)}
    assert ("report", "check") in commands and ("jobs", "list") in commands
    for command in commands:
        with pytest.raises(SystemExit) as exit_:
            cli_main([*command, "--help"])
        assert exit_.value.code == 0, command
    capsys.readouterr()


# --- a letter type ----------------------------------------------------------------------------

EXAMPLE_KIND = "recipe_example"


def test_every_letter_kind_has_its_template_data():
    """What the recipe asks of a `LetterKind` member: placeholders, required parts, a default text
    that uses only its placeholders and keeps what the law requires."""
    kinds = {k.value for k in LetterKind}
    assert set(BY_KIND) == kinds and set(REQUIRED) == kinds and set(DEFAULTS) == kinds
    for kind in kinds:
        assert placeholder_problem(DEFAULTS[kind], allowed(kind)) is None, kind
        assert missing_required(kind, placeholders_of(DEFAULTS[kind])) == [], kind
    assert {k.value for k in CLOSING_KINDS} == {k.value for k in lapse.EVENT_OF}
    assert set(lapse.OUTCOME_OF) == set(CLOSING_KINDS) - {LetterKind.REPLY}


def test_recipe_a_letter_type_template_data(monkeypatch):
    """The data half of the recipe with a throwaway kind: its placeholders and required parts
    govern what an agency's template may say."""
    monkeypatch.setitem(BY_KIND, EXAMPLE_KIND, {"content": "示例内容", "deadline": "示例期限"})
    monkeypatch.setitem(REQUIRED, EXAMPLE_KIND, ("content",))
    monkeypatch.setitem(DEFAULTS, EXAMPLE_KIND, "$applicant：\n现告知如下：$content\n请于$deadline前办理。")
    assert set(allowed(EXAMPLE_KIND)) == set(templates.COMMON) | {"content", "deadline"}
    assert placeholder_problem(DEFAULTS[EXAMPLE_KIND], allowed(EXAMPLE_KIND)) is None
    assert missing_required(EXAMPLE_KIND, placeholders_of("$applicant：请于$deadline前办理。")) == ["content"]
    problem = placeholder_problem("$applicant：$fee_amount", allowed(EXAMPLE_KIND))
    assert problem and "fee_amount" in problem


@pytest.mark.django_db
def test_every_letter_kind_renders_without_a_placeholder_left(township, handler):
    application = registered(township, handler, date(2026, 1, 5), today=date(2026, 1, 6))
    for kind in LetterKind:
        values = {name: f"示例{name}" for name in BY_KIND[kind.value]}
        body = letters.render_text(application, kind.value, issued_on=date(2026, 1, 7), **values)
        assert "$" not in body, kind
        assert application.number in body or kind.value.startswith("lapse_") or "third_party" in BY_KIND[kind.value]


@pytest.mark.django_db
def test_recipe_a_letter_type_without_its_member_is_refused_loudly(township, handler, monkeypatch):
    """The model half cannot be skipped: a kind with template data but no `LetterKind` member is
    not issued (the recipe's migration is needed)."""
    monkeypatch.setitem(BY_KIND, EXAMPLE_KIND, {"content": "示例内容"})
    monkeypatch.setitem(DEFAULTS, EXAMPLE_KIND, "$applicant：$content")
    application = registered(township, handler, date(2026, 1, 5), today=date(2026, 1, 6))
    with pytest.raises(ValueError), transaction.atomic():
        letters.issue_letter(application, EXAMPLE_KIND, issued_on=date(2026, 1, 7), content="示例")
    assert not application.letters.exists()


# --- an outcome category ----------------------------------------------------------------------

EXAMPLE_OUTCOME = outcomes.Outcome("withheld.recipe_example", "示例不予公开情形", "（三）不予公开", "第十四条")


@pytest.fixture
def example_outcome(monkeypatch):
    """A throwaway outcome added to the core's lists, as a new row of the format would add it."""
    added = (*outcomes.OUTCOMES, EXAMPLE_OUTCOME)
    monkeypatch.setattr(outcomes, "OUTCOMES", added)
    monkeypatch.setattr(outcomes, "OUTCOME_IDS", tuple(o.id for o in added))
    rows = list(outcomes.ROW_IDS)
    rows.insert(rows.index(outcomes.TOTAL_COLUMN), EXAMPLE_OUTCOME.id)
    monkeypatch.setattr(outcomes, "ROW_IDS", tuple(rows))
    monkeypatch.setitem(outcomes._BY_ID, EXAMPLE_OUTCOME.id, EXAMPLE_OUTCOME)
    monkeypatch.setitem(outcomes._ARTICLES, EXAMPLE_OUTCOME.id, EXAMPLE_OUTCOME.article)
    return EXAMPLE_OUTCOME


def test_outcomes_are_the_report_rows():
    """The recipe's premise: an outcome's id is its report row, and each has an article."""
    assert set(outcomes.OUTCOME_IDS) < set(outcomes.ROW_IDS)
    assert set(outcomes._ARTICLES) == set(outcomes.OUTCOME_IDS)
    assert set(decisions.FIELDS) == set(outcomes.OUTCOME_IDS)


def test_recipe_an_outcome_without_wording_fails_loudly(example_outcome, monkeypatch):
    """Until `paragraphs` words it the letter cannot be written (the wording test names it)."""
    assert decisions.problems(example_outcome.id, {}) != {}  # no fields yet: refused
    monkeypatch.setitem(decisions.FIELDS, example_outcome.id, (decisions.REASON,))
    assert set(decisions.problems(example_outcome.id, {})) == {"reason"}
    with pytest.raises(KeyError):
        decisions.paragraphs(example_outcome.id, {"reason": "示例理由"})


def test_recipe_an_outcome_under_withheld_gets_review_first_remedies(example_outcome):
    assert decisions.withholds(example_outcome.id)
    got = remedies.remedies(example_outcome.id, review_body="某县人民政府", court="某县人民法院")
    assert got == remedies.remedies("withheld.state_secret", review_body="某县人民政府", court="某县人民法院")
    assert "先" in got[0] or "应当" in got[0]


def test_recipe_an_outcome_is_offered_by_the_reply_form_with_its_fields(example_outcome, monkeypatch):
    extra = decisions.Field("recipe_basis", "示例依据")
    monkeypatch.setitem(decisions.FIELDS, example_outcome.id, (extra,))
    monkeypatch.setitem(decisions.ALL_FIELDS, "recipe_basis", extra)
    form = application_forms.ReplyDraftForm()
    assert (example_outcome.id, example_outcome.full_label) in form.fields["outcome"].choices
    assert form.fields["recipe_basis"].widget.attrs["data-outcomes"] == example_outcome.id
    bound = application_forms.ReplyDraftForm(data={"outcome": example_outcome.id})
    assert not bound.is_valid() and "recipe_basis" in bound.errors


@pytest.mark.django_db
def test_recipe_an_outcome_counts_in_its_report_row(example_outcome, township, handler):
    decided(township, handler, date(2025, 3, 3), date(2025, 3, 10))
    application = decided(township, handler, date(2025, 4, 1), date(2025, 4, 8))
    type(application).objects.filter(pk=application.pk).update(outcome=example_outcome.id)
    table = application_table_counts(township, 2025)
    assert table[example_outcome.id]["total"] == 1
    assert table["granted"]["total"] == 1 and table["total"]["total"] == 2
