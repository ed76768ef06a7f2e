"""Catalog fixtures: the township's catalog, a custom column, and items in each state."""

from __future__ import annotations

from datetime import UTC, date, datetime

import pytest

NOW = datetime(2024, 6, 3, 2, 0, tzinfo=UTC)  # 10:00 in Shanghai


def fields(**overrides):
    data = {
        "title": "关于做好2024年城乡低保资金发放工作的通知",
        "summary": "城乡低保资金发放安排",
        "publisher": "测试镇人民政府",
        "written_on": date(2024, 5, 28),
        "body_html": "<p>各村：现将城乡低保资金发放工作安排如下。</p>",
    }
    data.update(overrides)
    return data


@pytest.fixture(autouse=True)
def fast_password_hasher(settings):
    """Users are created per test; the production hasher costs ~0.5 s each."""
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


@pytest.fixture
def catalog(township):
    from gongkai.catalog.structure import ensure_catalog

    return ensure_catalog(township)


@pytest.fixture
def news(catalog, township, agency_admin):
    from gongkai.catalog.actions.setup import add_column
    from gongkai.catalog.models import Column

    group = Column.objects.get(agency=township, code="statutory")
    return add_column(agency=township, actor=agency_admin, name="镇街动态", parent=group, position=60)


@pytest.fixture
def make_item(township, news, handler):
    from gongkai.catalog import actions

    def make(**overrides):
        column = overrides.pop("column", news)
        doc_kind = overrides.pop("doc_kind", "other")
        return actions.create_item(
            agency=township, column=column, actor=handler, fields=fields(**overrides), doc_kind=doc_kind
        )

    return make


@pytest.fixture
def publish(handler, reviewer):
    from gongkai.catalog import actions

    def run(item, now=NOW, publish_at=None):
        version = item.versions.filter(state="draft").get()
        actions.submit_version(version=version, actor=handler, now=now)
        for hit in version.hits.all():
            actions.resolve_hit(hit=hit, actor=reviewer, resolution="confirmed", reason="测试确认", now=now)
        actions.approve_version(version=version, actor=reviewer, opinion="同意", now=now, publish_at=publish_at)
        item.refresh_from_db()
        return item

    return run


@pytest.fixture
def retire(handler, reviewer):
    """Retire a published item the only way there is: the handler requests, a reviewer approves."""
    from gongkai.catalog import actions

    def run(item, *, validity, on, reason, now=NOW):
        request = actions.request_retirement(item=item, actor=handler, validity=validity, on=on, reason=reason, now=now)
        return actions.approve_retirement(request=request, actor=reviewer, opinion="同意", now=now)

    return run
