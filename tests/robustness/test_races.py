"""Races (issue 11): whoever loses two simultaneous review actions is told “该事项已由他人处理”,
never a 500 — on PostgreSQL, with two threads and two connections."""

from __future__ import annotations

import threading

import pytest
from django.db import connection

from gongkai.catalog import actions
from gongkai.core.refusal import Refused
from tests.catalog.conftest import NOW, fields

pytestmark = [pytest.mark.postgres_only, pytest.mark.django_db(transaction=True)]


def _race(*calls):
    barrier = threading.Barrier(len(calls))
    outcomes = [None] * len(calls)

    def run(index, call):
        try:
            barrier.wait(timeout=10)
            outcomes[index] = ("ok", call())
        except Exception as error:
            outcomes[index] = ("error", error)
        finally:
            connection.close()

    threads = [threading.Thread(target=run, args=(i, c)) for i, c in enumerate(calls)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=60)
    return outcomes


@pytest.fixture
def second_reviewer(township):
    from gongkai.agencies.models import Role
    from tests.conftest import _user

    return _user("reviewer2", township, Role.REVIEWER, first_name="审核二")


@pytest.mark.parametrize("loser_action", ["approve", "reject"])
def test_the_loser_of_two_simultaneous_reviews_is_told_it_was_handled(
    township, news, handler, reviewer, second_reviewer, loser_action
):
    item = actions.create_item(agency=township, column=news, actor=handler, fields=fields())
    version = item.versions.get()
    actions.submit_version(version=version, actor=handler, now=NOW)

    def approve():
        return actions.approve_version(version=version, actor=reviewer, opinion="同意", now=NOW)

    def other():
        if loser_action == "approve":
            return actions.approve_version(version=version, actor=second_reviewer, opinion="同意", now=NOW)
        return actions.reject_version(version=version, actor=second_reviewer, opinion="请修改", now=NOW)

    outcomes = _race(approve, other)
    kinds = sorted(kind for kind, _ in outcomes)
    assert kinds == ["error", "ok"], outcomes
    error = next(value for kind, value in outcomes if kind == "error")
    assert isinstance(error, Refused) and "该事项已由他人处理" in error.message
    version.refresh_from_db()
    assert version.state in ("published", "rejected")
    assert version.__class__.objects.filter(item=item).count() == (1 if version.state == "published" else 2)
