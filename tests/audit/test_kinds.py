"""Audit kinds are a registry with a Chinese label each (issue 15); staff see labels, never codes."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from gongkai.audit import kinds

ROOT = Path(__file__).resolve().parents[2] / "gongkai"
DOTTED = re.compile(r"""["']([a-z]+(?:\.[a-z_]+)+)["']""")
# log(application, actor, "decided", before, ...) in gongkai/applications/actions/ records "applications.<kind>"
APPLICATION_LOG = re.compile(r"""\blog\(\s*\w+\s*,\s*\w+\s*,\s*["']([a-z_]+)["']""")
CJK = re.compile(r"[\u4e00-\u9fff]")


def _recording_modules():
    """Source files that write audit entries (call audit.record / a helper that does)."""
    for path in sorted(ROOT.rglob("*.py")):
        if "migrations" in path.parts or path.parts[-2] == "core" or "core" in path.relative_to(ROOT).parts[:1]:
            continue
        text = path.read_text(encoding="utf-8")
        if "audit.record(" in text or "record(subject=" in text:
            yield path, text


def recorded_kinds() -> set[str]:
    found = set()
    for _path, text in _recording_modules():
        found.update(m.group(1) for m in DOTTED.finditer(text))
        found.update(f"applications.{m.group(1)}" for m in APPLICATION_LOG.finditer(text))
    return found


def test_the_scan_finds_the_known_kinds():
    found = recorded_kinds()
    assert {
        "catalog.version.approved",
        "applications.registered",
        "applications.extended",
        "oversight.rectification.accepted",
        "report.published",
        "calendar.year_entered",
    } <= found


def test_every_kind_recorded_in_the_code_is_registered():
    missing = sorted(k for k in recorded_kinds() if not kinds.is_registered(k))
    assert missing == [], f"register these audit kinds in gongkai/audit/kinds.py: {missing}"


def test_every_label_is_chinese_without_codes():
    for kind in kinds.all_kinds():
        assert CJK.search(kind.label), kind
        assert not re.search(r"[A-Za-z]", kind.label), kind
        assert not re.search(r"[:.]", kind.label), kind


def test_unknown_kind_never_shows_its_code():
    assert kinds.label("nobody.registered.this") == kinds.UNKNOWN_LABEL


def test_a_conflicting_registration_is_refused():
    kinds.register("catalog.version.approved", "审核通过")  # same label: fine
    with pytest.raises(ValueError, match="already registered"):
        kinds.register("catalog.version.approved", "别的名称")


@pytest.mark.django_db
def test_staff_trail_shows_the_label(client, township, handler):
    from django.db import transaction

    from gongkai import audit

    with transaction.atomic():
        audit.record(subject=township, actor=handler, kind="agency.updated")
    from gongkai.agencies.models import Membership, Role

    Membership.objects.get_or_create(user=handler, agency=township, role=Role.HANDLER)
    client.force_login(handler)
    page = client.get(f"/staff/agency/{township.pk}/").content.decode()
    assert "修改机构信息" in page
    assert "agency.updated" not in page
