"""Consistency of an item's dates. Returns every finding: list[(field, message)]."""

from __future__ import annotations

from datetime import date


def date_problems(
    *,
    written_on: date | None,
    formed_on: date | None,
    published_on: date | None,
    changed_on: date | None = None,
    today: date | None = None,
) -> list[tuple[str, str]]:
    problems = []
    if written_on and formed_on and formed_on < written_on:
        problems.append(("formed_on", "生成日期不能早于成文日期"))
    if written_on and published_on and published_on < written_on:
        problems.append(("published_on", "发布日期不能早于成文日期"))
    if changed_on and written_on and changed_on < written_on:
        problems.append(("changed_on", "变更日期不能早于成文日期"))
    if changed_on and published_on and published_on < changed_on:
        problems.append(("published_on", "发布日期不能早于变更日期"))
    if today and written_on and written_on > today:
        problems.append(("written_on", "成文日期不能晚于今天"))
    return problems
